package dev.nntrain.lessons;

import dev.nntrain.train.CompiledModel;
import java.util.function.Function;

/**
 * Conversions between the models' {@code float} rows and the charts' {@code double} points: the
 * charts take plain doubles so that they do not depend on how a model stores its numbers.
 */
final class ChartData {

    private ChartData() {}

    /** Each row as doubles. */
    static double[][] points(float[][] rows) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = HandMath.toDouble(rows[i]);
        }
        return out;
    }

    /** Each point as floats, for a model's input. */
    static float[][] rows(double[][] points) {
        float[][] out = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new float[points[i].length];
            for (int j = 0; j < points[i].length; j++) {
                out[i][j] = (float) points[i][j];
            }
        }
        return out;
    }

    /** A classifier a decision chart can call: a batch of points to the model's classes. */
    static Function<double[][], int[]> classifier(CompiledModel net) {
        return points -> net.predictClasses(rows(points));
    }
}
