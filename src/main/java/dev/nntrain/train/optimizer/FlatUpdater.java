package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;


import java.util.ArrayList;
import java.util.List;
import dev.nntrain.engine.EngineScalars;

/**
 * What every optimiser's update of the one flat parameter array shares: the parameters, a manager
 * that owns the optimiser's state (moments, velocities) and its cached scalars, the step count and
 * the current learning rate; and, from these, the copy of the state a training checkpoint saves
 * and puts back.
 *
 * <p>The learning rate is the one value of a step that changes during a fit, so it is not among
 * the cached {@link EngineScalars} (which would keep every rate a schedule ever set): it has an
 * engine scalar of its own, {@link #rate()}, replaced when the rate changes.
 */
abstract class FlatUpdater implements Optimizer.Updater {

    /** Every parameter, end to end; updated in place. */
    final NDArray params;
    /** Engine constants of the parameters' type, owned by this updater. */
    final EngineScalars scalars;
    private final NDManager manager;
    private final List<NDArray> state = new ArrayList<>();
    private final double compiledRate;
    private long t;
    private double learningRate;
    private NDArray rate; // the engine's copy of learningRate, made on first use after a change

    /**
     * @param params every parameter, end to end
     * @param learningRate the compiled rate, the first step's
     */
    FlatUpdater(NDArray params, double learningRate) {
        this.params = params;
        this.manager = params.getManager().newSubManager();
        this.scalars = new EngineScalars(manager, params.getDataType());
        this.compiledRate = Optimizer.checkLearningRate(learningRate, params.getDataType());
        this.learningRate = compiledRate;
    }

    /**
     * Creates a state array, part of what {@link #state()} saves.
     *
     * @return a zero array shaped as the parameters, owned by this updater: a moment, a velocity
     */
    final NDArray zeros() {
        NDArray zeros = params.zerosLike();
        zeros.attach(manager);
        state.add(zeros);
        return zeros;
    }

    /** @return the manager that owns the optimiser's state */
    final NDManager manager() {
        return manager;
    }

    @Override
    public final void step(NDArray gradient) {
        t++;
        update(gradient, t);
    }

    /**
     * Applies step {@code t}.
     *
     * @param g the gradient, usable as scratch space
     * @param t the step number, from 1
     */
    abstract void update(NDArray g, long t);

    @Override
    public final long steps() {
        return t;
    }

    @Override
    public final double learningRate() {
        return learningRate;
    }

    @Override
    public final void setLearningRate(double learningRate) {
        double checked = Optimizer.checkLearningRate(learningRate, params.getDataType());
        if (checked == this.learningRate) {
            return;
        }
        this.learningRate = checked;
        if (rate != null) {
            rate.close();
            rate = null;
        }
        rateChanged();
    }

    /**
     * @return the current learning rate as an engine scalar of the parameters' type, owned by
     *     this updater; do not close it
     */
    final NDArray rate() {
        if (rate == null) {
            rate = EngineScalars.of(manager, learningRate, params.getDataType());
        }
        return rate;
    }

    @Override
    public final State state() {
        List<double[]> arrays = new ArrayList<>();
        for (NDArray a : state) {
            try (NDArray d = a.toType(DataType.FLOAT64, true)) {
                arrays.add(d.toDoubleArray());
            }
        }
        return new State(t, arrays, learningRate);
    }

    @Override
    public final void restore(State saved) {
        saved.check(state.size(), params.size());
        for (int i = 0; i < state.size(); i++) {
            NDArray target = state.get(i);
            try (NDArray source = manager.create(saved.arrays().get(i));
                    NDArray typed = source.toType(target.getDataType(), true)) {
                target.set(new NDIndex("..."), typed);
            }
        }
        t = saved.steps();
        // a state saved before the rate could change ran at the compiled rate throughout
        setLearningRate(Double.isNaN(saved.learningRate()) ? compiledRate : saved.learningRate());
        rateChanged();
    }

    /**
     * Called when the learning rate or the step count changes other than by a step (a new rate,
     * {@link #restore}): drops what was computed ahead from the old ones.
     */
    void rateChanged() {}

    @Override
    public final void close() {
        manager.close();
    }
}
