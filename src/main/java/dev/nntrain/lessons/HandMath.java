package dev.nntrain.lessons;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Activation;
import dev.nntrain.model.weights.LayerWeights;
import java.util.List;

/**
 * The course's formulas in plain double arithmetic. The lessons compute a number by hand with
 * these and then with the library, so that a reader sees the library do exactly what the formula
 * says.
 */
final class HandMath {

    private HandMath() {}

    /** {@code 1 / (1 + e^-z)}. */
    static double sigmoid(double z) {
        return 1 / (1 + Math.exp(-z));
    }

    /** {@code g(z)} for the course's three activations (linear, sigmoid, ReLU). */
    static double activation(Activation g, double z) {
        switch (g) {
            case LINEAR:
                return z;
            case SIGMOID:
                return sigmoid(z);
            case RELU:
                return Math.max(0, z);
            default:
                throw new InvalidInputException("the lessons compute only linear, sigmoid and relu by hand, not " + g);
        }
    }

    /** {@code a_j = e^{z_j} / sum_k e^{z_k}}, shifted by the largest z so that no e^z overflows. */
    static double[] softmax(double[] z) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double[] a = new double[z.length];
        double sum = 0;
        for (int j = 0; j < z.length; j++) {
            a[j] = Math.exp(z[j] - max);
            sum += a[j];
        }
        for (int j = 0; j < z.length; j++) {
            a[j] /= sum;
        }
        return a;
    }

    /** One dense layer in Keras' layout: {@code a_j = g(sum_i x_i kernel[i][j] + bias[j])}. */
    static double[] dense(double[] x, LayerWeights weights, Activation g) {
        double[] a = new double[weights.units()];
        for (int j = 0; j < a.length; j++) {
            double z = weights.bias()[j];
            for (int i = 0; i < x.length; i++) {
                z += x[i] * weights.kernel()[i][j];
            }
            a[j] = activation(g, z);
        }
        return a;
    }

    /** A stack of dense layers, input to output. */
    static double[] forward(double[] x, List<LayerWeights> weights, List<Activation> activations) {
        double[] a = x;
        for (int l = 0; l < weights.size(); l++) {
            a = dense(a, weights.get(l), activations.get(l));
        }
        return a;
    }

    /** The logistic loss {@code L = -y log f - (1 - y) log(1 - f)}. */
    static double logisticLoss(double y, double f) {
        return -y * Math.log(f) - (1 - y) * Math.log(1 - f);
    }

    /**
     * The logistic loss computed from the logit {@code z} ({@code f = sigmoid(z)}) without ever
     * forming f: {@code max(z, 0) - z y + log(1 + e^-|z|)}, exact in double for any z.
     */
    static double logisticLossFromLogit(double y, double z) {
        return Math.max(z, 0) - z * y + Math.log1p(Math.exp(-Math.abs(z)));
    }

    /** {@code -log a_label} with {@code a = softmax(z)}, as {@code log sum e^z - z_label}, exact in double. */
    static double softmaxLossFromLogits(double[] z, int label) {
        double max = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : z) {
            sum += Math.exp(v - max);
        }
        return max + Math.log(sum) - z[label];
    }

    /** A float row as doubles. */
    static double[] toDouble(float[] v) {
        double[] d = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            d[i] = v[i];
        }
        return d;
    }

    /** The largest absolute difference between two equally shaped tables. */
    static double maxDifference(float[][] a, float[][] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[i].length; j++) {
                max = Math.max(max, Math.abs((double) a[i][j] - b[i][j]));
            }
        }
        return max;
    }
}
