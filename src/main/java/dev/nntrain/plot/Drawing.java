package dev.nntrain.plot;

import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.geom.AffineTransform;

/** Text on pictures drawn directly with Java2D (digit grids, confusion matrices). */
final class Drawing {

    private Drawing() {}

    /**
     * Draws text centred on a point.
     *
     * @param g the graphics, with the font and colour to use
     * @param text the text
     * @param cx the centre's column
     * @param cy the centre's row
     */
    static void centred(Graphics2D g, String text, double cx, double cy) {
        FontMetrics metrics = g.getFontMetrics();
        float x = (float) (cx - metrics.stringWidth(text) / 2.0);
        float y = (float) (cy + (metrics.getAscent() - metrics.getDescent()) / 2.0);
        g.drawString(text, x, y);
    }

    /**
     * Draws text turned a quarter anticlockwise (reading upwards), centred on a point: the title
     * of a vertical axis.
     *
     * @param g the graphics, with the font and colour to use
     * @param text the text
     * @param cx the centre's column
     * @param cy the centre's row
     */
    static void upwards(Graphics2D g, String text, double cx, double cy) {
        AffineTransform saved = g.getTransform();
        g.translate(cx, cy);
        g.rotate(-Math.PI / 2);
        centred(g, text, 0, 0);
        g.setTransform(saved);
    }

    /**
     * Returns the largest size of a font, up to a limit, at which a text fits a width.
     *
     * @param g the graphics
     * @param font the font
     * @param text the text
     * @param width the width available in pixels
     * @param largest the largest size wanted
     * @return the font at that size, never below 8 points
     */
    static Font fitted(Graphics2D g, Font font, String text, double width, float largest) {
        Font fitted = font.deriveFont(largest);
        while (fitted.getSize2D() > 8 && g.getFontMetrics(fitted).stringWidth(text) > width) {
            fitted = fitted.deriveFont(fitted.getSize2D() - 0.5f);
        }
        return fitted;
    }
}
