package dev.nntrain.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.Rectangle;
import java.awt.image.BufferedImage;

/** Measures of a rendered chart that do not depend on exact pixels. */
final class Pixels {

    private Pixels() {}

    /**
     * @param image a chart
     * @return the share of its pixels that are not the white background
     */
    static double inkFraction(BufferedImage image) {
        int white = Color.WHITE.getRGB();
        long ink = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) != white) {
                    ink++;
                }
            }
        }
        return (double) ink / ((long) image.getWidth() * image.getHeight());
    }

    /**
     * @param image a chart
     * @param color a colour
     * @return how many pixels are within 12 of that colour in each channel
     */
    static int count(BufferedImage image, Color color) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                if (Math.abs(c.getRed() - color.getRed()) <= 12
                        && Math.abs(c.getGreen() - color.getGreen()) <= 12
                        && Math.abs(c.getBlue() - color.getBlue()) <= 12) {
                    n++;
                }
            }
        }
        return n;
    }

    /**
     * Asserts a chart has the size asked for and more than a little drawn on it.
     *
     * @param image the chart
     * @param size the size asked for
     */
    static void assertChart(BufferedImage image, ChartSize size) {
        assertEquals(size.width(), image.getWidth(), "width");
        assertEquals(size.height(), image.getHeight(), "height");
        double ink = inkFraction(image);
        assertTrue(ink > 0.03, "only " + ink + " of the pixels differ from the background");
    }

    /**
     * Asserts a colour covers at least some pixels: a series, a region, a mark.
     *
     * @param image the chart
     * @param color the colour
     * @param minimum the fewest pixels expected
     * @param what what the colour shows, for the failure message
     */
    static void assertShows(BufferedImage image, Color color, int minimum, String what) {
        int n = count(image, color);
        assertTrue(n >= minimum, what + ": " + n + " pixels of " + color + ", expected " + minimum);
    }

    /**
     * @param image a chart
     * @param color a colour
     * @return the smallest rectangle holding every pixel of exactly that colour
     */
    static Rectangle boundingBox(BufferedImage image, Color color) {
        Rectangle box = null;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == color.getRGB()) {
                    box = box == null ? new Rectangle(x, y, 1, 1) : box.union(new Rectangle(x, y, 1, 1));
                }
            }
        }
        return box == null ? new Rectangle() : box;
    }

    /**
     * @param image part of a chart
     * @return how many of its pixels are light: mean channel above 127
     */
    static int countLight(BufferedImage image) {
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                Color c = new Color(image.getRGB(x, y));
                n += c.getRed() + c.getGreen() + c.getBlue() > 3 * 127 ? 1 : 0;
            }
        }
        return n;
    }
}
