package dev.nntrain.plot;

import java.awt.Graphics2D;

/** A picture drawn below a chart's series, in the chart's data coordinates. */
@FunctionalInterface
interface Underlay {

    /**
     * Draws the picture.
     *
     * @param g the graphics of the chart's image
     * @param area where the chart's data coordinates fall on the image
     */
    void paint(Graphics2D g, PlotArea area);
}
