package dev.nntrain.plot;

import java.awt.geom.Line2D;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Contour lines by marching squares: where a function sampled on a {@link Lattice} crosses a
 * level, as line segments in data coordinates.
 */
final class Contours {

    private Contours() {}

    /**
     * Returns the segments of one contour line.
     *
     * @param lattice the cells, whose centres were sampled
     * @param values the function at each cell centre, indexed as {@link Lattice#points()}
     * @param level the level
     * @return the segments, in no particular order
     */
    static List<Line2D.Double> at(Lattice lattice, double[] values, double level) {
        List<Line2D.Double> segments = new ArrayList<>();
        for (int row = 0; row + 1 < lattice.rows(); row++) {
            for (int column = 0; column + 1 < lattice.columns(); column++) {
                addSquare(lattice, values, level, column, row, segments);
            }
        }
        return segments;
    }

    /**
     * Returns levels spread over a function's values: at evenly spaced quantiles, so that the
     * lines are spread over the picture whatever the function's shape.
     *
     * @param values the function at each cell centre
     * @param count how many levels
     * @return the levels, ascending
     */
    static double[] quantileLevels(double[] values, int count) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double[] levels = new double[count];
        for (int k = 0; k < count; k++) {
            int i = (int) Math.round((k + 0.5) / count * (sorted.length - 1));
            levels[k] = sorted[i];
        }
        return levels;
    }

    // One square between four cell centres. Its corners, counter-clockwise from the bottom left,
    // are a (column, row), b (column + 1, row), c (column + 1, row + 1), d (column, row + 1); its
    // edges bottom a-b, right b-c, top c-d, left d-a.
    private static void addSquare(
            Lattice lattice, double[] values, double level, int column, int row,
            List<Line2D.Double> segments) {
        double a = values[lattice.index(column, row)];
        double b = values[lattice.index(column + 1, row)];
        double c = values[lattice.index(column + 1, row + 1)];
        double d = values[lattice.index(column, row + 1)];
        double[] bottom = crossing(a, b, level) ? point(lattice, column + t(a, b, level), row) : null;
        double[] right = crossing(b, c, level) ? point(lattice, column + 1, row + t(b, c, level)) : null;
        double[] top = crossing(d, c, level) ? point(lattice, column + t(d, c, level), row + 1) : null;
        double[] left = crossing(a, d, level) ? point(lattice, column, row + t(a, d, level)) : null;
        if (bottom != null && right != null && top != null && left != null) {
            // a saddle: the centre's side decides which corners the lines cut off
            boolean centreLikeA = ((a + b + c + d) / 4 >= level) == (a >= level);
            segments.add(centreLikeA ? segment(bottom, right) : segment(bottom, left));
            segments.add(centreLikeA ? segment(top, left) : segment(top, right));
            return;
        }
        List<double[]> ends = new ArrayList<>(2);
        for (double[] p : new double[][] {bottom, right, top, left}) {
            if (p != null) {
                ends.add(p);
            }
        }
        if (ends.size() == 2) {
            segments.add(segment(ends.get(0), ends.get(1)));
        }
    }

    private static boolean crossing(double from, double to, double level) {
        return (from >= level) != (to >= level);
    }

    private static double t(double from, double to, double level) {
        return (level - from) / (to - from);
    }

    private static double[] point(Lattice lattice, double column, double row) {
        return new double[] {lattice.x(column), lattice.y(row)};
    }

    private static Line2D.Double segment(double[] p, double[] q) {
        return new Line2D.Double(p[0], p[1], q[0], q[1]);
    }
}
