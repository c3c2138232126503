package dev.nntrain.train.optimizer;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import dev.nntrain.model.EngineScalars;

/**
 * What every optimiser's update of the one flat parameter array shares: the parameters, a manager
 * that owns the optimiser's state (moments, velocities) and its cached scalars, and the step count.
 */
abstract class FlatUpdater implements Optimizer.Updater {

    /** Every parameter, end to end; updated in place. */
    final NDArray params;
    /** Engine constants of the parameters' type, owned by this updater. */
    final EngineScalars scalars;
    private final NDManager manager;
    private long t;

    FlatUpdater(NDArray params) {
        this.params = params;
        this.manager = params.getManager().newSubManager();
        this.scalars = new EngineScalars(manager, params.getDataType());
    }

    /** @return a zero array shaped as the parameters, owned by this updater: a moment, a velocity */
    final NDArray zeros() {
        NDArray zeros = params.zerosLike();
        zeros.attach(manager);
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
    public final void close() {
        manager.close();
    }
}
