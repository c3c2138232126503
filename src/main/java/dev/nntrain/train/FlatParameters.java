package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;

import dev.nntrain.model.Sequential;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A model's parameters laid end to end in one flat array, with a view of it in the shape of each
 * parameter.
 *
 * <p>Why: an optimiser step is a dozen element-wise operations, and their cost on small models is
 * almost all per-call overhead. On one flat array the step costs a dozen calls whatever the number
 * of layers, instead of a dozen per parameter. The training loop computes with the views and
 * copies them back into the model's own (DJL block) parameters at the end of each epoch.
 */
final class FlatParameters implements AutoCloseable {

    private final Sequential model;
    private final NDManager manager;
    private final NDArray flat;
    private final List<NDArray> views;

    FlatParameters(Sequential model) {
        this.model = model;
        this.manager = model.getManager().newSubManager();
        List<NDArray> params = model.getParameterArrays();
        long[] sizes = new long[params.size()];
        NDList flattened = new NDList();
        for (int i = 0; i < params.size(); i++) {
            sizes[i] = params.get(i).size();
            flattened.add(params.get(i).reshape(-1));
        }
        // Concatenation copies: the flat array owns its memory and requires no gradient.
        NDArray joined = ai.djl.ndarray.NDArrays.concat(flattened);
        joined.attach(manager);
        flattened.close();
        flat = joined;
        long[] cuts = new long[params.size() - 1];
        long offset = 0;
        for (int i = 0; i < cuts.length; i++) {
            offset += sizes[i];
            cuts[i] = offset;
        }
        NDList parts = cuts.length == 0 ? new NDList(flat) : flat.split(cuts);
        List<NDArray> shaped = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            NDArray view = parts.get(i).reshape(params.get(i).getShape());
            view.attach(manager);
            shaped.add(view);
        }
        views = Collections.unmodifiableList(shaped);
    }

    /** @return the flat array of every parameter */
    NDArray flat() {
        return flat;
    }

    /** @return one view per parameter, in the model's order and shapes */
    List<NDArray> views() {
        return views;
    }

    /** Copies the model's parameters into the flat array (at the start of a fit). */
    void copyFromModel() {
        List<NDArray> params = model.getParameterArrays();
        for (int i = 0; i < params.size(); i++) {
            views.get(i).set(new NDIndex("..."), params.get(i));
        }
    }

    /** Copies the flat array into the model's parameters (after an epoch). */
    void copyToModel() {
        List<NDArray> params = model.getParameterArrays();
        for (int i = 0; i < params.size(); i++) {
            params.get(i).set(new NDIndex("..."), views.get(i));
        }
    }

    @Override
    public void close() {
        manager.close();
    }
}
