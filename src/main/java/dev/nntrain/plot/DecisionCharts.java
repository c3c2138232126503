package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.function.Function;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.Marker;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * What a classifier decides over a plane of two features: the multiclass model's decision regions
 * with its points, and the coffee-roasting model's decision boundary with its roasts. The model
 * is asked once, for a batch of every cell of a grid over the points.
 */
public final class DecisionCharts {

    /** The size of the charts drawn without one. */
    public static final ChartSize DEFAULT_SIZE = new ChartSize(800, 600);

    /** Cells along the longer side of the grid the model is asked about. */
    static final int CELLS_ACROSS = 240;

    /** The probability at which the binary model's decision flips. */
    static final double THRESHOLD = 0.5;

    /** Colour of the good roasts (label 1) and of where the model predicts them. */
    static final Color GOOD_ROAST = ChartStyle.color(3);
    /** Colour of the bad roasts (label 0) and of where the model predicts them. */
    static final Color BAD_ROAST = ChartStyle.color(0);
    /** How much white lightens a region's colour below the points. */
    static final double REGION_TINT = 0.72;

    private static final Color BOUNDARY = new Color(0x222222);

    private DecisionCharts() {}

    /**
     * Draws a multiclass classifier's decision regions at {@link #DEFAULT_SIZE}.
     *
     * @param points the data, one {x1, x2} each
     * @param labels each point's class, from 0
     * @param classifier the model: a batch of {x1, x2} points to their predicted classes
     * @return the chart
     * @throws InvalidInputException see {@link #regions(double[][], int[], Function,
     *     ChartSize)}
     */
    public static BufferedImage regions(
            double[][] points, int[] labels, Function<double[][], int[]> classifier) {
        return regions(points, labels, classifier, DEFAULT_SIZE);
    }

