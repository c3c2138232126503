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
 * that owns the optimiser's state (moments, velocities) and its cached scalars, and the step count;
 * and, from these, the copy of the state a training checkpoint saves and puts back.
 */
abstract class FlatUpdater implements Optimizer.Updater {

    /** Every parameter, end to end; updated in place. */
    final NDArray params;
    /** Engine constants of the parameters' type, owned by this updater. */
    final EngineScalars scalars;
    private final NDManager manager;
    private final List<NDArray> state = new ArrayList<>();
    private long t;

    FlatUpdater(NDArray params) {
        this.params = params;
        this.manager = params.getManager().newSubManager();
        this.scalars = new EngineScalars(manager, params.getDataType());
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
    public final State state() {
        List<double[]> arrays = new ArrayList<>();
        for (NDArray a : state) {
            try (NDArray d = a.toType(DataType.FLOAT64, true)) {
                arrays.add(d.toDoubleArray());
            }
        }
        return new State(t, arrays);
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
        restored();
    }

    /** Called after {@link #restore}: drops what was computed ahead from the old step count. */
    void restored() {}

    @Override
    public final void close() {
        manager.close();
    }
}
