package dev.nntrain.plot;

/** Course-like data for the chart tests, computed in plain Java. */
final class SampleData {

    static final int EPOCHS = 40;

    /** Four logits, as in the course's softmax example. */
    static final double[] LOGITS = {1.0, 2.0, 0.5, -1.5};

    private SampleData() {}

    /** @return a training loss falling from about 2.3 to 0.1 */
    static double[] loss() {
        return curve(i -> 0.1 + 2.2 * Math.exp(-i / 6.0));
    }

    /** @return a validation loss that falls and then rises a little */
    static double[] validationLoss() {
        return curve(i -> 0.25 + 2.0 * Math.exp(-i / 5.0) + 0.004 * i);
    }

    /** @return a training accuracy rising towards 0.97 */
    static double[] accuracy() {
        return curve(i -> 0.97 - 0.85 * Math.exp(-i / 5.0));
    }

    /** @return a validation accuracy rising towards 0.93 */
    static double[] validationAccuracy() {
        return curve(i -> 0.93 - 0.8 * Math.exp(-i / 5.0));
    }

    private static double[] curve(java.util.function.IntToDoubleFunction f) {
        double[] values = new double[EPOCHS];
        for (int i = 0; i < EPOCHS; i++) {
            values[i] = f.applyAsDouble(i);
        }
        return values;
    }
}
