package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Activation functions: the four of the course (sigmoid, ReLU, linear, tanh) over
 * {@code z} in [-5, 5], one panel each, and softmax of a vector as bars of its inputs and its
 * probabilities. The functions are computed here, in plain Java.
 */
public final class ActivationCharts {

    /** The size of {@link #functions()}. */
    public static final ChartSize FUNCTIONS_SIZE = new ChartSize(900, 640);

    /** The size of {@link #softmax(double[])}. */
    public static final ChartSize SOFTMAX_SIZE = new ChartSize(900, 400);

    /** The smallest and largest {@code z} drawn. */
    static final double Z_LIMIT = 5;

    /** Points per curve. */
    private static final int POINTS = 201;

    /** The most inputs {@link #softmax(double[])} draws as bars. */
    public static final int MAX_SOFTMAX_INPUTS = 40;

    /** The four activation functions, with the formula shown in each panel's title. */
    enum Curve {
        /** The logistic function, 0 to 1. */
        SIGMOID("sigmoid: g(z) = 1 / (1 + e^-z)", z -> 1 / (1 + Math.exp(-z))),
        /** The rectified linear unit, 0 or z. */
        RELU("ReLU: g(z) = max(0, z)", z -> Math.max(0, z)),
        /** No activation: the unit's z itself. */
        LINEAR("linear: g(z) = z", z -> z),
        /** The hyperbolic tangent, -1 to 1. */
        TANH("tanh: g(z) = (e^z - e^-z) / (e^z + e^-z)", Math::tanh);

        /** The panel's title, with the formula. */
        final String title;
        /** The function. */
        final DoubleUnaryOperator g;

        Curve(String title, DoubleUnaryOperator g) {
            this.title = title;
            this.g = g;
        }

        /** @return this curve's colour in the chart */
        Color color() {
            return ChartStyle.color(ordinal());
        }
    }

    private ActivationCharts() {}

    /**
     * Draws sigmoid, ReLU, linear and tanh at {@link #FUNCTIONS_SIZE}.
     *
     * @return the chart: four panels, two by two
     */
    public static BufferedImage functions() {
        return functions(FUNCTIONS_SIZE);
    }

    /**
     * Draws sigmoid, ReLU, linear and tanh over {@code z} in [-5, 5], each in its own panel and
     * colour.
     *
     * @param size the image's size, shared by four panels, two by two
     * @return the chart
     */
    public static BufferedImage functions(ChartSize size) {
        List<Function<ChartSize, BufferedImage>> panels = new ArrayList<>();
        for (Curve curve : Curve.values()) {
            panels.add(s -> functionPanel(curve, s));
        }
        return Panels.grid(size, 2, panels);
    }

    private static BufferedImage functionPanel(Curve curve, ChartSize size) {
        double[] z = new double[POINTS];
        double[] g = new double[POINTS];
        for (int i = 0; i < POINTS; i++) {
            z[i] = -Z_LIMIT + 2 * Z_LIMIT * i / (POINTS - 1);
            g[i] = curve.g.applyAsDouble(z[i]);
        }
        XYChart chart = ChartStyle.xyChart(size, curve.title, "z = w \u00b7 x + b", "g(z)");
        chart.getStyler().setLegendVisible(false);
        Bounds.of(z, g).padded(0.02).applyTo(chart);
        XYSeries series = chart.addSeries(curve.name().toLowerCase(), z, g);
        series.setMarker(SeriesMarkers.NONE);
        series.setLineColor(curve.color());
        series.setLineStyle(ChartStyle.solid(3f));
        return ChartImages.render(chart);
    }

    /**
     * Draws softmax of a vector at {@link #SOFTMAX_SIZE}.
     *
     * @param z the inputs
     * @return the chart
     * @throws InvalidInputException see {@link #softmax(double[], ChartSize)}
     */
    public static BufferedImage softmax(double[] z) {
        return softmax(z, SOFTMAX_SIZE);
    }

    /**
     * Draws softmax of a vector: on the left its inputs {@code z_j} as bars, on the right the
     * probabilities {@code a_j = e^z_j / sum_k e^z_k}, each bar labelled with its value.
     *
     * @param z the inputs, 1 to {@value #MAX_SOFTMAX_INPUTS} finite numbers
     * @param size the image's size, shared by the two panels
     * @return the chart
     * @throws InvalidInputException if {@code z} is empty, too long, or holds NaN or infinity
     */
    public static BufferedImage softmax(double[] z, ChartSize size) {
        Inputs.requireNonEmpty(z.length, "z");
        if (z.length > MAX_SOFTMAX_INPUTS) {
            throw new InvalidInputException("z has " + z.length
                    + " values; at most " + MAX_SOFTMAX_INPUTS + " fit as bars");
        }
        Inputs.requireFinite(z, "z");
        double[] a = softmaxOf(z);
        List<String> classes = new ArrayList<>();
        for (int j = 1; j <= z.length; j++) {
            classes.add(String.valueOf(j));
        }
        return Panels.grid(size, 2, List.of(
                s -> bars(s, "Inputs z_j", "z_j", classes, z, ChartStyle.color(0)),
                s -> bars(s, "Softmax: a_j = e^z_j / \u03a3_k e^z_k", "a_j = P(y = j | x)",
                        classes, a, ChartStyle.color(1))));
    }

    /**
     * Computes softmax, shifted by the largest input so that no exponential overflows.
     *
     * @param z the inputs
     * @return the probabilities, summing to 1
     */
    static double[] softmaxOf(double[] z) {
        double max = Arrays.stream(z).max().orElseThrow();
        double[] exp = Arrays.stream(z).map(v -> Math.exp(v - max)).toArray();
        double sum = Arrays.stream(exp).sum();
        return Arrays.stream(exp).map(e -> e / sum).toArray();
    }

    private static BufferedImage bars(ChartSize size, String title, String yAxis,
            List<String> classes, double[] values, Color color) {
        CategoryChart chart = ChartStyle.barChart(size, title, "output j", yAxis);
        chart.getStyler().setLabelsVisible(true).setLabelsFont(ChartStyle.TICK_FONT)
                .setLabelsFontColorAutomaticEnabled(false).setLabelsFontColor(ChartStyle.TEXT)
                .setDecimalPattern("0.00");
        List<Double> boxed = new ArrayList<>();
        for (double v : values) {
            boxed.add(v);
        }
        CategorySeries series = chart.addSeries(yAxis, classes, boxed);
        series.setFillColor(color);
        return ChartImages.render(chart);
    }
}
