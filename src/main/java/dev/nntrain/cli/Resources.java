package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Layer;
import dev.nntrain.model.ModelFiles;

import java.lang.management.ManagementFactory;
import java.util.List;

/**
 * Estimates what a training run needs, memory and disk, from the model's sizes and the data, and
 * refuses a run that cannot fit before anything is allocated: a typo such as {@code --layers
 * 2000000} gets a line with the estimate, not an out-of-memory error minutes later.
 *
 * <p>The estimate, in the model's 4-byte floats: the parameters six times over (the parameters,
 * their gradient, Adam's two moments and two temporaries of an update), the training set once on
 * the engine, and a batch's activations four times over (forward values, their gradients and the
 * temporaries between them), plus an evaluation chunk of 4,096 examples. On the Java heap: the
 * parameters' encoding when the model is saved, and with checkpoints the optimiser's state as
 * doubles. It is an estimate, within a factor of about two; its job is to catch the absurd.
 */
final class Resources {

    private static final long FLOAT = 4;
    private static final int EVAL_CHUNK = 4096;

    private Resources() {}

    /**
     * Checks the run against the machine's memory and the disk of the output and checkpoints.
     *
     * @param settings the run
     * @param layers the model's layers, not yet built
     * @param inputShape the shape of one example as the first layer reads it
     * @param train the training examples
     * @throws InvalidInputException with the estimate when the run cannot fit
     */
    static void check(TrainSettings settings, List<Layer> layers, long[] inputShape, Examples train) {
        long[] shape = inputShape.clone();
        long parameters = 0;
        long activations = 0;
        for (Layer layer : layers) {
            try {
                parameters = Math.addExact(parameters, layer.parameterCount(shape));
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--layers: " + e.getMessage(), e);
            }
            activations = Math.addExact(activations, size(shape));
        }
        long batch = Math.min(settings.batchSize(), train.size());
        long features = train.featureSize();
        long engine = FLOAT * (6 * parameters
                + (long) train.size() * (features + train.targetWidth())
                + 4 * batch * (activations + features)
                + (long) EVAL_CHUNK * (activations + features));
        long heap = FLOAT * parameters * (settings.checkpoints().every() > 0 ? 7 : 2);
        long physical = physicalMemory();
        if (physical > 0 && engine + heap > physical * 9 / 10) {
            throw new InvalidInputException(String.format(
                    "this model has %,d parameters and training it (batch %,d, %,d examples of %,d features) needs"
                            + " about %s of memory; this machine has %s (use fewer or smaller --layers or a smaller"
                            + " --batch-size)", parameters, batch, train.size(), features, gigabytes(engine + heap),
                    gigabytes(physical)));
        }
        long maxHeap = Runtime.getRuntime().maxMemory();
        if (heap > maxHeap / 2) {
            throw new InvalidInputException(String.format(
                    "this model has %,d parameters; saving it needs about %s of Java heap and this JVM may use %s"
                            + " (raise it with java -Xmx)", parameters, gigabytes(heap), gigabytes(maxHeap)));
        }
        long modelBytes = FLOAT * parameters + 64 * 1024;
        ModelFiles.checkSaveTarget(settings.output(), modelBytes);
        if (settings.checkpoints().dir() != null) {
            ModelFiles.checkSaveTarget(settings.checkpoints().dir(),
                    modelBytes + 2 * Double.BYTES * parameters + (long) Integer.BYTES * train.size());
        }
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    private static String gigabytes(long bytes) {
        return bytes >= 1L << 30
                ? String.format("%.1f GB", bytes / (double) (1L << 30))
                : String.format("%,d MB", Math.max(1, bytes >> 20));
    }
}
