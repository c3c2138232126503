package dev.nntrain.backprop.check;

import dev.nntrain.InvalidInputException;

/**
 * One batch to check gradients on: inputs as a row-major {@code double[]} (one example per row)
 * and targets as the {@code float[]} that nntrain losses take in
 * {@link dev.nntrain.train.loss.Loss#targets}: one class index per example for sparse losses,
 * otherwise one value per output. Both engines read these same numbers.
 *
 * @param size number of examples
 * @param inputs values per example
 * @param x {@code size × inputs} values, row-major
 * @param targets {@code size × targetWidth} values, row-major
 * @param targetWidth targets per example
 */
record Batch(int size, int inputs, double[] x, float[] targets, int targetWidth) {

    Batch {
        if (size < 1 || inputs < 1 || targetWidth < 1) {
            throw new InvalidInputException("a batch needs at least one example, input and target, got "
                    + size + " examples of " + inputs + " inputs and " + targetWidth + " targets");
        }
        if (x.length != size * inputs || targets.length != size * targetWidth) {
            throw new InvalidInputException("a batch of " + size + " needs " + size * inputs + " inputs and "
                    + size * targetWidth + " targets, got " + x.length + " and " + targets.length);
        }
    }

    /**
     * A batch from one array of inputs per example and row-major targets, whose width is
     * {@code targets.length / x.length}.
     *
     * @throws IllegalArgumentException if rows differ in width or the targets do not divide evenly
     */
    static Batch of(double[][] x, float[] targets) {
        if (x.length == 0) {
            throw new InvalidInputException("a batch needs at least one example");
        }
        int inputs = x[0].length;
        double[] flat = new double[x.length * inputs];
        for (int r = 0; r < x.length; r++) {
            if (x[r].length != inputs) {
                throw new InvalidInputException(
                        "example " + r + " has " + x[r].length + " inputs, example 0 has " + inputs);
            }
            System.arraycopy(x[r], 0, flat, r * inputs, inputs);
        }
        if (targets.length % x.length != 0) {
            throw new InvalidInputException(
                    targets.length + " targets do not divide evenly among " + x.length + " examples");
        }
        return new Batch(x.length, inputs, flat, targets.clone(), targets.length / x.length);
    }

    /** The targets widened to double, as the hand-rolled engine takes them. */
    double[] targetsAsDoubles() {
        double[] wide = new double[targets.length];
        for (int i = 0; i < wide.length; i++) {
            wide[i] = targets[i];
        }
        return wide;
    }

    /**
     * The same batch with every input rounded to float, what a FLOAT32 model sees; the
     * reference for a FLOAT32 run is computed on these rounded inputs, so that only the
     * engine's float arithmetic is measured.
     */
    Batch roundedToFloat() {
        double[] rounded = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            rounded[i] = (float) x[i];
        }
        return new Batch(size, inputs, rounded, targets, targetWidth);
    }
}
