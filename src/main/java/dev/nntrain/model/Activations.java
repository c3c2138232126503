package dev.nntrain.model;

import ai.djl.ndarray.NDArray;

import java.util.Objects;

/**
 * The sigmoid and the softmax as functions of outputs, like TensorFlow's {@code tf.nn.sigmoid} and
 * {@code tf.nn.softmax}: what turns a from-logits model's {@code predict} into probabilities.
 * The course's
 *
 * <pre>{@code
 * logits = model(X)
 * f_x = tf.nn.softmax(logits)
 * }</pre>
 *
 * is, line for line,
 *
 * <pre>{@code
 * float[][] logits = net.predict(x);
 * float[][] f_x = Activations.softmax(logits);
 * }</pre>
 *
 * <p>The array versions compute in double and round once; the softmax subtracts each row's
 * largest logit first, so that no exponential overflows.
 */
public final class Activations {

    private Activations() {}

    /**
     * The logistic function of every value, {@code 1 / (1 + e^-z)}.
     *
     * @param z logits, one row per example
     * @return the probabilities, a new array of the same shape
     */
    public static float[][] sigmoid(float[][] z) {
        Objects.requireNonNull(z, "z");
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            out[i] = new float[z[i].length];
            for (int j = 0; j < z[i].length; j++) {
                out[i][j] = (float) sigmoid((double) z[i][j]);
            }
        }
        return out;
    }

    /**
     * The softmax of every row, {@code e^{z_j} / sum_k e^{z_k}}.
     *
     * @param z logits, one row per example
     * @return the probabilities, a new array of the same shape; each row sums to 1
     */
    public static float[][] softmax(float[][] z) {
        Objects.requireNonNull(z, "z");
        float[][] out = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            double max = Double.NEGATIVE_INFINITY;
            for (float v : z[i]) {
                max = Math.max(max, v);
            }
            double[] e = new double[z[i].length];
            double sum = 0;
            for (int j = 0; j < e.length; j++) {
                e[j] = Math.exp(z[i][j] - max);
                sum += e[j];
            }
            out[i] = new float[e.length];
            for (int j = 0; j < e.length; j++) {
                out[i][j] = (float) (e[j] / sum);
            }
        }
        return out;
    }

    /**
     * The logistic function on the engine.
     *
     * @param z logits of any shape
     * @return the probabilities, a new array
     */
    public static NDArray sigmoid(NDArray z) {
        Objects.requireNonNull(z, "z");
        return Activation.SIGMOID.apply(z);
    }

    /**
     * The softmax over the last axis on the engine, as {@code tf.nn.softmax} computes it by default.
     *
     * @param z logits, examples along the first axis
     * @return the probabilities, a new array
     */
    public static NDArray softmax(NDArray z) {
        Objects.requireNonNull(z, "z");
        return Activation.SOFTMAX.apply(z);
    }

    private static double sigmoid(double z) {
        // written for either sign so that e^-z never overflows
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
