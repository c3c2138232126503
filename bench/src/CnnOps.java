import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.pooling.Pool;


import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import dev.nntrain.engine.Engines;

/**
 * The benchmark CNN's step, one operation at a time (Conv2D(8, 3x3, ReLU), MaxPool2D(2), Flatten,
 * Dense(10), batch 64): each of nntrain's rules beside the alternatives it was chosen over, timed
 * alternated in one run (interference slows all alike), 300 repetitions after 30 warm-up ones.
 *
 *   javac -cp target/nntrain.jar -d target/bench bench/src/CnnOps.java
 *   java -cp target/nntrain.jar:target/bench CnnOps 1      # threads
 *
 * bench/torch_ops.py times the same operations in PyTorch from Python.
 */
public final class CnnOps {

    private CnnOps() {}

    public static void main(String[] args) {
        Engines.setThreads(args.length > 0 ? Integer.parseInt(args[0]) : 1);
        Engines.prepareThread();
        int n = 64;
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomUniform(0, 1, new Shape(n, 1, 28, 28));
            NDArray w = m.randomUniform(-0.3f, 0.3f, new Shape(8, 1, 3, 3));
            NDArray b = m.zeros(new Shape(8));
            NDArray z = conv(x, w, b);
            NDArray a = z.getNDArrayInternal().relu();
            NDIndex[] views = new NDIndex[4];
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    views[2 * i + j] = new NDIndex(":, :, " + i + ":26:2, " + j + ":26:2");
                }
            }
            NDArray y = a.get(views[0]).maximum(a.get(views[1])).maximum(a.get(views[2]).maximum(a.get(views[3])));
            NDArray flat = y.reshape(n, -1);
            NDArray w2 = m.randomUniform(-0.05f, 0.05f, new Shape(10, 1352));
            NDArray b2 = m.zeros(new Shape(10));
            NDArray dOut = m.randomUniform(-1, 1, new Shape(n, 10));
            NDArray dy = m.randomUniform(-1, 1, new Shape(n, 8, 13, 13));
            NDArray da = m.randomUniform(-1, 1, new Shape(n, 8, 26, 26));
            NDArray zero = m.create(0f);

            Map<String, Supplier<Object>> ops = new LinkedHashMap<>();
            ops.put("conv forward", () -> conv(x, w, b));
            ops.put("conv dW: batch-as-channels convolution (nntrain)",
                    () -> Conv2d.conv2d(x.transpose(1, 0, 2, 3), da.transpose(1, 0, 2, 3), null,
                            new Shape(1, 1), new Shape(0, 0), new Shape(1, 1)).singletonOrThrow());
            ops.put("relu forward", () -> z.getNDArrayInternal().relu());
            ops.put("maxpool forward: DJL's maxPool2d", () -> Pool.maxPool2d(a, new Shape(2, 2), new Shape(2, 2), new Shape(0, 0), false));
            ops.put("maxpool forward: max of 4 strided views (nntrain)",
                    () -> a.get(views[0]).maximum(a.get(views[1])).maximum(a.get(views[2]).maximum(a.get(views[3]))));
            ops.put("maxpool backward: repeat and compare (before)", () -> {
                NDArray isMax = a.eq(y.repeat(2, 2).repeat(3, 2)).toType(DataType.FLOAT32, false);
                return dy.repeat(2, 2).repeat(3, 2).muli(isMax);
            });
            ops.put("maxpool backward: per strided view (nntrain)", () -> {
                NDArray d = m.zeros(a.getShape());
                for (NDIndex v : views) {
                    d.set(v, a.get(v).eq(y).toType(DataType.FLOAT32, false).muli(dy));
                }
                return d;
            });
            ops.put("  of which 4 strided comparisons", () -> {
                for (NDIndex v : views) {
                    a.get(v).eq(y);
                }
                return null;
            });
            ops.put("  of which 4 strided writes and the zeros", () -> {
                NDArray d = m.zeros(a.getShape());
                for (NDIndex v : views) {
                    d.set(v, dy);
                }
                return d;
            });
            ops.put("relu backward: da * (a > 0) (before)", () -> da.duplicate().muli(a.gt(zero)));
            ops.put("relu backward: da * sign(a) (nntrain)", () -> da.duplicate().muli(a.sign()));
            ops.put("  the copy both include", () -> da.duplicate());
            ops.put("dense forward", () -> ai.djl.nn.core.Linear.linear(flat, w2, b2).singletonOrThrow());
            ops.put("dense backward (dW, db, dx)",
                    () -> new NDList(dOut.transpose().matMul(flat), dOut.sum(new int[] {0}), dOut.matMul(w2)));

            List<String> names = new ArrayList<>(ops.keySet());
            long[] nanos = new long[names.size()];
            int warmup = 30;
            int reps = 300;
            for (int r = 0; r < warmup + reps; r++) {
                for (int k = 0; k < names.size(); k++) {
                    long t0 = System.nanoTime();
                    try (NDScope scope = new NDScope()) {
                        ops.get(names.get(k)).get();
                    }
                    if (r >= warmup) {
                        nanos[k] += System.nanoTime() - t0;
                    }
                }
            }
            for (int k = 0; k < names.size(); k++) {
                System.out.printf("%-52s %8.0f us%n", names.get(k), nanos[k] / (double) reps / 1e3);
            }
        }
    }

    private static NDArray conv(NDArray x, NDArray w, NDArray b) {
        return Conv2d.conv2d(x, w, b, new Shape(1, 1), new Shape(0, 0), new Shape(1, 1)).singletonOrThrow();
    }
}
