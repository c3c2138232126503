package dev.nntrain.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.training.loss.L2Loss;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;

import java.util.List;

/**
 * Keras' {@code MeanSquaredError}: {@code (1/m) sum (f - y)^2} over every output of every example.
 *
 * <p>DJL's {@link L2Loss} defaults to half of this ({@code weight = 1/2}, the form that makes the
 * derivative {@code f - y}); this class uses {@code L2Loss} with {@code weight = 1}, so its values
 * match Keras and the course's regression cost. Its written-out gradient with respect to the
 * outputs is {@code 2 (a - y) / (m k)}; the output layer's activation, whatever it is, then
 * applies its own derivative.
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
    public List<String> aliases() {
        return List.of("mse");
    }

    @Override
    public boolean fromLogits() {
        return false;
    }

    @Override
    public Activation expectedOutputActivation() {
        return null;
    }

    @Override
    public Activation predictionActivation() {
        return Activation.LINEAR;
    }


    @Override
    public boolean hasWrittenGradient() {
        return true;
    }

    @Override
    public NDArray writtenGradient(
            NDArray a, NDArray y, Batch batch, NDArray lossSum, EngineScalars scalars, NDArray weights) {
        NDArray diff = a.sub(y);
        lossSum.addi(weightedSum(diff.mul(diff), weights));
        return weighted(diff.muli(scalars.of(2.0 / batch.elements())), weights);
    }

    @Override
    NDArray terms(NDArray output, NDArray target) {
        NDArray diff = output.sub(target);
        return diff.mul(diff);
    }

    @Override
    public int termsPerExample(long outputWidth) {
        return (int) outputWidth;
    }

    @Override
    public NDArray compute(NDArray output, NDArray target) {
        return djl.evaluate(new ai.djl.ndarray.NDList(target), new ai.djl.ndarray.NDList(output));
    }

    @Override
    public ai.djl.training.loss.Loss toDjl() {
        return djl;
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != outputWidth) {
            throw new InvalidInputException(
                    "mean squared error needs one target per output: the output layer has "
                            + outputWidth + " units but examples have " + targetWidth
                            + " target values");
        }
        for (int i = 0; i < targets.length; i++) {
            if (!Float.isFinite(targets[i])) {
                throw new InvalidInputException(
                        "target " + targets[i] + " of example " + i / targetWidth + " is not finite");
            }
        }
    }
}
