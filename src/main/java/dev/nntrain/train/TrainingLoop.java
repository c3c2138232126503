package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;

import java.util.List;

/**
 * nntrain's training step: forward, loss, backward and update for one mini-batch, on arrays that
 * already live on the engine.
 *
 * <p>It computes the same function as DJL's {@code SequentialBlock} (each layer's {@link
 * Layer#forward} mirrors its blocks) but without the per-call bookkeeping of blocks, parameter
 * stores and DJL's {@code Trainer}: the whole data set sits in one array and each batch is
 * gathered by index; every array a step creates belongs to a sub-manager closed at the end of the
 * step; the loss and the number of correct predictions are summed on the engine and read only
 * when someone asks, so a step never waits for the host.
 */
final class TrainingLoop implements AutoCloseable {

    private final Sequential model;
    private final Loss loss;
    private final List<Layer> layers;
    private final List<NDArray> params;
    private final Optimizer.Updater updater;
    private final NDManager manager;
    private final NDArray lossSum;
    private final NDArray correctSum;
    private double lossWeight;
    private long examplesSeen;

    TrainingLoop(Sequential model, Loss loss, Optimizer.Updater updater) {
        this.model = model;
        this.loss = loss;
        this.layers = model.getLayers();
        this.params = model.getParameterArrays();
        this.updater = updater;
        this.manager = model.getManager().newSubManager();
        this.lossSum = manager.zeros(new Shape(), model.getDataType());
        this.correctSum = manager.zeros(new Shape(), ai.djl.ndarray.types.DataType.INT64);
    }

    /**
     * Runs the layers on raw parameter arrays.
     *
     * @param x a batch on the engine
     * @return the network's outputs
     */
    NDArray forward(NDArray x) {
        NDArray h = x;
        int k = 0;
        for (Layer layer : layers) {
            int n = layer.parameterArrayCount();
            h = layer.forward(h, params.subList(k, k + n));
            k += n;
        }
        return h;
    }

    /** Clears the running sums at the start of an epoch. */
    void resetMetrics() {
        lossSum.subi(lossSum);
        correctSum.subi(correctSum);
        lossWeight = 0;
        examplesSeen = 0;
    }

    /**
     * Trains on one batch.
     *
     * @param x all training inputs on the engine
     * @param y all training targets on the engine
     * @param index the batch's example indices
     * @param batchSize the full batch size (the last batch of an epoch may be smaller)
     * @param countCorrect whether to add the batch's correct predictions to the running count
     */
    void step(NDArray x, NDArray y, long[] index, int batchSize, boolean countCorrect) {
        try (NDManager step = manager.newSubManager()) {
            NDArray rows = step.create(index);
            NDIndex pick = new NDIndex("{}", rows);
            NDArray xb = x.get(step, pick);
            NDArray yb = y.get(step, pick);
            NDArray out;
            NDArray batchLoss;
            try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
                out = forward(xb);
                batchLoss = loss.compute(out, yb);
                collector.backward(batchLoss);
            }
            // Outside the collector, so the running sums never join the autograd graph.
            // The running loss is kept in units of full batches: a short last batch is weighted
            // by its size, which costs an extra operation only on that batch.
            if (index.length == batchSize) {
                lossSum.addi(batchLoss);
            } else {
                lossSum.addi(batchLoss.mul(index.length / (double) batchSize));
            }
            if (countCorrect) {
                correctSum.addi(loss.countCorrect(out, yb));
            }
            lossWeight += index.length / (double) batchSize;
            examplesSeen += index.length;
            updater.step();
        }
    }

    /** @return the mean loss over the batches since {@link #resetMetrics()} (waits for the engine) */
    double meanLoss() {
        return lossWeight == 0 ? Double.NaN : lossSum.toType(ai.djl.ndarray.types.DataType.FLOAT64, false).getDouble() / lossWeight;
    }

    /**
     * Returns the fraction of correct predictions since {@link #resetMetrics()}.
     *
     * @param perExample predictions per example (outputs for multi-label targets)
     * @return the accuracy (waits for the engine)
     */
    double accuracy(int perExample) {
        return examplesSeen == 0 ? Double.NaN : correctSum.getLong() / (double) (examplesSeen * perExample);
    }

    /** @return the model being trained */
    Sequential model() {
        return model;
    }

    @Override
    public void close() {
        manager.close();
    }
}
