package dev.nntrain.plot;

import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.XYChart;

/**
 * A rectangle in data coordinates.
 *
 * @param xMin the left edge
 * @param xMax the right edge
 * @param yMin the bottom edge
 * @param yMax the top edge
 */
record Bounds(double xMin, double xMax, double yMin, double yMax) {

    /**
     * Returns the smallest rectangle holding every point.
     *
     * @param points {x, y} pairs, at least one, all finite
     * @return the rectangle
     */
    static Bounds of(List<double[]> points) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        for (double[] p : points) {
            xMin = Math.min(xMin, p[0]);
            xMax = Math.max(xMax, p[0]);
            yMin = Math.min(yMin, p[1]);
            yMax = Math.max(yMax, p[1]);
        }
        return new Bounds(xMin, xMax, yMin, yMax);
    }

    /**
     * Returns the smallest rectangle holding every point of a series, NaN values left out.
     *
     * @param x the points' x values
     * @param y the points' y values, as many, at least one of them a number
     * @return the rectangle
     */
    static Bounds of(double[] x, double[] y) {
        List<double[]> points = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isNaN(y[i])) {
                points.add(new double[] {x[i], y[i]});
            }
        }
        return of(points);
    }

    /**
     * Returns the rectangle grown by a fraction of its size on every side. A side of zero length
     * (all points on one line) grows by the fraction of its value, or by 1 at 0.
     *
     * @param fraction how much to add on each side, relative to the width and height
     * @return the larger rectangle
     */
    Bounds padded(double fraction) {
        double dx = margin(xMax - xMin, xMin, fraction);
        double dy = margin(yMax - yMin, yMin, fraction);
        return new Bounds(xMin - dx, xMax + dx, yMin - dy, yMax + dy);
    }

    private static double margin(double length, double at, double fraction) {
        if (length > 0) {
            return length * fraction;
        }
        return at == 0 ? 1 : Math.abs(at) * fraction;
    }

    /**
     * Fixes a chart's axes to this rectangle. Fixed axes also give round tick values: XChart puts
     * ticks only at data values when those are equally spaced (fine for epochs 1, 2, 3, odd for
     * z = -5, -4.1, -3.2 ...), unless the axis' limits are not data values.
     *
     * @param chart the chart
     */
    void applyTo(XYChart chart) {
        chart.getStyler().setXAxisMin(xMin).setXAxisMax(xMax).setYAxisMin(yMin).setYAxisMax(yMax);
    }
}
