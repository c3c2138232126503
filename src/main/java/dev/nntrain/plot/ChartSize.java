package dev.nntrain.plot;

import dev.nntrain.InvalidInputException;

/**
 * The size of a chart image in pixels.
 *
 * @param width the image's width in pixels, {@value #MIN_SIDE} to {@value #MAX_SIDE}
 * @param height the image's height in pixels, {@value #MIN_SIDE} to {@value #MAX_SIDE}
 */
public record ChartSize(int width, int height) {

    /** The smallest width or height a chart may have, in pixels. */
    public static final int MIN_SIDE = 100;

    /** The largest width or height a chart may have, in pixels. */
    public static final int MAX_SIDE = 8000;

    /**
     * Checks the size.
     *
     * @param width the image's width in pixels
     * @param height the image's height in pixels
     * @throws InvalidInputException if a side is outside [{@value #MIN_SIDE},
     *     {@value #MAX_SIDE}]
     */
    public ChartSize {
        requireSide("width", width);
        requireSide("height", height);
    }

    private static void requireSide(String name, int pixels) {
        if (pixels < MIN_SIDE || pixels > MAX_SIDE) {
            throw new InvalidInputException("chart " + name + " " + pixels
                    + " px is outside [" + MIN_SIDE + ", " + MAX_SIDE + "]");
        }
    }
}
