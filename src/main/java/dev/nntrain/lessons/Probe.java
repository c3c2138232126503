package dev.nntrain.lessons;

import dev.nntrain.model.Activation;
import dev.nntrain.model.BatchedInference;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;

/**
 * A model that applies one activation to its input and nothing else: a single {@link Dense} layer
 * with an identity kernel ({@link FixedKernel#identity}) and zero bias, so that its pre-activations
 * {@code z} are the input itself. The lessons feed chosen {@code z} values through it to see what
 * the library's activations (and losses) do with them.
 */
final class Probe {

    private Probe() {}

    /**
     * Builds the probe.
     *
     * @param activation g
     * @param width the number of z values per example
     * @return a built model computing {@code g(z)}; the caller closes it
     */
    static Sequential of(Activation activation, int width) {
        return Sequential.builder()
                .add(Dense.builder()
                        .setUnits(width)
                        .optActivation(activation)
                        .optKernelInitializer(FixedKernel.identity(width))
                        .build())
                .optInputShape(width)
                .build();
    }

    /**
     * Applies an activation through the library.
     *
     * @param activation g
     * @param z one row of pre-activations per example
     * @return {@code g(z)} row by row, as the library computes it in float32
     */
    static float[][] apply(Activation activation, float[][] z) {
        try (Sequential probe = of(activation, z[0].length)) {
            return BatchedInference.outputs(probe, z);
        }
    }

    /** Applies an activation to single values: {@code g(z_i)} for each i. */
    static float[] apply(Activation activation, float... z) {
        float[][] rows = new float[z.length][];
        for (int i = 0; i < z.length; i++) {
            rows[i] = new float[] {z[i]};
        }
        float[][] out = apply(activation, rows);
        float[] result = new float[z.length];
        for (int i = 0; i < z.length; i++) {
            result[i] = out[i][0];
        }
        return result;
    }
}
