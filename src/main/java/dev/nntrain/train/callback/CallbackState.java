package dev.nntrain.train.callback;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What a callback has learnt from the epochs so far, as a training checkpoint saves it: named
 * arrays of numbers, under the callback's description. A fit resumed from the checkpoint gives each
 * callback back the state saved under its own description, so a callback configured differently
 * (early stopping with another patience, say) is never handed a state it did not produce.
 */
public final class CallbackState {

    private final String callback;
    private final Map<String, double[]> values;

    /**
     * Creates a state.
     *
     * @param callback the callback's description, including every setting that its state depends
     *     on, e.g. {@code EarlyStopping(monitor=val_loss, patience=2, ...)}
     * @param values the state's named values, copied
     */
    public CallbackState(String callback, Map<String, double[]> values) {
        this.callback = Objects.requireNonNull(callback, "callback");
        Map<String, double[]> copy = new LinkedHashMap<>();
        values.forEach((name, v) -> copy.put(Objects.requireNonNull(name, "name"), v.clone()));
        this.values = copy;
    }

    /** @return the description of the callback that saved this state */
    public String callback() {
        return callback;
    }

    /** @return the names of the values, in the order they were given */
    public java.util.Set<String> names() {
        return java.util.Collections.unmodifiableSet(values.keySet());
    }

    /**
     * Returns one value.
     *
     * @param name the value's name
     * @return a copy of it
     * @throws IllegalArgumentException if the state has no value of that name
     */
    public double[] get(String name) {
        double[] v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(callback + "'s state has no value '" + name + "', only " + values.keySet());
        }
        return v.clone();
    }

    /**
     * Returns one number.
     *
     * @param name the value's name
     * @return the value's only element
     * @throws IllegalArgumentException if the value is missing or not a single number
     */
    public double number(String name) {
        double[] v = get(name);
        if (v.length != 1) {
            throw new IllegalArgumentException(callback + "'s '" + name + "' holds " + v.length + " numbers, not one");
        }
        return v[0];
    }

    /**
     * @param name the value's name
     * @return whether the state has a value of that name
     */
    public boolean has(String name) {
        return values.containsKey(name);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof CallbackState other) || !callback.equals(other.callback)
                || !values.keySet().equals(other.values.keySet())) {
            return false;
        }
        return values.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.values.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return callback.hashCode() * 31 + values.keySet().hashCode();
    }

    @Override
    public String toString() {
        return callback + " " + values.keySet();
    }
}
