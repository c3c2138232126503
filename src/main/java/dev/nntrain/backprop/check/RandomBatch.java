package dev.nntrain.backprop.check;

import dev.nntrain.backprop.LossKind;

import java.util.Random;

/**
 * Seeded random batches whose targets are valid for the loss: inputs drawn from N(0, 1); class
 * indices uniform in {@code [0, outputs)} for sparse losses, 0 or 1 for binary cross-entropy,
 * N(0, 1) values for mean squared error. MSE targets are drawn as floats, so that DJL (which
 * takes {@code float[]} targets) and the hand-rolled engine see exactly the same numbers.
 */
final class RandomBatch {

    private RandomBatch() {}

    /**
     * Draws one batch.
     *
     * @param random the source of the draws (advanced)
     * @param size examples
     * @param inputs values per example
     * @param outputs the network's output width
     * @param loss decides the kind of target
     */
    static Batch draw(Random random, int size, int inputs, int outputs, LossKind loss) {
        double[] x = new double[size * inputs];
        for (int i = 0; i < x.length; i++) {
            x[i] = random.nextGaussian();
        }
        int width = loss.takesClassIndices() ? 1 : outputs;
        float[] targets = new float[size * width];
        for (int i = 0; i < targets.length; i++) {
            targets[i] = switch (loss) {
                case SOFTMAX_CROSS_ENTROPY_FROM_LOGITS, SPARSE_CATEGORICAL_CROSS_ENTROPY -> random.nextInt(outputs);
                case BINARY_CROSS_ENTROPY_FROM_LOGITS, BINARY_CROSS_ENTROPY -> random.nextInt(2);
                case MEAN_SQUARED_ERROR -> (float) random.nextGaussian();
                case CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS, CATEGORICAL_CROSS_ENTROPY -> 0f; // one-hot below
            };
        }
        if (loss == LossKind.CATEGORICAL_CROSS_ENTROPY_FROM_LOGITS || loss == LossKind.CATEGORICAL_CROSS_ENTROPY) {
            for (int r = 0; r < size; r++) {
                targets[r * width + random.nextInt(outputs)] = 1f;
            }
        }
        return new Batch(size, inputs, x, targets, width);
    }
}
