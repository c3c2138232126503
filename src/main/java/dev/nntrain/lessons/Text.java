package dev.nntrain.lessons;

import java.util.Locale;

/** Formats the lessons' vectors and matrices for printing, always with a dot as decimal point. */
final class Text {

    private Text() {}

    /** {@code [v0, v1, ...]} with each value in {@code format}, e.g. {@code "%.4f"}. */
    static String vector(double[] v, String format) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, format, v[i]));
        }
        return sb.append(']').toString();
    }

    /** {@code [v0, v1, ...]} with each value in {@code format}. */
    static String vector(float[] v, String format) {
        return vector(HandMath.toDouble(v), format);
    }

    /** One indented line per row, each row as a {@link #vector}. */
    static String matrix(float[][] m, String format, String indent) {
        StringBuilder sb = new StringBuilder();
        for (float[] row : m) {
            sb.append(indent).append(vector(row, format)).append('\n');
        }
        return sb.toString();
    }

    /** {@code String.format} in the root locale. */
    static String f(String format, Object... args) {
        return String.format(Locale.ROOT, format, args);
    }

    /** {@code "1 epoch"}, {@code "40 epochs"}. */
    static String epochs(int count) {
        return count + (count == 1 ? " epoch" : " epochs");
    }
}
