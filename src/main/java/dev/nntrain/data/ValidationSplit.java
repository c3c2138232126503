package dev.nntrain.data;

import dev.nntrain.InvalidInputException;

/**
 * Which of the examples given to a fit train under a validation split, as Keras' {@code
 * validation_split} takes them: the first {@code floor(n (1 - fraction))}, before any shuffling;
 * the rest validate. The one rule for it: {@code FitOptions.trainingExamples} holds out those rows,
 * and everything learnt from the training rows before the fit (the input scaling, the values
 * {@link dev.nntrain.data.csv.Csv#fillMissing} fills missing cells with, balanced class weights)
 * is learnt from the same rows.
 */
public final class ValidationSplit {

    private ValidationSplit() {}

    /**
     * Says how many of the examples train: all of them without a split, otherwise the first
     * {@code floor(n (1 - fraction))}.
     *
     * @param examples the number of examples given to the fit, {@code >= 0}
     * @param fraction the fraction held out for validation, in [0, 1); 0 for none
     * @return the number of leading examples that train
     * @throws InvalidInputException for a fraction outside [0, 1), or a split that leaves no
     *     training or no validation example
     */
    public static int trainingRows(int examples, double fraction) {
        if (examples < 0) {
            throw new IllegalArgumentException("examples must be >= 0, got " + examples);
        }
        if (!(fraction >= 0 && fraction < 1)) {
            throw new InvalidInputException("validation split must be in [0, 1), got " + fraction);
        }
        if (fraction == 0) {
            return examples;
        }
        int cut = (int) Math.floor(examples * (1.0 - fraction));
        if (cut <= 0) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "validation split %s of %,d examples"
                    + " leaves no example to train on (the first floor(n (1 - split)) train); use a split of at most %.6g",
                    fraction, examples, 1 - 1.0 / examples));
        }
        if (cut >= examples) {
            throw new InvalidInputException(String.format(java.util.Locale.ROOT, "validation split %s of %,d examples"
                    + " leaves no example to validate on; use a split of at least %.6g", fraction, examples,
                    1.0 / examples));
        }
        return cut;
    }
}