    /**
     * Draws a multiclass classifier's decision regions: each cell of a grid over the points is
     * coloured, lightly, by the class the model predicts there, and the points on top in their
     * true class's full colour, so a point in a region of another colour is one the model gets
     * wrong.
     *
     * @param points the data, one finite {x1, x2} each
     * @param labels each point's class, from 0
     * @param classifier the model: a batch of {x1, x2} points to one predicted class each
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no points, a point is not a finite pair, the
     *     labels' count differs, a label is negative, or the classifier answers with the wrong
     *     number of classes or a negative class
     */
    public static BufferedImage regions(double[][] points, int[] labels,
            Function<double[][], int[]> classifier, ChartSize size) {
        Inputs.requirePoints(points, "points");
        Inputs.requireLabels(labels, "labels", points.length, "points", Integer.MAX_VALUE);
        Lattice lattice = lattice(points, size);
        double[][] cells = lattice.points();
        int[] predicted = classifier.apply(cells);
        if (predicted == null) {
            throw new InvalidInputException("the classifier returned null for "
                    + cells.length + " points; expected " + cells.length + " classes");
        }
        Inputs.requireLabels(predicted, "the classifier's answer", cells.length,
                "the batch of grid points", Integer.MAX_VALUE);

        XYChart chart = ChartStyle.xyChart(size, "Decision regions: the class the model predicts",
                "x1 (feature 1)", "x2 (feature 2)");
        lattice.bounds().applyTo(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        int classes = Math.max(Inputs.max(labels), Inputs.max(predicted)) + 1;
        for (int c = 0; c < classes; c++) {
            addPoints(chart, "class " + c, points, labels, c, ChartStyle.color(c),
                    SeriesMarkers.CIRCLE);
        }
        return ChartImages.renderOver(chart, (g, area) -> area.fillCells(g, lattice,
                i -> ChartStyle.tint(ChartStyle.color(predicted[i]), REGION_TINT)));
    }

    /**
     * Draws the coffee-roasting model's decision boundary at {@link #DEFAULT_SIZE}.
     *
     * @param roasts the roasts, one {temperature in °C, duration in minutes} each
     * @param labels 1 for a good roast, 0 for a bad one
     * @param probabilityOfGood the model: a batch of roasts to the probability of each being good
     * @return the chart
     * @throws InvalidInputException see {@link #coffeeRoasting(double[][], int[], Function,
     *     ChartSize)}
     */
    public static BufferedImage coffeeRoasting(
            double[][] roasts, int[] labels, Function<double[][], double[]> probabilityOfGood) {
        return coffeeRoasting(roasts, labels, probabilityOfGood, DEFAULT_SIZE);
    }

    /**
     * Draws the coffee-roasting model's decision boundary: the roasts as red crosses (good) and
     * blue circles (bad) over temperature and duration, the area where the model says "good"
     * (probability at least 0.5) shaded red, the rest blue, and the line where the probability
     * crosses 0.5 in black.
     *
     * @param roasts the roasts, one finite {temperature in °C, duration in minutes} each, in the
     *     units of the course (the model normalises them itself if it needs to)
     * @param labels 1 for a good roast, 0 for a bad one
     * @param probabilityOfGood the model: a batch of roasts to one probability each, in [0, 1]
     * @param size the image's size
     * @return the chart
     * @throws InvalidInputException if there are no roasts, a roast is not a finite pair, the
     *     labels' count differs or one is not 0 or 1, or the model answers with the wrong number
     *     of probabilities or one outside [0, 1]
     */
    public static BufferedImage coffeeRoasting(double[][] roasts, int[] labels,
            Function<double[][], double[]> probabilityOfGood, ChartSize size) {
        Inputs.requirePoints(roasts, "roasts");
        Inputs.requireLabels(labels, "labels", roasts.length, "roasts", 2);
        Lattice lattice = lattice(roasts, size);
        double[][] cells = lattice.points();
        double[] p = probabilityOfGood.apply(cells);
        requireProbabilities(p, cells);

        XYChart chart = ChartStyle.xyChart(size,
                "Coffee roasting: the model's decision boundary (probability 0.5)",
                "temperature (\u00b0C)", "duration (minutes)");
        lattice.bounds().applyTo(chart);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS)
                .setLegendLayout(Styler.LegendLayout.Horizontal);
        chart.getStyler().setMarkerSize(10);
        addPoints(chart, "good roast (label 1)", roasts, labels, 1, GOOD_ROAST, SeriesMarkers.CROSS);
        addPoints(chart, "bad roast (label 0)", roasts, labels, 0, BAD_ROAST, SeriesMarkers.CIRCLE);
        XYSeries boundary = chart.addSeries("decision boundary: probability of good = 0.5",
                new double[] {Double.NaN}, new double[] {Double.NaN});
        boundary.setMarker(SeriesMarkers.NONE);
        boundary.setLineColor(BOUNDARY);
        boundary.setLineStyle(ChartStyle.solid(3f));
        return ChartImages.renderOver(chart, (g, area) -> {
            area.fillCells(g, lattice, i -> ChartStyle.tint(
                    p[i] >= THRESHOLD ? GOOD_ROAST : BAD_ROAST, REGION_TINT + 0.1));
            g.setColor(BOUNDARY);
            g.setStroke(ChartStyle.solid(3f));
            area.drawSegments(g, Contours.at(lattice, p, THRESHOLD));
        });
    }

    private static Lattice lattice(double[][] points, ChartSize size) {
        return new Lattice(Bounds.of(Arrays.asList(points)).padded(0.08), CELLS_ACROSS,
                (double) size.width() / size.height());
    }

    private static void requireProbabilities(double[] p, double[][] cells) {
        if (p == null) {
            throw new InvalidInputException("the model returned null for " + cells.length
                    + " roasts; expected " + cells.length + " probabilities");
        }
        Inputs.requireLength(p.length, "the model's answer", cells.length, "the batch of roasts");
        for (int i = 0; i < p.length; i++) {
            if (!(p[i] >= 0 && p[i] <= 1)) {
                throw new InvalidInputException("the model's probability for "
                        + Arrays.toString(cells[i]) + " is " + p[i] + "; expected one in [0, 1]");
            }
        }
    }

    private static void addPoints(XYChart chart, String name, double[][] points, int[] labels,
            int label, Color color, Marker marker) {
        int count = 0;
        for (int l : labels) {
            count += l == label ? 1 : 0;
        }
        if (count == 0) {
            return;
        }
        double[] x = new double[count];
        double[] y = new double[count];
        int k = 0;
        for (int i = 0; i < points.length; i++) {
            if (labels[i] == label) {
                x[k] = points[i][0];
                y[k++] = points[i][1];
            }
        }
        XYSeries series = chart.addSeries(name, x, y);
        series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        series.setMarker(marker);
        series.setMarkerColor(color);
    }
}
