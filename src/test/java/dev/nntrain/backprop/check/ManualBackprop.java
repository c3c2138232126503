package dev.nntrain.backprop.check;

import dev.nntrain.backprop.ActivationFunction;
import dev.nntrain.backprop.DenseLayer;
import dev.nntrain.backprop.LayerParameters;
import dev.nntrain.backprop.LossKind;
import dev.nntrain.backprop.Mlp;

import java.util.ArrayList;
import java.util.List;

/**
 * Test helper: backpropagation for an MLP with mean squared error written out with plain loops,
 * with each activation's derivative given by a {@link Derivative}, so that a test can plant a
 * wrong rule for one activation and see whether the checker notices.
 */
final class ManualBackprop implements ReferenceGradients {

    /** An activation's derivative from its input z and output a. */
    @FunctionalInterface
    interface Derivative {
        double at(ActivationFunction activation, double z, double a);
    }

    /** Negative-side slope of nntrain's leaky ReLU, Keras' 0.2. */
    static final double LEAKY_SLOPE = dev.nntrain.model.Activation.LEAKY_RELU_ALPHA;

    /** The right derivatives of the elementwise activations. */
    static final Derivative CORRECT = (g, z, a) -> {
        if (g == ActivationFunction.LINEAR) {
            return 1;
        } else if (g == ActivationFunction.TANH) {
            return 1 - a * a;
        } else if (g == ActivationFunction.SIGMOID) {
            return a * (1 - a);
        } else if (g == ActivationFunction.RELU) {
            return z > 0 ? 1 : 0;
        } else if (g.name().startsWith("leaky_relu")) {
            return z > 0 ? 1 : LEAKY_SLOPE;
        }
        throw new IllegalArgumentException("no elementwise derivative for " + g);
    };

    private final Derivative derivative;

    ManualBackprop(Derivative derivative) {
        this.derivative = derivative;
    }

    @Override
    public List<LayerParameters> gradients(
            Mlp mlp, List<LayerParameters> parameters, double[] batch, LossKind loss, double[] targets) {
        if (loss != LossKind.MEAN_SQUARED_ERROR) {
            throw new IllegalArgumentException("this helper only does mean squared error, got " + loss);
        }
        int rows = batch.length / mlp.inputs();
        int layers = mlp.layers().size();
        List<double[]> z = new ArrayList<>();
        List<double[]> a = new ArrayList<>();
        a.add(batch);
        for (int l = 0; l < layers; l++) {
            DenseLayer layer = mlp.layers().get(l);
            int in = mlp.layerInputs(l);
            int units = layer.units();
            double[] zl = new double[rows * units];
            double[] al = new double[rows * units];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < units; j++) {
                    double sum = parameters.get(l).bias()[j];
                    for (int k = 0; k < in; k++) {
                        sum += a.get(l)[r * in + k] * parameters.get(l).weight()[j * in + k];
                    }
                    zl[r * units + j] = sum;
                }
            }
            double[] activated = layer.activation().apply(
                    dev.nntrain.backprop.Tensor.of(rows, units, zl)).data();
            System.arraycopy(activated, 0, al, 0, al.length);
            z.add(zl);
            a.add(al);
        }
        // dJ/da for J = mean((a - y)²) over all outputs
        double[] output = a.get(layers);
        double[] da = new double[output.length];
        for (int i = 0; i < output.length; i++) {
            da[i] = 2 * (output[i] - targets[i]) / output.length;
        }
        LayerParameters[] gradients = new LayerParameters[layers];
        for (int l = layers - 1; l >= 0; l--) {
            ActivationFunction g = mlp.layers().get(l).activation();
            int in = mlp.layerInputs(l);
            int units = mlp.layers().get(l).units();
            double[] dz = new double[da.length];
            for (int i = 0; i < dz.length; i++) {
                dz[i] = da[i] * derivative.at(g, z.get(l)[i], a.get(l + 1)[i]);
            }
            double[] dw = new double[units * in];
            double[] db = new double[units];
            double[] daPrevious = new double[rows * in];
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < units; j++) {
                    double d = dz[r * units + j];
                    db[j] += d;
                    for (int k = 0; k < in; k++) {
                        dw[j * in + k] += d * a.get(l)[r * in + k];
                        daPrevious[r * in + k] += d * parameters.get(l).weight()[j * in + k];
                    }
                }
            }
            gradients[l] = new LayerParameters(dw, db);
            da = daPrevious;
        }
        return List.of(gradients);
    }
}
