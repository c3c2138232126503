package dev.nntrain.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.training.loss.SigmoidBinaryCrossEntropyLoss;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.engine.Engines;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;

import java.util.List;

/**
 * Keras' {@code BinaryCrossentropy}: the logistic loss {@code L = -y log f - (1-y) log(1-f)}
 * of logistic regression, averaged over every output of every example. With several sigmoid
 * outputs it is the multi-label loss: each output answers its own yes/no question.
 *
 * <p>From logits it is computed as {@code y softplus(-z) + (1 - y) softplus(z)}, which equals the
 * loss with {@code f = sigmoid(z)}, never takes the log of a rounded probability, keeps its
 * relative precision when the loss is small, and has the exact derivative {@code sigmoid(z) - y}
 * everywhere. DJL's {@link SigmoidBinaryCrossEntropyLoss} writes it as {@code
 * relu(z) - z y + softplus(-|z|)}: the same values, but PyTorch gives {@code relu} and {@code |z|}
 * a zero derivative at {@code z = 0}, so a logit of exactly 0 gets the gradient {@code -y} instead
 * of {@code 1/2 - y} (found by nntrain's gradient checker). From probabilities it is computed with
 * Keras' clip of {@code f} to {@code [1e-7, 1 - 1e-7]}: DJL 0.36's {@code fromSigmoid} variant
 * returns the log-likelihood with the wrong sign, so it cannot be used for training.
 *
 * <p>Accuracy counts an output as right when its answer (a logit above 0, a probability above
 * 0.5) is the target's rounded one (above 0.5 is yes), so a soft target of 0.9 counts as a yes.
 * Keras' {@code binary_accuracy} compares the answer with the target itself, so soft targets never
 * count as right there; for 0/1 targets the two agree.
 */
public final class BinaryCrossentropy extends Loss {

    private final boolean fromLogits;

    /** Creates the loss on probabilities (a sigmoid output layer), Keras' default. */
    public BinaryCrossentropy() {
        this(false);
    }

    /**
     * Creates the loss.
     *
     * @param fromLogits true when the output layer is linear (logits), false after a sigmoid
     */
    public BinaryCrossentropy(boolean fromLogits) {
        this.fromLogits = fromLogits;
    }

    @Override
    public String name() {
        return "binary_crossentropy";
    }

    @Override
    public List<String> aliases() {
        return List.of("bce", "multilabel-bce");
    }

    @Override
    public boolean fromLogits() {
        return fromLogits;
    }

    @Override
    public Activation expectedOutputActivation() {
        return fromLogits ? Activation.LINEAR : Activation.SIGMOID;
    }

    @Override
    public Activation predictionActivation() {
        return fromLogits ? Activation.SIGMOID : Activation.LINEAR;
    }


    @Override
    public boolean hasWrittenGradient() {
        return fromLogits;
    }

    /** {@code (sigmoid(z) - y) / (m k)}, the loss terms as in {@link #compute}. */
    @Override
    public NDArray writtenGradient(
            NDArray z, NDArray y, Batch batch, NDArray lossSum, EngineScalars scalars, NDArray weights) {
        if (!fromLogits) {
            return super.writtenGradient(z, y, batch, lossSum, scalars, weights);
        }
        long terms = batch.elements();
        NDArray positive = ai.djl.nn.Activation.softPlus(z.neg()).muli(y);
        NDArray negative = ai.djl.nn.Activation.softPlus(z).muli(y.sub(scalars.of(1)).negi()); // (1 - y), owned by y's scope
        lossSum.addi(weightedSum(positive.addi(negative), weights));
        return weighted(Engines.sigmoid(z).subi(y).muli(scalars.of(1.0 / terms)), weights);
    }

    /** Two classes, 0 and 1, with one output; several outputs answer several questions. */
    @Override
    public int classCount(long outputWidth) {
        if (outputWidth != 1) {
            throw new InvalidInputException("class weights need one class per example; binary cross-entropy with "
                    + outputWidth + " outputs is multi-label (" + outputWidth + " yes/no answers per example), and Keras'"
                    + " class_weight takes one sigmoid output");
        }
        return 2;
    }

