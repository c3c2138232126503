package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import dev.nntrain.model.Layer;
import dev.nntrain.model.Regularizer;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.WeightedLayer;

import java.util.List;

/**
 * The layers' kernel regularizers ({@link Regularizer}) as training applies them: one flat array
 * of coefficients aligned with the model's flat parameter array, {@code 2 * l2} on the kernel
 * entries of each regularized layer and 0 elsewhere (biases, layers without a regularizer). A
 * step then adds {@code c * w} to the flat gradient, the gradient of {@code sum(l2 * W^2)}, and
 * {@code 0.5 * sum(c * w^2)} to the loss it reports, whatever the layers and the training path.
 *
 * <p>A model without regularizers has none ({@link #of} returns null), so its steps do no extra
 * engine work at all.
 */
final class Regularization implements AutoCloseable {

    private final NDManager manager;
    private final NDArray coefficients;
    private final NDArray parameters;

    private Regularization(NDManager manager, NDArray coefficients, NDArray parameters) {
        this.manager = manager;
        this.coefficients = coefficients;
        this.parameters = parameters;
    }

    /**
     * Builds the coefficients of a built model.
     *
     * @param model the model
     * @param owner the manager the coefficients belong to
     * @return the regularization, or null if no layer has a regularizer
     */
    static Regularization of(Sequential model, NDManager owner) {
        if (!hasAny(model)) {
            return null;
        }
        double[] c = new double[Math.toIntExact(model.parameters().size())];
        int at = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            List<ai.djl.ndarray.types.Shape> shapes = model.shapes().parameters(i);
            Regularizer r = regularizer(model.layers().get(i));
            for (int p = 0; p < shapes.size(); p++) {
                int size = Math.toIntExact(shapes.get(p).size());
                if (p == 0 && r != null) { // the kernel; a layer's bias comes after it
                    java.util.Arrays.fill(c, at, at + size, 2 * r.l2());
                }
                at += size;
            }
        }
        NDManager manager = owner.newSubManager();
        try {
            NDArray wide = manager.create(c);
            NDArray typed = model.dataType() == DataType.FLOAT64 ? wide : wide.toType(model.dataType(), false);
            if (typed != wide) {
                wide.close();
            }
            return new Regularization(manager, typed, model.parameters().flat());
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Adds the penalty's gradient to a step's gradient, at the weights before the step.
     *
     * @param gradient the flat gradient of the batch's data loss, updated in place
     * @param scale what the penalty is multiplied by before it is returned
     * @param step the step's manager, which owns what this creates
     * @return {@code scale * sum(l2 * W^2)}, a scalar on the engine
     */
    NDArray addTo(NDArray gradient, double scale, NDManager step) {
        NDArray pull = coefficients.mul(parameters); // 2 * l2 * w
        pull.attach(step);
        gradient.addi(pull);
        return pull.dot(parameters).muli(0.5 * scale); // 2 * l2 * sum(w^2) in one call, then halved
    }

    /**
     * Computes the penalty {@code sum over regularized layers of l2 * sum(W^2)} at the model's
     * current weights, in double precision, as {@code evaluate} adds it to the loss.
     *
     * @param model a built model
     * @return the penalty; 0 if no layer has a regularizer
     */
    static double penalty(Sequential model) {
        double total = 0;
        for (int i = 0; i < model.layers().size(); i++) {
            Regularizer r = regularizer(model.layers().get(i));
            if (r != null) {
                NDArray kernel = model.layerParameters(i).get(0);
                try (NDArray wide = kernel.toType(DataType.FLOAT64, true);
                        NDArray squares = wide.square();
                        NDArray sum = squares.sum()) {
                    total += r.l2() * sum.getDouble();
                }
            }
        }
        return total;
    }

    /**
     * Says whether any layer of a model has a kernel regularizer.
     *
     * @param model the model
     * @return true if at least one has
     */
    static boolean hasAny(Sequential model) {
        return model.layers().stream().anyMatch(l -> regularizer(l) != null);
    }

    private static Regularizer regularizer(Layer layer) {
        return layer instanceof WeightedLayer w ? w.kernelRegularizer() : null;
    }

    @Override
    public void close() {
        manager.close();
    }
}
