package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.loss.L2Loss;

/**
 * Keras' {@code MeanSquaredError}: {@code (1/m) sum (f - y)^2} over every output of every example.
 *
 * <p>DJL's {@link L2Loss} defaults to half of this ({@code weight = 1/2}, the form that makes the
 * derivative {@code f - y}); this class uses {@code L2Loss} with {@code weight = 1}, so its values
 * match Keras and the course's regression cost.
 */
public final class MeanSquaredError extends Loss {

    private final L2Loss djl = new L2Loss("mean_squared_error", 1f);

    /** Creates the loss. */
    public MeanSquaredError() {}

    @Override
    public String name() {
        return "mean_squared_error";
    }

    @Override
    public boolean fromLogits() {
        return false;
    }

    @Override
    public NDArray compute(NDArray output, NDArray target) {
        return djl.evaluate(list(target), list(output));
    }

    @Override
    public ai.djl.training.loss.Loss toDjl() {
        return djl;
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != outputWidth) {
            throw new IllegalArgumentException(
                    "mean squared error needs one target per output: the output layer has "
                            + outputWidth + " units but examples have " + targetWidth
                            + " target values");
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new IllegalArgumentException(
                        "target " + targets[i] + " of example " + i / targetWidth + " is not finite");
            }
        }
    }
}
