package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.training.GradientCollector;

import dev.nntrain.engine.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.train.loss.Loss;

/** Two oracles for a model's gradient, flat in the parameters' order: autograd and finite differences. */
final class ModelGradients {

    private ModelGradients() {}

    /** DJL's autograd through the model's blocks on its live parameters (the gradients are then zeroed). */
    static double[] autograd(Sequential model, Loss loss, NDArray x, NDArray t) {
        try (GradientCollector collector = model.manager().getEngine().newGradientCollector()) {
            collector.backward(loss.compute(model.forward(x, true), t));
        }
        double[] out = new double[(int) model.parameters().size()];
        int offset = 0;
        for (NDArray p : model.parameters().arrays()) {
            double[] g = p.getGradient().toDoubleArray();
            System.arraycopy(g, 0, out, offset, g.length);
            offset += g.length;
            Engines.zeroGradient(p);
        }
        return out;
    }

    /** Central differences of the loss, one parameter value at a time, through the parameter storage. */
    static double[] finiteDifferences(Sequential model, Loss loss, NDArray x, NDArray t, double epsilon) {
        double[] values = model.parameters().snapshot();
        double[] slopes = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            double saved = values[i];
            values[i] = saved + epsilon;
            model.parameters().restore(values);
            double up = loss.compute(model.forward(x), t).getDouble();
            values[i] = saved - epsilon;
            model.parameters().restore(values);
            double down = loss.compute(model.forward(x), t).getDouble();
            values[i] = saved;
            slopes[i] = (up - down) / (2 * epsilon);
        }
        model.parameters().restore(values);
        return slopes;
    }
}
