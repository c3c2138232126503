package dev.nntrain.backprop;

/**
 * Which of the {@link Losses} a network is trained with, so that a caller can name it as data
 * (for example, mapped from the DJL loss being checked) and pass every kind of target the same
 * way: as a row-major {@code double[]}.
 */
public enum LossKind {

    /** {@link Losses#softmaxCrossEntropy}: targets are one class index per row. */
    SOFTMAX_CROSS_ENTROPY_FROM_LOGITS(true),
    /** {@link Losses#binaryCrossEntropyFromLogits}: targets are one 0/1 value per output. */
    BINARY_CROSS_ENTROPY_FROM_LOGITS(false),
    /** {@link Losses#binaryCrossEntropy}: targets are one 0/1 value per output. */
    BINARY_CROSS_ENTROPY(false),
    /** {@link Losses#sparseCategoricalCrossEntropy}: targets are one class index per row. */
    SPARSE_CATEGORICAL_CROSS_ENTROPY(true),
    /** {@link Losses#meanSquaredError}: targets are one value per output. */
    MEAN_SQUARED_ERROR(false),
    /** {@link Losses#categoricalCrossEntropyFromLogits}: targets are one distribution per row. */
    CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS(false),
    /** {@link Losses#categoricalCrossEntropy}: targets are one distribution per row. */
    CATEGORICAL_CROSS_ENTROPY(false);

    private final boolean sparseLabels;

    LossKind(boolean sparseLabels) {
        this.sparseLabels = sparseLabels;
    }

    /**
     * Whether targets are class indices, one per row, rather than one value per output.
     *
     * @return true for the sparse losses, whose targets are labels
     */
    public boolean takesClassIndices() {
        return sparseLabels;
    }

    /**
     * The loss of {@code outputs} against {@code targets} as a 1 × 1 node.
     *
     * @param outputs one row per example
     * @param targets class indices (whole numbers), one per row, if {@link #takesClassIndices()};
     *     otherwise one value per element of {@code outputs}, row-major
     * @return the mean loss over the batch, a node to call {@code backward()} on
     */
    public Tensor compute(Tensor outputs, double[] targets) {
        return switch (this) {
            case SOFTMAX_CROSS_ENTROPY_FROM_LOGITS -> Losses.softmaxCrossEntropy(outputs, classIndices(targets));
            case BINARY_CROSS_ENTROPY_FROM_LOGITS -> Losses.binaryCrossEntropyFromLogits(outputs, targets);
            case BINARY_CROSS_ENTROPY -> Losses.binaryCrossEntropy(outputs, targets);
            case SPARSE_CATEGORICAL_CROSS_ENTROPY ->
                    Losses.sparseCategoricalCrossEntropy(outputs, classIndices(targets));
            case MEAN_SQUARED_ERROR -> Losses.meanSquaredError(outputs, targets);
            case CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS -> Losses.categoricalCrossEntropyFromLogits(outputs, targets);
            case CATEGORICAL_CROSS_ENTROPY -> Losses.categoricalCrossEntropy(outputs, targets);
        };
    }

    private static int[] classIndices(double[] targets) {
        int[] labels = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != Math.rint(targets[i])) {
                throw new IllegalArgumentException("class index must be a whole number, got " + targets[i]);
            }
            labels[i] = (int) targets[i];
        }
        return labels;
    }
}
