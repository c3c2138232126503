package dev.nntrain.train.loss;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import dev.nntrain.engine.EngineScalars;
import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * A loss with Keras' name and semantics: {@code J = (1/m) sum L} over a batch. This class and
 * its {@link #TABLE} are the one place that knows the losses. Each loss owns
 *
 * <ul>
 *   <li>its names: the Keras name saved in model files, and the short names the command line
 *       and the gradient check accept ({@link #name()}, {@link #aliases()});
 *   <li>the output layer it expects, and the activation {@code predictProbabilities} applies to
 *       the outputs ({@link #expectedOutputActivation()}, {@link #predictionActivation()});
 *   <li>its value on the engine ({@link #compute}) and the equivalent DJL loss ({@link #toDjl()});
 *   <li>its written-out gradient ({@link #writtenGradient}), when it has one.
 * </ul>
 *
 * <p>A loss from probabilities is computed on the probabilities the output layer gives, clipped
 * to {@code [1e-7, 1 - 1e-7]} ({@link #EPSILON}), as Keras' loss functions compute it and as Keras
 * trains with its PyTorch and JAX backends. Keras' TensorFlow backend differs inside {@code fit}:
 * a softmax or sigmoid output layer carries its logits ({@code _keras_logits}, read by {@code
 * _get_logits} in {@code keras/src/backend/tensorflow/nn.py}), and the loss is then computed from
 * them, without the clip. nntrain does not: a saturated output keeps the clipped loss and its zero
 * gradient, which is the lesson of the course's round-off section; use a loss from logits for the
 * exact form.
 *
 * <p>Adding a loss means one class (and its tests) and one line in {@link #TABLE}; the gradient
 * checker's {@code ReferenceMapping} then names its hand-rolled twin (its test fails for a loss
 * without one). This package does not depend on the hand-rolled engine: the checker depends on
 * it.
 */
public abstract class Loss {

    /** Keras' probability clip for losses computed from probabilities. */
    public static final double EPSILON = 1e-7;

    /** Every loss, as a factory from {@code fromLogits}; the parsers read names from here. */
    private static final List<Function<Boolean, Loss>> TABLE = List.of(
            SparseCategoricalCrossentropy::new,
            CategoricalCrossentropy::new,
            BinaryCrossentropy::new,
            fromLogits -> new MeanSquaredError());

    Loss() {}

    /** @return the Keras name, e.g. {@code sparse_categorical_crossentropy} */
    public abstract String name();

    /** @return short names accepted besides the Keras name, e.g. {@code sparse-ce} */
    public abstract List<String> aliases();

    /** @return whether the network's outputs are logits (a linear output layer) */
    public abstract boolean fromLogits();

    /**
     * @return the activation the output layer must have (linear for a loss from logits, softmax or
     *     sigmoid for one from probabilities), or null when any will do
     */
    public abstract Activation expectedOutputActivation();

    /**
     * @return the activation that turns the outputs into probabilities: the softmax or sigmoid of
     *     logits for a loss from logits, {@link Activation#LINEAR} (nothing) otherwise
     */
    public abstract Activation predictionActivation();

    /**
     * Checks that the output layer's activation suits the loss: a loss from logits needs a
     * linear output layer (it applies the softmax or sigmoid itself, so a squashing output layer
     * would apply it twice, and a ReLU or tanh would clip the logits it needs), a loss from
     * probabilities needs the softmax or sigmoid that makes them. Model compilation and the
     * gradient checker both ask this one rule.
     *
     * @param output the activation of the model's last layer
     * @throws InvalidInputException naming the loss, what it expects and the activation found
     */
    public final void checkOutputActivation(Activation output) {
        Activation expected = expectedOutputActivation();
        if (expected == null || output == expected) {
            return;
        }
        String why = fromLogits()
                ? "expects logits from a linear output layer (the loss applies the "
                        + predictionActivation().kerasName() + " itself)"
                : "works on probabilities from a " + expected.kerasName() + " output layer";
        throw new InvalidInputException(
                "loss " + this + " " + why + ", but the output layer applies " + output.kerasName());
    }

    /**
     * Checks that an output layer of this width suits the loss.
     *
     * @param outputWidth the output layer's units
     * @throws InvalidInputException naming the loss, the width and what it needs
     */
    public void checkOutputWidth(long outputWidth) {}

    /**
     * Checks the targets against the model's output width.
     *
     * @param targets row-major targets
     * @param targetWidth values per example
     * @param outputWidth the model's output width
     * @throws InvalidInputException naming the example and the value
     */
    public abstract void validateTargets(float[] targets, int targetWidth, long outputWidth);

    /**
     * Puts targets on the engine in the one layout both {@link #compute} and {@link
     * #writtenGradient} read: {@code (count, outputWidth)}, class labels as one-hot rows.
     *
     * @param manager the manager that will own the array
     * @param targets row-major targets
     * @param count the number of examples
     * @param targetWidth values per example
     * @param outputWidth the model's output width
     * @param dataType the model's floating-point type
     * @return the target array
     */
    public NDArray targets(
            NDManager manager, float[] targets, int count, int targetWidth, long outputWidth, DataType dataType) {
        return upload(manager, targets, count, targetWidth, dataType);
    }

    /**
     * Computes the mean loss of a batch on the engine, with operations autograd can follow.
     *
     * @param output the network's outputs, examples along the first axis
     * @param target the targets as prepared by {@link #targets}
     * @return a scalar array
     */
    public abstract NDArray compute(NDArray output, NDArray target);

    /**
     * Computes a batch's loss with a weight per example, as Keras weighs a loss by {@code
     * sample_weight} (which its {@code class_weight} becomes): {@code sum_i w_i L_i / m}, where
     * {@code L_i} is example {@code i}'s loss (the mean of its terms) and {@code m} the batch
     * size. The divisor is the batch size, not the weights' sum: Keras' default reduction {@code
     * sum_over_batch_size} ({@code reduce_values} in {@code keras/src/losses/loss.py}). With
     * operations autograd can follow.
     *
     * @param output the network's outputs {@code (m, k)}
     * @param target the targets as prepared by {@link #targets}
     * @param weights the examples' weights {@code (m, 1)}, or null for {@link #compute(NDArray,
     *     NDArray)}
     * @return a scalar array
     */
    public final NDArray compute(NDArray output, NDArray target, NDArray weights) {
        if (weights == null) {
            return compute(output, target);
        }
        Shape shape = output.getShape();
        double terms = (double) shape.get(0) * termsPerExample(shape.get(shape.dimension() - 1));
        return terms(output, target).mul(weights).sum().div(terms);
    }

    /**
     * The batch's loss terms, {@code (m, k)}: row {@code i} holds example {@code i}'s, so that
     * their sum over the batch divided by {@code m} times {@link #termsPerExample} is {@link
     * #compute(NDArray, NDArray)}'s value. A cross-entropy over classes puts its one term per
     * example spread over the classes' columns ({@code -t_c log a_c}).
     *
     * @param output the network's outputs {@code (m, k)}
     * @param target the targets as prepared by {@link #targets}
     * @return the terms, with operations autograd can follow
     */
    abstract NDArray terms(NDArray output, NDArray target);

    /**
     * Sums loss terms, each row weighted by its example's weight where there are weights; the
     * written-out gradients add this to the running loss sum.
     *
     * @param terms the terms {@code (m, k)}; may be overwritten
     * @param weights the examples' weights {@code (m, 1)}, or null
     * @return a scalar array
     */
    static NDArray weightedSum(NDArray terms, NDArray weights) {
        return weights == null ? terms.sum() : terms.muli(weights).sum();
    }

    /**
     * Weighs each row of a written-out gradient by its example's weight: example {@code i}'s
     * loss enters the batch's as {@code w_i L_i / m}, so its gradient is {@code w_i} times the
     * unweighted one.
     *
     * @param gradient {@code dJ/d(output)} without weights, {@code (m, k)}; overwritten
     * @param weights the examples' weights {@code (m, 1)}, or null
     * @return the gradient
     */
    static NDArray weighted(NDArray gradient, NDArray weights) {
        return weights == null ? gradient : gradient.muli(weights);
    }

    /**
     * Returns the equivalent DJL loss, for use with DJL's own {@code Trainer}.
     *
     * @return the DJL loss
     */
    public abstract ai.djl.training.loss.Loss toDjl();

    /** @return whether {@link #writtenGradient} is defined for this loss */
    public boolean hasWrittenGradient() {
        return false;
    }

    /**
     * Computes the gradient of the batch's mean loss with respect to the network's outputs,
     * written out, and adds the batch's loss terms to a running sum.
     *
     * @param output the network's outputs {@code (m, k)}; may be overwritten
     * @param target the targets as prepared by {@link #targets}
     * @param batch the batch's {@code m} and {@code k}, known to the caller (asking the engine
     *     for a shape is a native call on the hot path)
     * @param lossSum the running sum of loss terms, updated in place
     * @param scalars cached engine constants
     * @return {@code dJ/d(output)}
     * @throws UnsupportedOperationException if {@link #hasWrittenGradient()} is false
     */
    public final NDArray writtenGradient(
            NDArray output, NDArray target, Batch batch, NDArray lossSum, EngineScalars scalars) {
        return writtenGradient(output, target, batch, lossSum, scalars, null);
    }

    /**
     * Computes the gradient of the batch's weighted loss {@code sum_i w_i L_i / m} (see {@link
     * #compute(NDArray, NDArray, NDArray)}) with respect to the network's outputs, written out,
     * and adds the batch's weighted loss terms to a running sum.
     *
     * @param output the network's outputs {@code (m, k)}; may be overwritten
     * @param target the targets as prepared by {@link #targets}
     * @param batch the batch's {@code m} and {@code k}
     * @param lossSum the running sum of loss terms, each example's weighted, updated in place
     * @param scalars cached engine constants
     * @param weights the examples' weights {@code (m, 1)}, or null for none (all 1)
     * @return {@code dJ/d(output)}
     * @throws UnsupportedOperationException if {@link #hasWrittenGradient()} is false
     */
    public NDArray writtenGradient(
            NDArray output, NDArray target, Batch batch, NDArray lossSum, EngineScalars scalars, NDArray weights) {
        throw new UnsupportedOperationException(this + " has no written-out gradient");
    }

    /**
     * How many loss terms one example contributes to the mean: 1 for a cross-entropy over
     * classes, one per output for binary cross-entropy and the squared error.
     *
     * @param outputWidth the model's output width
     * @return the count
     */
    public int termsPerExample(long outputWidth) {
        return 1;
    }

    /**
     * The number of classes an example's target names one of, for class weights: the output
     * width of a cross-entropy over classes, 2 for binary cross-entropy with one output.
     *
     * @param outputWidth the model's output width
     * @return the number of classes
     * @throws InvalidInputException for a loss without one class per example: a regression, or
     *     binary cross-entropy with several outputs (multi-label)
     */
    public int classCount(long outputWidth) {
        throw new InvalidInputException("class weights are for classification (one class per example); "
                + name() + " is a regression loss");
    }

    /**
     * The class of each example, as Keras' {@code class_weight} reads it ({@code
     * class_weight_to_sample_weights} in {@code keras/src/trainers/data_adapters/data_adapter_utils.py}):
     * the class index, the argmax of a one-hot (or soft) row, the rounded 0/1 target of a single
     * sigmoid output.
     *
     * @param targets row-major targets, already validated by {@link #validateTargets}
     * @param targetWidth values per example
     * @param outputWidth the model's output width
     * @return one class per example, each in {@code [0, classCount(outputWidth))}
     * @throws InvalidInputException as {@link #classCount}
     */
    public int[] classes(float[] targets, int targetWidth, long outputWidth) {
        classCount(outputWidth);
        throw new IllegalStateException(name() + " counts classes but does not read them");
    }

    /** @return whether {@link #countCorrect} is defined (classification losses) */
    public boolean hasAccuracy() {
        return false;
    }

    /**
     * Counts correct predictions in a batch, as a scalar array, so that accuracy can be summed on
     * the engine without a host round trip per batch.
     *
     * @param output the network's outputs
     * @param target the targets as prepared by {@link #targets}
     * @return a scalar count, or null when the loss has no accuracy
     */
    public NDArray countCorrect(NDArray output, NDArray target) {
        return null;
    }

    /**
     * How many predictions one example contributes to accuracy: 1 for a single label, the number
     * of outputs for multi-label targets.
     *
     * @param outputWidth the model's output width
     * @return the count per example
     */
    public int predictionsPerExample(long outputWidth) {
        return 1;
    }

    /**
     * A batch's size and output width.
     *
     * @param size the number of examples, {@code m}
     * @param width the outputs per example, {@code k}
     */
    public record Batch(int size, int width) {
        /** @return the number of loss terms of the whole batch, {@code m k} */
        public long elements() {
            return (long) size * width;
        }
    }

    /** @return the names this loss answers to: the Keras name, then the aliases */
    public List<String> names() {
        List<String> all = new ArrayList<>();
        all.add(name());
        all.addAll(aliases());
        return all;
    }

    @Override
    public String toString() {
        return name() + (fromLogits() ? "(from_logits=True)" : "");
    }

    static NDArray upload(NDManager manager, float[] values, int rows, int cols, DataType type) {
        NDArray a = manager.create(values, new Shape(rows, cols));
        if (type == DataType.FLOAT32) {
            return a;
        }
        NDArray cast = a.toType(type, true);
        a.close();
        return cast;
    }

    static String format(float t) {
        return t == Math.rint(t) ? Long.toString((long) t) : Float.toString(t);
    }

    /**
     * Parses a loss by any of its names ({@code sparse-ce}, {@code sparse_categorical_crossentropy},
     * {@code bce}, {@code mse}, ...), case-insensitively, {@code -} and {@code _} alike.
     *
     * @param name the name
     * @param fromLogits whether the outputs are logits (ignored by the mean squared error)
     * @return the loss
     * @throws InvalidInputException listing the accepted names
     */
    public static Loss parse(String name, boolean fromLogits) {
        String key = normalize(name);
        for (Function<Boolean, Loss> factory : TABLE) {
            Loss loss = factory.apply(fromLogits);
            for (String n : loss.names()) {
                if (normalize(n).equals(key)) {
                    return loss;
                }
            }
        }
        throw new InvalidInputException("unknown loss '" + name + "'; expected one of " + String.join(", ", knownNames()));
    }

    /**
     * Parses a loss named as the gradient check and the command line name them: a name as for
     * {@link #parse(String, boolean)} means the loss from logits, the same name followed by
     * {@code -probs} the loss from probabilities (e.g. {@code sparse-ce-probs}).
     *
     * @param name the name
     * @return the loss
     */
    public static Loss parse(String name) {
        String key = normalize(name);
        if (key.endsWith("_probs")) {
            return parse(key.substring(0, key.length() - "_probs".length()), false);
        }
        return parse(key, true);
    }

    /** @return the short name of every loss, for help texts and messages */
    public static List<String> knownNames() {
        List<String> names = new ArrayList<>();
        for (Function<Boolean, Loss> factory : TABLE) {
            Loss loss = factory.apply(true);
            names.add(loss.aliases().isEmpty() ? loss.name() : loss.aliases().get(0));
        }
        return names;
    }

    private static String normalize(String name) {
        return name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
    }
}
