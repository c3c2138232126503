package dev.nntrain.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.initializer.Initializer;

import java.util.Objects;
import java.util.SplittableRandom;

/**
 * Keras' default kernel initialiser: uniform on {@code [-limit, limit]} with {@code limit =
 * sqrt(6 / (fanIn + fanOut))}. DJL's own default for {@code Linear} differs (a Xavier variant
 * drawn by the engine's global generator).
 *
 * <p>Values are drawn in Java from a seeded {@link SplittableRandom}, not by the engine, so the
 * same seed gives the same weights on every engine, device and thread count.
 */
public final class GlorotUniform implements Initializer {

    private final long seed;

    /**
     * Creates the initialiser.
     *
     * @param seed the seed of the draws
     */
    public GlorotUniform(long seed) {
        this.seed = seed;
    }

    /**
     * Computes the bound of the distribution for a weight shape in DJL's layout: {@code (out, in)}
     * for a dense kernel, {@code (out, in, k...)} for a convolution.
     *
     * @param shape the weight's shape
     * @return {@code sqrt(6 / (fanIn + fanOut))}
     */
    public static double limit(Shape shape) {
        Objects.requireNonNull(shape, "shape");
        long receptive = 1;
        for (int i = 2; i < shape.dimension(); i++) {
            receptive *= shape.get(i);
        }
        double fanOut = shape.get(0) * (double) receptive;
        double fanIn = (shape.dimension() > 1 ? shape.get(1) : 1) * (double) receptive;
        return Math.sqrt(6.0 / (fanIn + fanOut));
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        double limit = limit(shape);
        SplittableRandom random = new SplittableRandom(seed);
        int n = Math.toIntExact(shape.size());
        if (dataType == DataType.FLOAT64) {
            double[] values = new double[n];
            for (int i = 0; i < n; i++) {
                values[i] = (2 * random.nextDouble() - 1) * limit;
            }
            return manager.create(values, shape);
        }
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * limit);
        }
        return manager.create(values, shape).toType(dataType, false);
    }
}
