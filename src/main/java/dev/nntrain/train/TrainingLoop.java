package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.nntrain.data.Examples;
import dev.nntrain.model.Layer;
import dev.nntrain.model.Sequential;

import java.util.List;

/**
 * nntrain's training loop: one epoch at a time, one mini-batch per step, on data that lives on the
 * engine for the whole fit.
 *
 * <p>Where the time goes in a small model's step is per-operation overhead, not arithmetic, so
 * the loop is built to issue as few engine calls as it can and to make none of them wait:
 *
 * <ul>
 *   <li>The training set is put on the engine once. Each epoch's shuffled order goes up as one
 *       index array, split into one view per batch; a batch is then a single row-gather.
 *   <li>Dense models with the course's losses take the {@link DenseGradients} path: backpropagation
 *       written out with engine operations, no autograd tape, and the optimiser applied to all
 *       parameters at once on a {@link FlatParameters flat copy}. Anything else trains through
 *       DJL's {@link GradientCollector} and the fused per-parameter update.
 *   <li>Every array a step creates belongs to a sub-manager closed at the end of the step, so
 *       memory does not grow from one epoch to the next.
 *   <li>The loss and the count of correct predictions are summed on the engine; the host reads
 *       them only when asked (a progress bar, the end of the epoch).
 * </ul>
 */
final class TrainingLoop implements AutoCloseable {

    private final Sequential model;
    private final Loss loss;
    private final NDManager manager;
    private final NDArray lossSum;
    private final NDArray correctSum;
    private final DenseGradients fast;
    private final FlatParameters flat;
    private final Optimizer.FlatUpdater flatUpdater;
    private final Optimizer.Updater updater;
    private final List<Layer> layers;
    private final List<NDArray> params;
    private final int termsPerExample;

    private EngineFeatures x;
    private NDArray y;
    private long[] exampleShape;
    private NDManager epoch;
    private NDList batches;
    private long examplesSeen;

    /**
     * Creates the loop. The optimiser state lives in the {@link CompiledModel} so that it carries
     * over from one fit to the next, as in Keras.
     */
    TrainingLoop(Sequential model, Loss loss, CompiledModel.OptimizerState state) {
        this.model = model;
        this.loss = loss;
        this.manager = model.getManager().newSubManager();
        this.layers = model.getLayers();
        this.params = model.getParameterArrays();
        this.lossSum = manager.zeros(new Shape(), model.getDataType());
        this.correctSum = manager.zeros(new Shape(), DataType.INT64);
        if (state.fast() != null) {
            fast = state.fast();
            flat = state.flat();
            flatUpdater = state.flatUpdater();
            updater = null;
            flat.copyFromModel();
            termsPerExample = fast.termsPerExample();
        } else {
            fast = null;
            flat = null;
            flatUpdater = null;
            updater = state.updater();
            termsPerExample = 1;
        }
    }

    /**
     * Puts the training examples on the engine, replacing any earlier ones.
     *
     * @param data the examples
     */
    void setData(Examples data) {
        if (x != null) {
            x.close();
        }
        exampleShape = data.featureShape();
        x = new EngineFeatures(manager, data, model.getDataType());
        if (y == null) {
            y = fast != null
                    ? fast.encodeTargets(manager, data, model.getDataType())
                    : loss.targets(manager, data.targets(), data.size(), data.targetWidth(), model.getDataType())
                            .reshape(data.size(), -1);
        }
    }

    /**
     * Starts an epoch: uploads its order and cuts it into batches.
     *
     * @param order the examples' order this epoch
     * @param batchSize the batch size
     * @return the number of batches
     */
    int beginEpoch(int[] order, int batchSize) {
        endBatches();
        epoch = manager.newSubManager();
        long[] index = new long[order.length];
        for (int i = 0; i < order.length; i++) {
            index[i] = order[i];
        }
        NDArray all = epoch.create(index);
        int count = (order.length + batchSize - 1) / batchSize;
        long[] cuts = new long[count - 1];
        for (int b = 1; b < count; b++) {
            cuts[b - 1] = (long) b * batchSize;
        }
        batches = cuts.length == 0 ? new NDList(all) : all.split(cuts);
        batches.attach(epoch);
        lossSum.subi(lossSum);
        correctSum.subi(correctSum);
        examplesSeen = 0;
        return count;
    }

    /**
     * Trains on one batch of the current epoch.
     *
     * @param b the batch's position in the epoch, from 0
     * @param countCorrect whether to count correct predictions
     */
    void step(int b, boolean countCorrect) {
        NDArray index = batches.get(b);
        int m = (int) index.getShape().get(0);
        try (NDManager step = manager.newSubManager()) {
            NDArray xb = x.gather(index, step);
            NDArray yb = EngineFeatures.gatherRows(index, y, step);
            if (fast != null) {
                NDArray g = fast.gradient(xb, yb, lossSum, countCorrect ? correctSum : null);
                flatUpdater.step(g);
            } else {
                autogradStep(xb.reshape(batchShape(m)), yb, m, countCorrect);
            }
        }
        examplesSeen += m;
    }

    private long[] batchShape(int m) {
        long[] shape = new long[exampleShape.length + 1];
        shape[0] = m;
        System.arraycopy(exampleShape, 0, shape, 1, exampleShape.length);
        return shape;
    }

    private void autogradStep(NDArray xb, NDArray yb, int m, boolean countCorrect) {
        NDArray target = loss instanceof SparseCategoricalCrossentropy ? yb.reshape(-1) : yb;
        NDArray out;
        NDArray batchLoss;
        try (GradientCollector collector = manager.getEngine().newGradientCollector()) {
            out = forward(xb);
            batchLoss = loss.compute(out, target);
            collector.backward(batchLoss);
        }
        // Outside the collector, so the running sums never join the autograd graph.
        lossSum.addi(batchLoss.mul(m));
        if (countCorrect) {
            correctSum.addi(loss.countCorrect(out, target));
        }
        updater.step();
    }

    /** Runs the layers on the model's own parameter arrays (the autograd path). */
    private NDArray forward(NDArray input) {
        NDArray h = input;
        int k = 0;
        for (Layer layer : layers) {
            int n = layer.parameterArrayCount();
            h = layer.forward(h, params.subList(k, k + n));
            k += n;
        }
        return h;
    }

    /** Ends the epoch: the model's parameters receive the trained values. */
    void endEpoch() {
        endBatches();
        if (flat != null) {
            flat.copyToModel();
        }
    }

    private void endBatches() {
        if (epoch != null) {
            epoch.close();
            epoch = null;
            batches = null;
        }
    }

    /** @return the mean loss over the epoch's batches so far (waits for the engine) */
    double meanLoss() {
        if (examplesSeen == 0) {
            return Double.NaN;
        }
        double sum = lossSum.getDataType() == DataType.FLOAT64 ? lossSum.getDouble() : lossSum.getFloat();
        return sum / ((double) examplesSeen * termsPerExample);
    }

    /**
     * Returns the fraction of correct predictions in the epoch so far.
     *
     * @param perExample predictions per example (outputs for multi-label targets)
     * @return the accuracy (waits for the engine)
     */
    double accuracy(int perExample) {
        return examplesSeen == 0 ? Double.NaN : correctSum.getLong() / (double) (examplesSeen * perExample);
    }

    @Override
    public void close() {
        endBatches();
        if (flat != null) {
            flat.copyToModel();
        }
        manager.close();
    }
}
