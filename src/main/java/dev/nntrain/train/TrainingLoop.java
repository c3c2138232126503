package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;

import dev.nntrain.data.Examples;
import dev.nntrain.engine.Engines;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.Shapes;
import dev.nntrain.train.loss.Loss;
import dev.nntrain.train.metric.TrainingMetrics;
import dev.nntrain.train.optimizer.Optimizer;

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
 *   <li>The gradient comes from {@link WrittenBackprop} where every layer and the loss have
 *       written-out rules, from DJL's {@link GradientCollector} otherwise. Either way it is one
 *       flat array, and the optimiser updates the model's one flat parameter array with it: the
 *       same memory DJL's blocks compute with, so nothing is ever copied back.
 *   <li>Every array a step creates belongs to a sub-manager closed at the end of the step, so
 *       memory does not grow from one epoch to the next.
 *   <li>Layers' kernel regularizers add their gradient to that flat array, and their penalty to
 *       the loss the epoch reports, through one flat array of coefficients ({@link
 *       Regularization}); a model without them does no such work.
 *   <li>The loss and the training metric ({@link TrainingMetrics}: correct predictions, or a
 *       regression's absolute errors) are summed on the engine; the host reads them only when
 *       asked (a progress bar, the end of the epoch).
 * </ul>
 */
final class TrainingLoop implements AutoCloseable {

    private final Sequential model;
    private final Loss loss;
    private final NDManager manager;
    private final NDArray lossSum;
    private final TrainingMetrics metrics;
    private final WrittenBackprop written;
    private final Optimizer.Updater updater;
    private final Regularization regularization;
    private final List<NDArray> params;
    private final int termsPerExample;
    private final long outputWidth;

    /** Each training example's weight (its class's), or null when every example weighs 1. */
    private final float[] exampleWeights;

    private EngineFeatures x;
    private NDArray y;
    /** {@link #exampleWeights} on the engine, {@code (n, 1)}, gathered per batch as the targets are. */
    private NDArray w;
    private long[] exampleShape;
    private NDManager epoch;
    private NDList batches;
    private long examplesSeen;

    /**
     * Creates the loop. The optimiser state lives in the {@link CompiledModel} so that it carries
     * over from one fit to the next, as in Keras.
     */
    TrainingLoop(Sequential model, Loss loss, CompiledModel.OptimizerState state, float[] exampleWeights) {
        this.model = model;
        this.exampleWeights = exampleWeights;
        this.loss = loss;
        this.manager = model.manager().newSubManager();
        this.params = model.parameters().arrays();
        this.lossSum = manager.zeros(new Shape(), model.dataType());
        this.metrics = new TrainingMetrics(manager, loss, model.dataType());
        this.written = state.written();
        this.updater = state.updater();
        long[] out = model.outputShape();
        this.outputWidth = out[out.length - 1];
        this.termsPerExample = loss.termsPerExample(outputWidth);
        this.regularization = Regularization.of(model, manager);
    }

    /**
     * Puts the training examples on the engine, replacing any earlier ones (augmented copies
     * change the features, never the targets).
     *
     * @param data the examples
     */
    void setData(Examples data) {
        if (x != null && x.refill(data)) {
            return;
        }
        if (x != null) {
            x.close();
        }
        exampleShape = data.featureShape();
        x = new EngineFeatures(manager, data, model.dataType());
        if (y == null) {
            y = loss.targets(manager, data.targets(), data.size(), data.targetWidth(), outputWidth, model.dataType());
            if (exampleWeights != null) {
                NDArray up = manager.create(exampleWeights, new Shape(exampleWeights.length, 1));
                w = model.dataType() == DataType.FLOAT32 ? up : up.toType(model.dataType(), false);
            }
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
        metrics.reset();
        examplesSeen = 0;
        return count;
    }

    /**
     * Trains on one batch of the current epoch.
     *
     * @param b the batch's position in the epoch, from 0
     * @param measure whether to add the batch to the training metric
     */
    void step(int b, boolean measure) {
        NDArray index = batches.get(b);
        int m = (int) index.getShape().get(0);
        try (NDManager step = manager.newSubManager()) {
            NDArray xb = x.gather(index, step);
            if (exampleShape.length > 1) {
                xb = xb.reshape(Shapes.batched(m, exampleShape)); // rows back to images
            }
            NDArray yb = EngineFeatures.gatherRows(index, y, step);
            NDArray wb = w == null ? null : EngineFeatures.gatherRows(index, w, step);
            TrainingMetrics measured = measure ? metrics : null;
            NDArray gradient = written != null
                    ? written.gradient(xb, yb, wb, m, lossSum, measured)
                    : autogradGradient(xb, yb, wb, m, measured, step);
            if (regularization != null) {
                // the kernels' penalty at the weights before the update, as Keras reports it,
                // counted once per example like the data loss
                lossSum.addi(regularization.addTo(gradient, (double) m * termsPerExample, step));
            }
            updater.step(gradient);
        }
        examplesSeen += m;
    }

    /** The gradient through DJL's autograd, gathered from the parameters into one flat array. */
    private NDArray autogradGradient(NDArray xb, NDArray yb, NDArray wb, int m, TrainingMetrics measured, NDManager step) {
        NDArray out;
        NDArray batchLoss;
        // only the collector's scope is serialised across threads (see Engines.newGradientCollector)
        try (GradientCollector collector = Engines.newGradientCollector(manager.getEngine())) {
            out = model.forward(xb, true);
            batchLoss = loss.compute(out, yb, wb);
            collector.backward(batchLoss);
        }
        // Outside the collector, so the running sums never join the autograd graph.
        lossSum.addi(batchLoss.mul((double) m * termsPerExample));
        if (measured != null) {
            measured.add(out, yb);
        }
        NDList grads = new NDList(2 * params.size());
        NDList rows = new NDList(params.size());
        NDArray flat;
        try {
            for (NDArray p : params) {
                NDArray g = Engines.gradient(p); // the engine's .grad itself, not a copy
                grads.add(g);
                rows.add(g.reshape(-1));
            }
            flat = NDArrays.concat(rows);
            flat.attach(step);
        } finally {
            // the gradients' handles belong to the parameters' manager, which lives as long as the
            // model: freed here even when the copy fails (out of memory), not when the model closes
            rows.close();
            grads.close();
        }
        // only now: zeroing a parameter's .grad would zero the arrays above before the copy
        params.forEach(Engines::zeroGradient);
        return flat;
    }

    /** Ends the epoch and frees its batches. */
    void endEpoch() {
        endBatches();
    }

    private void endBatches() {
        if (epoch != null) {
            epoch.close();
            epoch = null;
            batches = null;
        }
    }

    /** @return the examples trained on in this epoch so far */
    long examplesSeen() {
        return examplesSeen;
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
        return metrics.accuracy(examplesSeen, perExample);
    }

    /**
     * Returns a regression's mean absolute error over every output in the epoch so far.
     *
     * @return the mean absolute error, NaN for a classifier (waits for the engine)
     */
    double meanAbsoluteError() {
        return metrics.meanAbsoluteError(examplesSeen, outputWidth);
    }

    @Override
    public void close() {
        endBatches();
        manager.close();
    }
}
