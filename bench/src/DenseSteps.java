import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.FitOptions;
import dev.nntrain.train.History;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Where a dense model's training step goes on a device: the step as {@code fit} runs it, beside the
 * matrix products the step must do, timed alone through DJL on the same device. The products are
 * the arithmetic (about 6 x parameters FLOPs per sample); what the step takes beyond them is
 * everything else: element-wise work, the optimiser, and each engine call's launch. One line per
 * model, key=value pairs, for bench/gpu.sh's third table.
 *
 *   javac -cp target/nntrain.jar -d target/bench bench/src/Bench.java bench/src/DenseSteps.java
 *   java -cp target/nntrain.jar:target/bench DenseSteps gpu large wide course
 *
 * bench/torch_gemm.py times the same products in PyTorch, for the ceiling a framework reaches.
 */
public final class DenseSteps {

    private DenseSteps() {}

    /** A dense model of Bench's (course, wide or large): its layer widths, 784 in and 10 out. */
    static int[] widths(Bench.Spec s) {
        if (s.convolutional()) {
            throw new IllegalArgumentException("not a dense model: " + s.name() + "; expected course, wide or large");
        }
        int[] w = new int[s.hidden().length + 2];
        w[0] = 784;
        System.arraycopy(s.hidden(), 0, w, 1, s.hidden().length);
        w[w.length - 1] = 10;
        return w;
    }

    /**
     * The products of one step, as (m, k, n) for an m x k by k x n product: per layer the forward
     * product, the weight gradient, and the input gradient (not for the first layer).
     */
    static List<int[]> products(Bench.Spec s) {
        int[] w = widths(s);
        int b = s.batch();
        List<int[]> p = new ArrayList<>();
        for (int i = 1; i < w.length; i++) {
            p.add(new int[] {b, w[i - 1], w[i]});  // forward: X W^T
            p.add(new int[] {w[i], b, w[i - 1]});  // weight gradient: dZ^T X
            if (i > 1) {
                p.add(new int[] {b, w[i], w[i - 1]}); // input gradient: dZ W
            }
        }
        return p;
    }

    /** Waits for the device: reading one value back needs all queued work done. */
    static void sync(NDArray a) {
        a.get(0).toFloatArray();
    }

    /** Milliseconds for all the step's products once, the best of 5 timings of 20 repetitions. */
    static double productsMillis(Bench.Spec s, Device device) {
        try (NDManager m = NDManager.newBaseManager(device)) {
            List<NDArray[]> operands = new ArrayList<>();
            for (int[] p : products(s)) {
                operands.add(new NDArray[] {
                    m.randomUniform(-1, 1, new Shape(p[0], p[1])), m.randomUniform(-1, 1, new Shape(p[1], p[2]))});
            }
            double best = Double.MAX_VALUE;
            for (int round = 0; round < 6; round++) {
                int reps = 20;
                long t0 = System.nanoTime();
                NDArray last = null;
                for (int r = 0; r < reps; r++) {
                    for (NDArray[] ab : operands) {
                        if (last != null) {
                            last.close();
                        }
                        last = ab[0].matMul(ab[1]);
                    }
                }
                sync(last);
                last.close();
                double ms = (System.nanoTime() - t0) / 1e6 / reps;
                if (round > 0) { // the first round warms up (cuBLAS handles, kernel choice)
                    best = Math.min(best, ms);
                }
            }
            return best;
        }
    }

    /**
     * Milliseconds per training step as fit runs it (threads tuned first on the CPU): the best of
     * two epochs after a warm-up one.
     */
    static double stepMillis(Bench.Spec s, Device device) {
        int n = Math.max(8_192, 64 * s.batch());
        Random random = new Random(1);
        float[][] x = new float[n][784];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < 784; j++) {
                x[i][j] = random.nextFloat();
            }
            y[i] = random.nextInt(10);
        }
        Sequential.Builder b = Sequential.builder().optSeed(1).optInputShape(784).optDevice(device);
        for (int h : s.hidden()) {
            b.add(Dense.of(h, Activation.RELU));
        }
        try (CompiledModel net = CompiledModel.compile(b.add(Dense.of(10)).build(), new SparseCategoricalCrossentropy(true), new Adam(1e-3))) {
            Examples data = Examples.of(x, y);
            dev.nntrain.train.tune.Tuner.threads(net, data, s.batch()); // on the CPU as `train` does; nothing on a GPU
            History h = net.fit(data, FitOptions.builder().optEpochs(3).optBatchSize(s.batch()).optSeed(1)
                    .optTrainAccuracy(false).optVerbose(0).build());
            double rate = Math.max(h.epochs().get(1).samplesPerSecond(), h.epochs().get(2).samplesPerSecond());
            return 1000.0 * s.batch() / rate;
        }
    }

    public static void main(String[] args) {
        Locale.setDefault(Locale.ROOT);
        Device device = args.length > 0 && args[0].equals("gpu") ? Device.gpu() : Device.cpu();
        Engines.prepareThread();
        for (int i = 1; i < args.length; i++) {
            Bench.Spec s = Bench.spec(args[i]);
            widths(s); // refuses the CNN
            double flops = 6.0 * s.parameters() * s.batch(); // the main table's convention
            double productFlops = 0; // exactly what the products do
            for (int[] p : products(s)) {
                productFlops += 2.0 * p[0] * p[1] * p[2];
            }
            double step = stepMillis(s, device); // first: on the CPU it tunes the thread count the products then use
            double products = productsMillis(s, device);
            System.out.printf("contender=nntrain-steps model=%s device=%s batch=%d params=%d step_ms=%.4f products_ms=%.4f"
                            + " step_tflops=%.3f products_tflops=%.3f threads=%d%n",
                    s.name(), device, s.batch(), s.parameters(), step, products, flops / step / 1e9,
                    productFlops / products / 1e9, Engines.threads());
        }
    }
}
