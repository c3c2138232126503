package dev.nntrain.plot;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Line2D;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.function.IntFunction;
import org.knowm.xchart.XYChart;

/** Maps a laid-out XY chart's data coordinates to pixels, and draws in them. */
final class PlotArea {

    private final XYChart chart;

    /**
     * Wraps a chart that has been painted once, so that its axes know their pixels.
     *
     * @param chart the chart
     */
    PlotArea(XYChart chart) {
        this.chart = chart;
    }

    /**
     * @param x a value on the horizontal axis
     * @return its pixel column
     */
    double x(double x) {
        return chart.getScreenXFromChart(x);
    }

    /**
     * @param y a value on the vertical axis
     * @return its pixel row
     */
    double y(double y) {
        return chart.getScreenYFromChart(y);
    }

    /**
     * Fills a lattice's cells, each with its own colour.
     *
     * @param g the graphics
     * @param lattice the cells
     * @param colorOfCell the colour of each cell, by its index in {@link Lattice#points()}
     */
    void fillCells(Graphics2D g, Lattice lattice, IntFunction<Color> colorOfCell) {
        int columns = lattice.columns();
        int rows = lattice.rows();
        BufferedImage cells = new BufferedImage(columns, rows, BufferedImage.TYPE_INT_RGB);
        for (int row = 0; row < rows; row++) {
            for (int column = 0; column < columns; column++) {
                int rgb = colorOfCell.apply(lattice.index(column, row)).getRGB();
                cells.setRGB(column, rows - 1 - row, rgb); // image rows run top-down
            }
        }
        Bounds b = lattice.bounds();
        int left = (int) Math.round(x(b.xMin()));
        int right = (int) Math.round(x(b.xMax()));
        int top = (int) Math.round(y(b.yMax()));
        int bottom = (int) Math.round(y(b.yMin()));
        Object interpolation = g.getRenderingHint(RenderingHints.KEY_INTERPOLATION);
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                RenderingHints.VALUE_INTERPOLATION_NEAREST_NEIGHBOR);
        g.drawImage(cells, left, top, right - left, bottom - top, null);
        if (interpolation != null) {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, interpolation);
        }
    }

    /**
     * Draws line segments given in data coordinates.
     *
     * @param g the graphics, with the colour and stroke to use
     * @param segments the segments
     */
    void drawSegments(Graphics2D g, List<Line2D.Double> segments) {
        for (Line2D.Double s : segments) {
            g.draw(new Line2D.Double(x(s.x1), y(s.y1), x(s.x2), y(s.y2)));
        }
    }
}
