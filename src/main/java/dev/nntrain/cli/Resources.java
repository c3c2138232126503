package dev.nntrain.cli;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Shapes;
import dev.nntrain.model.file.ModelFiles;

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
 * temporaries between them), plus an evaluation chunk (4,096 examples, fewer when a layer's output
 * is wide, as {@link BatchedInference#chunkSize(long)} chooses). On the Java heap: the parameters'
 * encoding when the model is saved, with checkpoints the optimiser's state as doubles, and an
 * evaluation chunk's outputs copied from the engine (a 65,536-class output makes them wide). It
 * is an estimate, within a factor of about two; its job is to catch the absurd.
 *
 * <p>Sizes are multiplied in {@code double}, which rounds but never wraps around: a product past
 * {@code Long.MAX_VALUE} in {@code long} arithmetic wraps to a small or negative number that would
 * pass the check.
 */
final class Resources {

    private static final double FLOAT = 4;

    private Resources() {}

    /**
     * What a run needs.
     *
     * @param parameters the exact parameter count, or -1 when it does not fit in a {@code long}
     * @param approximateParameters the parameter count as a double (rounded past 2^53)
     * @param engineBytes the engine's memory
     * @param heapBytes the Java heap's
     * @param batch the batch size, at most the number of examples
     */
    record Estimate(long parameters, double approximateParameters, double engineBytes, double heapBytes, long batch) {

        /** @return the parameter count as the message gives it */
        String formatParameters() {
            return parameters >= 0 ? String.format("%,d", parameters)
                    : String.format("about %.3g", approximateParameters);
        }
    }

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
        boolean checkpoints = settings.checkpoints().every() > 0;
        Estimate e = estimate(layers, inputShape, settings.batchSize(), train.size(), train.featureSize(),
                train.targetWidth(), checkpoints);
        long features = train.featureSize();
        double physical = physicalMemory();
        if (physical > 0 && e.engineBytes() + e.heapBytes() > physical * 0.9) {
            throw new InvalidInputException(String.format(
                    "this model has %s parameters and training it (batch %,d, %,d examples of %,d features) needs"
                            + " about %s of memory; this machine has %s (use fewer or smaller --layers or a smaller"
                            + " --batch-size)", e.formatParameters(), e.batch(), train.size(), features,
                    gigabytes(e.engineBytes() + e.heapBytes()), gigabytes(physical)));
        }
        double maxHeap = Runtime.getRuntime().maxMemory();
        if (e.heapBytes() > maxHeap / 2) {
            throw new InvalidInputException(String.format(
                    "this model has %s parameters; saving it and reading its outputs need about %s of Java heap"
                            + " and this JVM may use %s (raise it with java -Xmx)", e.formatParameters(),
                    gigabytes(e.heapBytes()), gigabytes(maxHeap)));
        }
        if (e.parameters() < 0) { // not reached with a machine's memory today; no long to go on with
            throw new InvalidInputException("this model has " + e.formatParameters() + " parameters (use fewer or"
                    + " smaller --layers)");
        }
        long modelBytes = 4 * e.parameters() + 64 * 1024;
        ModelFiles.checkSaveTarget(settings.output(), modelBytes);
        if (settings.checkpoints().dir() != null) {
            ModelFiles.checkSaveTarget(settings.checkpoints().dir(),
                    modelBytes + 2 * Double.BYTES * e.parameters() + (long) Integer.BYTES * train.size());
        }
    }

    /**
     * Estimates a run's memory (see the class comment).
     *
     * @param layers the model's layers, not yet built
     * @param inputShape the shape of one example as the first layer reads it
     * @param batchSize the batch size asked for
     * @param examples the number of training examples
     * @param features the values per example
     * @param targetWidth the targets per example
     * @param checkpoints whether checkpoints are written
     * @return the estimate
     * @throws InvalidInputException naming {@code --layers} when a layer cannot take its input
     */
    static Estimate estimate(List<Layer> layers, long[] inputShape, int batchSize, int examples, long features,
            int targetWidth, boolean checkpoints) {
        long[] shape = inputShape.clone();
        long parameters = 0;
        double approximate = 0;
        double activations = 0;
        double widest = 1;
        for (Layer layer : layers) {
            try {
                approximate += Shapes.approximateParameterCount(layer.parameterShapes(shape));
                if (parameters >= 0) {
                    try {
                        parameters = Math.addExact(parameters, layer.parameterCount(shape));
                    } catch (ArithmeticException tooMany) {
                        parameters = -1;
                    }
                }
                shape = layer.outputShape(shape);
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("--layers: " + e.getMessage(), e);
            }
            double size = Shapes.approximateSize(shape);
            activations += size;
            widest = Math.max(widest, size);
        }
        long batch = Math.min(batchSize, examples);
        double output = Shapes.approximateSize(shape);
        double chunk = BatchedInference.chunkSize((long) Math.min(widest, Long.MAX_VALUE));
        double engine = FLOAT * (6 * approximate
                + (double) examples * (features + targetWidth)
                + 4 * batch * (activations + features)
                + chunk * (activations + features));
        double heap = FLOAT * approximate * (checkpoints ? 7 : 2)
                + 2 * FLOAT * chunk * output; // a chunk's outputs as floats, and the buffer they are copied from
        return new Estimate(parameters, approximate, engine, heap, batch);
    }

    private static long physicalMemory() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 0;
    }

    static String gigabytes(double bytes) {
        double gb = bytes / (1L << 30);
        if (gb >= 1e5) {
            return String.format("%.3g GB", gb);
        }
        return gb >= 1 ? String.format("%.1f GB", gb) : String.format("%,d MB", Math.max(1, (long) (bytes / (1 << 20))));
    }
}
