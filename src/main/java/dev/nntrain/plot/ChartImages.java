package dev.nntrain.plot;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * Turns charts into images, off screen. Loading this class sets {@code java.awt.headless} to
 * {@code true} unless the property is already set, so that charts render on machines without a
 * display; an application that opens windows sets {@code -Djava.awt.headless=false}.
 */
final class ChartImages {

    static {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private ChartImages() {}

    /**
     * Returns a white image.
     *
     * @param size its size
     * @return the image, RGB without alpha
     */
    static BufferedImage blank(ChartSize size) {
        BufferedImage image =
                new BufferedImage(size.width(), size.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(ChartStyle.BACKGROUND);
        g.fillRect(0, 0, size.width(), size.height());
        g.dispose();
        return image;
    }

    /**
     * Returns graphics to draw on an image, with anti-aliased shapes and text.
     *
     * @param image the image
     * @return its graphics; dispose of them when done
     */
    static Graphics2D graphics(BufferedImage image) {
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        return g;
    }

    /**
     * Renders an XChart chart at its own size.
     *
     * @param chart the chart
     * @return the image
     */
    static BufferedImage render(Chart<?, ?> chart) {
        BufferedImage image = blank(new ChartSize(chart.getWidth(), chart.getHeight()));
        Graphics2D g = graphics(image);
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image;
    }

    /**
     * Renders an XY chart over a picture drawn in the chart's data coordinates: decision regions,
     * contour lines, marked spans. The chart is laid out once to learn where its axes are, then
     * the picture is drawn and the chart painted over it with transparent backgrounds, so that
     * grid lines, series and legend stay on top.
     *
     * @param chart the chart, with fixed axis ranges; its plot is set to span them exactly,
     *     without XChart's margin inside the plot's border
     * @param underlay what to draw below the chart's series
     * @return the image
     */
    static BufferedImage renderOver(XYChart chart, Underlay underlay) {
        ChartStyle.clearBackgrounds(chart);
        chart.getStyler().setPlotContentSize(1.0);
        render(chart);
        BufferedImage image = blank(new ChartSize(chart.getWidth(), chart.getHeight()));
        Graphics2D g = graphics(image);
        underlay.paint(g, new PlotArea(chart));
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.dispose();
        return image;
    }
}
