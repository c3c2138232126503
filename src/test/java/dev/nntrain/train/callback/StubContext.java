package dev.nntrain.train.callback;

import dev.nntrain.train.CompiledModel;
import dev.nntrain.train.optimizer.Optimizer;

import java.util.function.Predicate;

/**
 * A fit reduced to what callbacks ask of it in these tests: a learning rate (checked as a fit checks
 * one) and the metrics it computes; no model, and a 100-epoch run of one batch.
 */
final class StubContext implements TrainingContext {
    double rate;
    /** How many times a callback asked the fit to stop. */
    int stopRequests;
    private final Predicate<String> computes;

    StubContext(double rate, Predicate<String> computes) {
        this.rate = rate;
        this.computes = computes;
    }

    StubContext(double rate) {
        this(rate, metric -> true);
    }

    @Override
    public CompiledModel model() {
        return null;
    }

    @Override
    public int epochs() {
        return 100;
    }

    @Override
    public int batchesPerEpoch() {
        return 1;
    }

    @Override
    public int trainingExamples() {
        return 1;
    }

    @Override
    public double runningLoss() {
        return Double.NaN;
    }

    @Override
    public void stopTraining() {
        stopRequests++;
    }

    @Override
    public double learningRate() {
        return rate;
    }

    @Override
    public void setLearningRate(double learningRate) {
        rate = Optimizer.checkLearningRate(learningRate);
    }

    @Override
    public boolean computesMetric(String metric) {
        return computes.test(metric);
    }
}
