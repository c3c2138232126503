package dev.nntrain.train;

/**
 * A model's loss and accuracy on a data set.
 *
 * @param loss the mean loss
 * @param accuracy the fraction of correct predictions ({@code NaN} for a regression loss)
 * @param count the number of examples
 */
public record Evaluation(double loss, double accuracy, int count) {

    /** @return a one-line summary */
    public String format() {
        return Double.isNaN(accuracy)
                ? String.format("loss: %.4f (%d examples)", loss, count)
                : String.format("loss: %.4f - accuracy: %.4f (%d examples)", loss, accuracy, count);
    }
}
