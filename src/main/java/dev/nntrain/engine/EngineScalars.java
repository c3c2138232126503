package dev.nntrain.engine;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

import java.util.HashMap;
import java.util.Map;

/**
 * Engine scalars of one floating-point type, created once and reused. Multiplying by a scalar
 * array costs one engine call; multiplying by a Java number makes DJL build a fresh scalar array
 * every time, which on the course's small models is a visible share of a training step.
 *
 * <p>Scalars are created in their final type on purpose: DJL backs arrays made from Java values
 * with a direct buffer, and {@code toType} to the same type returns a view of that memory, so
 * converting and closing the original would leave the result pointing at freed memory.
 */
public final class EngineScalars implements AutoCloseable {

    private final NDManager manager;
    private final DataType type;
    private final Map<Double, NDArray> cache = new HashMap<>();

    /**
     * Creates an empty cache whose arrays belong to a sub-manager of {@code parent}.
     *
     * @param parent the manager whose device and lifetime the scalars share
     * @param type FLOAT32 or FLOAT64
     */
    public EngineScalars(NDManager parent, DataType type) {
        this.manager = parent.newSubManager();
        this.type = type;
    }

    /**
     * Returns the scalar with a value, creating it on first use.
     *
     * @param value the value
     * @return a 0-dimensional array owned by this cache; do not close it
     */
    public NDArray of(double value) {
        return cache.computeIfAbsent(value, v -> of(manager, v, type));
    }

    /** @return the floating-point type of the scalars */
    public DataType dataType() {
        return type;
    }

    /**
     * Creates a 0-dimensional array of a floating-point type.
     *
     * @param manager the owner
     * @param value the value
     * @param type FLOAT32 or FLOAT64
     * @return the scalar
     */
    public static NDArray of(NDManager manager, double value, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(value);
        }
        if (type == DataType.FLOAT32) {
            return manager.create((float) value);
        }
        throw new IllegalStateException("scalars are float32 or float64, not " + type);
    }

    /**
     * Creates a 1-dimensional array of a floating-point type from doubles, in its final type.
     *
     * @param manager the owner
     * @param values the values
     * @param type FLOAT32 or FLOAT64
     * @return the array
     */
    public static NDArray vector(NDManager manager, double[] values, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f);
    }

    /** Frees the scalars. */
    @Override
    public void close() {
        manager.close();
        cache.clear();
    }
}
