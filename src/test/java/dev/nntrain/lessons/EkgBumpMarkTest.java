package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.File;
import java.util.Random;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;

/**
 * The lesson's chart of an abnormal trace marks the bump the lesson talks about ("half with one
 * bump anywhere"), where the generator put it. The oracle is the generator's documented recipe,
 * replayed here draw by draw, and the chart's own window bars, which fix its pixel scale.
 */
class EkgBumpMarkTest {

    /** {@code tint(0xd62728, 0.78)}, worked by hand: 214 + 41 * 0.78, 39 + 216 * 0.78, 40 + 215 * 0.78. */
    private static final int MARK_FILL = new Color(246, 207, 208).getRGB();
    /** Unit 1's bar, {@code tint(0x1f77b4, 0.55)}: 31 + 224 * 0.55, 119 + 136 * 0.55, 180 + 75 * 0.55. */
    private static final int UNIT_1_FILL = new Color(154, 194, 221).getRGB();
    /** Unit 9's bar, {@code tint(0xbcbd22, 0.55)}: 188 + 67 * 0.55, 189 + 66 * 0.55, 34 + 221 * 0.55. */
    private static final int UNIT_9_FILL = new Color(225, 225, 156).getRGB();

    /**
     * The generator's draws for one trace, in its documented order: the period, the phase, the
     * label, the bump's centre c = 10 + 80 u, then 100 noise values. The first trace labelled 1
     * of the 200 training traces (seed 12) is the lesson's abnormal trace.
     *
     * @return its bump's centre c, a 0-based step
     */
    private static double replayedCentre() {
        Random random = new Random(12);
        for (int i = 0; i < 200; i++) {
            random.nextDouble();
            random.nextDouble();
            boolean abnormal = random.nextBoolean();
            double centre = 10 + 80 * random.nextDouble();
            if (abnormal) {
                return centre;
            }
            for (int t = 0; t < 100; t++) {
                random.nextGaussian();
            }
        }
        throw new AssertionError("no abnormal trace");
    }

    @Test
    void theLessonKnowsWhereItsTracesBumpIs() {
        double c = replayedCentre();
        assertEquals(c + 1, ConvolutionLesson.abnormalBumpCentre(), 1e-12, "x(c + 1): x1 is step 0");
    }

    @Test
    void theWindowChartShadesTheBumpsSpan() throws Exception {
        double centre = replayedCentre() + 1; // a sample number
        BufferedImage chart = ConvolutionLesson.windowChart(ConvolutionLesson.abnormalTrace(), centre,
                ConvolutionLesson.windows().layer1());
        ImageIO.write(chart, "png", new File("target/ekg-windows-marked.png"));

        // the scale, from the bars of unit 1 (x1-x20, from sample 0.5) and unit 9 (x81-x100, to 100.5),
        // each filled 1 pixel inside its window and edged by a 1.5-pixel line
        int[] unit1 = columns(chart, UNIT_1_FILL);
        int[] unit9 = columns(chart, UNIT_9_FILL);
        double left = unit1[0] - 1.75;
        double right = unit9[1] + 1.75;
        double perSample = (right - left) / 100;
        // the band: two of the bump's standard deviations (2.5 steps) either side of its centre
        double from = left + (centre - 5 - 0.5) * perSample;
        double to = left + (centre + 5 - 0.5) * perSample;

        int[] band = columns(chart, MARK_FILL);
        assertEquals(from, band[0], 3, "the band's left edge, in pixels");
        assertEquals(to, band[1], 3, "the band's right edge, in pixels");
        int inside = 0;
        for (int y = 0; y < chart.getHeight(); y++) {
            if (chart.getRGB((int) Math.round((from + to) / 2), y) == MARK_FILL) {
                inside++;
            }
        }
        assertTrue(inside > 100, "the band's middle column is shaded over the signal: " + inside + " pixels");
    }

    /** @return the first and last columns holding a pixel of the colour */
    private static int[] columns(BufferedImage image, int rgb) {
        int first = Integer.MAX_VALUE;
        int last = -1;
        for (int x = 0; x < image.getWidth(); x++) {
            for (int y = 0; y < image.getHeight(); y++) {
                if (image.getRGB(x, y) == rgb) {
                    first = Math.min(first, x);
                    last = Math.max(last, x);
                }
            }
        }
        assertTrue(last >= 0, String.format("no pixel of #%06x", rgb & 0xffffff));
        return new int[] {first, last};
    }
}
