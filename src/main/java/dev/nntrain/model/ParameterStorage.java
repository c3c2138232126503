package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import dev.nntrain.InvalidInputException;
import dev.nntrain.engine.Engines;

/**
 * The one place a model's parameters live: a single flat engine array, of which each DJL {@link
 * Parameter}'s array is a view.
 *
 * <p>Why one flat array: an optimiser step is a dozen element-wise operations, and on the
 * course's small models their cost is almost all per-call overhead; on one flat array a step
 * costs a dozen calls whatever the number of layers. Why views: DJL's blocks, the written-out
 * backpropagation, the optimisers, snapshots and save/load then all read and write the same
 * memory, so nothing is ever copied back and no copy can go stale.
 *
 * <p>How: DJL lets a parameter's array be set only by its initialiser. {@link #bind} takes each
 * parameter's current values (drawn by the layer's initialiser, or read from a file), copies them
 * into the parameter's slice of the flat array, frees the parameter's own array and re-initialises
 * the parameter with an initialiser that returns the slice. Autograd still works on the slices:
 * they are leaves of their own, and their gradients land in each parameter's {@code .grad}.
 */
public final class ParameterStorage implements AutoCloseable {

    private final NDManager manager;
    private final NDArray flat;
    private final List<NDArray> views;
    private final List<Parameter> parameters;

    /**
     * Allocates the storage for parameters of known shapes and binds them to it.
     *
     * @param owner the manager the storage belongs to (the model's)
     * @param parameters the DJL parameters, initialised, in the model's order
     * @param dataType the model's floating-point type
     */
    ParameterStorage(NDManager owner, List<Parameter> parameters, DataType dataType) {
        this.manager = owner.newSubManager();
        this.parameters = List.copyOf(parameters);
        long total = 0;
        long[] cuts = new long[Math.max(0, parameters.size() - 1)];
        for (int i = 0; i < parameters.size(); i++) {
            total += parameters.get(i).getShape().size();
            if (i < cuts.length) {
                cuts[i] = total;
            }
        }
        flat = manager.zeros(new Shape(total), dataType);
        List<NDArray> shaped = new ArrayList<>();
        if (!parameters.isEmpty()) {
            NDList parts = cuts.length == 0 ? new NDList(flat) : flat.split(cuts);
            for (int i = 0; i < parameters.size(); i++) {
                NDArray view = parts.get(i).reshape(parameters.get(i).getShape());
                view.attach(manager);
                shaped.add(view);
            }
        }
        views = Collections.unmodifiableList(shaped);
        bind();
    }

    /**
     * Makes every parameter's array its slice of the flat array again, first copying in the
     * values the parameter holds now. Called after the parameters are initialised, and after DJL
     * has loaded values from a file (which replaces each parameter's array).
     */
    void bind() {
        for (int i = 0; i < parameters.size(); i++) {
            Parameter p = parameters.get(i);
            NDArray view = views.get(i);
            if (p.isInitialized() && p.getArray() == view) {
                continue;
            }
            if (p.isInitialized()) {
                view.set(new NDIndex("..."), p.getArray());
                p.close();
            }
            p.setInitializer(new SliceInitializer(view));
            p.initialize(manager, flat.getDataType());
        }
    }

    /** @return every parameter, end to end, in the model's order */
    public NDArray flat() {
        return flat;
    }

    /**
     * Returns the parameter arrays, input to output: for each layer with parameters its weight,
     * then its bias. Each is a view of {@link #flat()} and the very array DJL's block computes with.
     *
     * @return the views
     */
    public List<NDArray> arrays() {
        return views;
    }

    /** @return the DJL parameters, in the same order */
    public List<Parameter> parameters() {
        return parameters;
    }

    /** @return the number of parameter values */
    public long size() {
        return flat.size();
    }

    /**
     * Copies the values out, for snapshots such as early stopping's best weights.
     *
     * @return one value per parameter element, in {@link #flat()} order
     */
    public double[] snapshot() {
        if (flat.getDataType() == DataType.FLOAT64) {
            return flat.toDoubleArray();
        }
        // the widened copy would otherwise stay on the storage's manager until the model closes:
        // one parameter-sized array per call (early stopping snapshots at every better epoch)
        try (NDArray wide = flat.toType(DataType.FLOAT64, true)) {
            return wide.toDoubleArray();
        }
    }

    /**
     * Overwrites every value from a {@link #snapshot()}.
     *
     * @param values one value per parameter element
     * @throws IllegalArgumentException if the length differs
     */
    public void restore(double[] values) {
        Objects.requireNonNull(values, "values");
        if (values.length != flat.size()) {
            throw new InvalidInputException(
                    values.length + " parameter values given; the model has " + flat.size());
        }
        Engines.prepareThread();
        try (NDArray src = manager.create(values);
                NDArray typed = src.toType(flat.getDataType(), true)) {
            flat.set(new NDIndex("..."), typed);
        }
    }

    /** Frees the flat array (the parameters' arrays are views of it). */
    @Override
    public void close() {
        manager.close();
    }

    /** Hands a parameter its slice of the flat array as its "initial value". */
    private static final class SliceInitializer implements Initializer {
        private final NDArray slice;

        SliceInitializer(NDArray slice) {
            this.slice = slice;
        }

        @Override
        public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
            if (!shape.equals(slice.getShape())) {
                throw new IllegalStateException(
                        "parameter of shape " + shape + " bound to a slice of shape " + slice.getShape());
            }
            return slice;
        }
    }
}
