package dev.nntrain.backprop.check;

import dev.nntrain.model.Activation;
import dev.nntrain.train.BinaryCrossentropy;
import dev.nntrain.train.Loss;
import dev.nntrain.train.MeanSquaredError;
import dev.nntrain.train.SparseCategoricalCrossentropy;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The losses a generated gradient check can use, by their command-line names, each with the
 * output activation it implies: a linear output for the from-logits losses and for MSE, a sigmoid
 * for binary cross-entropy from probabilities and a softmax for sparse cross-entropy from
 * probabilities. For an existing model with its own output layer, pass an nntrain
 * {@link Loss} instead (see {@link GradientCheck.Builder#setModel}).
 */
public enum LossSpec {

    /** Sparse softmax cross-entropy from logits; at least 2 outputs (one per class). */
    SPARSE_CE("sparse-ce", Activation.LINEAR),
    /** Sparse cross-entropy on the probabilities of a softmax output; at least 2 outputs. */
    SPARSE_CE_PROBS("sparse-ce-probs", Activation.SOFTMAX),
    /** Binary cross-entropy from one logit; exactly 1 output. */
    BCE("bce", Activation.LINEAR),
    /** Binary cross-entropy on the probability of one sigmoid output; exactly 1 output. */
    BCE_PROBS("bce-probs", Activation.SIGMOID),
    /** Binary cross-entropy from logits over several independent yes/no outputs; at least 2. */
    MULTILABEL_BCE("multilabel-bce", Activation.LINEAR),
    /** Keras's mean squared error (the mean, not half of it) on linear outputs; any width. */
    MSE("mse", Activation.LINEAR);

    private final String cliName;
    private final Activation outputActivation;

    LossSpec(String cliName, Activation outputActivation) {
        this.cliName = cliName;
        this.outputActivation = outputActivation;
    }

    /** The command-line name, such as {@code sparse-ce-probs}. */
    public String cliName() {
        return cliName;
    }

    /** The activation of the output layer this loss is meant to follow. */
    public Activation outputActivation() {
        return outputActivation;
    }

    /** A new nntrain loss object computing this loss on the engine. */
    public Loss newLoss() {
        return switch (this) {
            case SPARSE_CE -> new SparseCategoricalCrossentropy(true);
            case SPARSE_CE_PROBS -> new SparseCategoricalCrossentropy(false);
            case BCE, MULTILABEL_BCE -> new BinaryCrossentropy(true);
            case BCE_PROBS -> new BinaryCrossentropy(false);
            case MSE -> new MeanSquaredError();
        };
    }

    /**
     * Checks that an output layer of {@code outputs} units suits this loss. Binary cross-entropy
     * and its multi-label form are told apart by width, so that {@code bce} on two outputs,
     * probably a mistake for {@code sparse-ce}, is not silently taken as multi-label.
     *
     * @throws IllegalArgumentException naming the loss, the width and what it needs
     */
    public void checkOutputs(int outputs) {
        String problem = switch (this) {
            case SPARSE_CE, SPARSE_CE_PROBS -> outputs < 2 ? "at least 2 output units (one per class)" : null;
            case BCE, BCE_PROBS -> outputs != 1 ? "exactly 1 output unit (use multilabel-bce for several)" : null;
            case MULTILABEL_BCE -> outputs < 2 ? "at least 2 output units (use bce for one)" : null;
            case MSE -> null;
        };
        if (problem != null) {
            throw new IllegalArgumentException(
                    "loss " + cliName + " needs " + problem + ", got " + outputs);
        }
    }

    /**
     * The loss with this command-line name (case-insensitive; {@code _} may stand for {@code -}).
     *
     * @throws IllegalArgumentException listing the accepted names
     */
    public static LossSpec parse(String name) {
        String key = name.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        for (LossSpec spec : values()) {
            if (spec.cliName.equals(key)) {
                return spec;
            }
        }
        throw new IllegalArgumentException("unknown loss '" + name + "'; expected one of "
                + Arrays.stream(values()).map(LossSpec::cliName).collect(Collectors.joining(", ")));
    }

    /** The command-line name. */
    @Override
    public String toString() {
        return cliName;
    }
}
