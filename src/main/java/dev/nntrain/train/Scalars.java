package dev.nntrain.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * Engine scalars for in-place arithmetic. Multiplying by a scalar array costs one engine call;
 * multiplying by a Java number makes DJL build a fresh scalar array every time.
 */
final class Scalars {

    private Scalars() {}

    /**
     * Creates a 0-dimensional array of a floating-point type.
     *
     * <p>It is created in its final type on purpose: DJL backs arrays made from Java values with
     * a direct buffer, and {@code toType} to the same type returns a view of that memory, so
     * converting and closing the original would leave the result pointing at freed memory.
     *
     * @param manager the owner
     * @param value the value
     * @param type FLOAT32 or FLOAT64
     * @return the scalar
     */
    static NDArray of(NDManager manager, double value, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(value);
        }
        if (type == DataType.FLOAT32) {
            return manager.create((float) value);
        }
        throw new IllegalArgumentException("scalars are float32 or float64, not " + type);
    }

    /**
     * Creates a 1-dimensional array of a floating-point type from doubles, in its final type (see
     * {@link #of}).
     *
     * @param manager the owner
     * @param values the values
     * @param type FLOAT32 or FLOAT64
     * @return the array
     */
    static NDArray vector(NDManager manager, double[] values, DataType type) {
        if (type == DataType.FLOAT64) {
            return manager.create(values);
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return manager.create(f);
    }
}