    /** Each target rounded to 0 or 1, half to even as NumPy's {@code round}, which Keras applies. */
    @Override
    public int[] classes(float[] targets, int targetWidth, long outputWidth) {
        classCount(outputWidth);
        int[] classes = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            classes[i] = (int) Math.rint(targets[i]);
        }
        return classes;
    }

    @Override
    NDArray terms(NDArray output, NDArray target) {
        NDArray y = target.reshape(output.getShape());
        if (fromLogits) {
            return ai.djl.nn.Activation.softPlus(output.neg()).mul(y)
                    .add(ai.djl.nn.Activation.softPlus(output).mul(NDArrays.sub(1, y)));
        }
        NDArray f = output.clip(EPSILON, 1 - EPSILON);
        return y.mul(f.log()).add(NDArrays.sub(1, y).mul(NDArrays.sub(1, f).log())).neg();
    }

    @Override
    public int termsPerExample(long outputWidth) {
        return (int) outputWidth;
    }

    @Override
    public NDArray compute(NDArray output, NDArray target) {
        if (fromLogits) {
            return fromLogits(output, target);
        }
        NDArray f = output.clip(EPSILON, 1 - EPSILON);
        NDArray y = target.reshape(f.getShape());
        NDArray loss = y.mul(f.log()).add(NDArrays.sub(1, y).mul(NDArrays.sub(1, f).log()));
        return loss.mean().neg();
    }

    private static NDArray fromLogits(NDArray z, NDArray target) {
        NDArray y = target.reshape(z.getShape());
        // y softplus(-z) + (1 - y) softplus(z): -log sigmoid(z) and -log(1 - sigmoid(z)) without
        // the cancellation of softplus(z) - z y when the loss is small
        NDArray positive = ai.djl.nn.Activation.softPlus(z.neg()).mul(y);
        NDArray negative = ai.djl.nn.Activation.softPlus(z).mul(NDArrays.sub(1, y));
        return positive.add(negative).mean();
    }

    /**
     * Returns the loss as a DJL loss computing the same values and gradients (not DJL's own
     * sigmoid loss, for the reasons above).
     *
     * @return the DJL loss
     */
    @Override
    public ai.djl.training.loss.Loss toDjl() {
        if (!fromLogits) {
            throw new UnsupportedOperationException(
                    "DJL's SigmoidBinaryCrossEntropyLoss(fromSigmoid=true) has the wrong sign in"
                            + " DJL 0.36; use fromLogits=true with a linear output layer");
        }
        return new ai.djl.training.loss.Loss("binary_crossentropy") {
            @Override
            public NDArray evaluate(ai.djl.ndarray.NDList labels, ai.djl.ndarray.NDList predictions) {
                return fromLogits(predictions.singletonOrThrow(), labels.singletonOrThrow());
            }
        };
    }

    @Override
    public void validateTargets(float[] targets, int targetWidth, long outputWidth) {
        if (targetWidth != outputWidth) {
            throw new InvalidInputException(
                    "binary cross-entropy needs one 0/1 target per output: the output layer has "
                            + outputWidth + " units but examples have " + targetWidth
                            + " target values");
        }
        for (int i = 0; i < targets.length; i++) {
            float t = targets[i];
            if (!(t >= 0 && t <= 1)) {
                throw new InvalidInputException(
                        "target " + format(t) + " of example "
                                + i / targetWidth + " is outside [0, 1]");
            }
        }
    }

    @Override
    public boolean hasAccuracy() {
        return true;
    }

    @Override
    public NDArray countCorrect(NDArray output, NDArray target) {
        // a logit above 0 is a probability above 0.5
        NDArray predicted = fromLogits ? output.gt(0) : output.gt(0.5);
        return predicted.eq(target.gt(0.5).reshape(output.getShape())).sum();
    }

    @Override
    public int predictionsPerExample(long outputWidth) {
        return (int) outputWidth;
    }
}
