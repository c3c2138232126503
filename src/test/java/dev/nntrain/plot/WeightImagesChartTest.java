package dev.nntrain.plot;

import static dev.nntrain.plot.HistoryChartTest.assertMessage;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.nntrain.model.Activation;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Conv2D;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.layer.Flatten;
import dev.nntrain.model.layer.MaxPool2D;
import dev.nntrain.model.weights.LayerWeights;

import org.junit.jupiter.api.Test;

import java.awt.Color;
import java.awt.image.BufferedImage;

/** The first layer's weights drawn on the input image, checked pixel by pixel against colours mixed by hand. */
class WeightImagesChartTest {

    private static final int WHITE = 0xffffff;

    /** The colour at pixel (row, column) of unit u's image, an image of side x side pixels. */
    private static int colourAt(BufferedImage chart, int units, int u, int side, int row, int column) {
        DigitGridChart.GridLayout layout = DigitGridChart.GridLayout.fit(units, DigitGridChart.defaultSize(units));
        int cell = layout.cell();
        int pad = Math.max(2, cell / 16);
        double pixel = (cell - 2 * pad) / (double) side;
        int x = (int) (layout.left(u) + pad + (column + 0.5) * pixel);
        int y = (int) (layout.top(u) + pad + (row + 0.5) * pixel);
        return chart.getRGB(x, y) & 0xffffff;
    }

    /** White mixed with a colour by a share s, written out: 255 + (c - 255) s per channel. */
    private static int mixed(Color c, double s) {
        int r = (int) Math.round(255 + (c.getRed() - 255) * s);
        int g = (int) Math.round(255 + (c.getGreen() - 255) * s);
        int b = (int) Math.round(255 + (c.getBlue() - 255) * s);
        return (r << 16) | (g << 8) | b;
    }

    /**
     * A dense layer on 4 x 4 images: unit 0 weighs pixel (0, 0) by 2 and (3, 3) by -1, so in its
     * own scale they are full red and half blue; unit 1 weighs only pixel (1, 2), by 0.5: full red.
     */
    @Test
    void aDenseLayersUnitsAreDrawnOnThePixelsTheyWeigh() {
        Sequential model = Sequential.builder().add(Dense.of(2, Activation.RELU)).add(Dense.of(3)).optInputShape(16)
                .optSeed(1).build();
        float[][] kernel = new float[16][2];
        kernel[0][0] = 2;
        kernel[15][0] = -1;
        kernel[6][1] = 0.5f;
        model.weights().set(0, new LayerWeights("dense", kernel, new float[] {0.3f, -0.7f}));
        BufferedImage chart = WeightImagesChart.of(model);
        Pixels.assertChart(chart, DigitGridChart.defaultSize(2));
        assertEquals(WeightImagesChart.POSITIVE.getRGB() & 0xffffff, colourAt(chart, 2, 0, 4, 0, 0));
        assertEquals(mixed(WeightImagesChart.NEGATIVE, 0.5), colourAt(chart, 2, 0, 4, 3, 3));
        assertEquals(WHITE, colourAt(chart, 2, 0, 4, 1, 2), "unit 0 does not weigh (1, 2)");
        assertEquals(WeightImagesChart.POSITIVE.getRGB() & 0xffffff, colourAt(chart, 2, 1, 4, 1, 2));
        assertEquals(WHITE, colourAt(chart, 2, 1, 4, 0, 0));
    }

    /** A Conv2D's 2 x 2 filters on a one-channel image, through the Keras kernel (row, column, channel, filter). */
    @Test
    void aConvolutionsFiltersAreDrawnAsTheirKernels() {
        Sequential model = Sequential.builder().add(Conv2D.of(3, 2, Activation.RELU)).add(Flatten.of()).add(Dense.of(2))
                .optInputShape(1, 6, 6).optSeed(1).build();
        float[][][][] kernel = new float[2][2][1][3];
        kernel[0][1][0][0] = 1; // filter 0: top right
        kernel[1][0][0][2] = -4; // filter 2: bottom left
        kernel[1][1][0][2] = 1; // filter 2: bottom right, a quarter of its largest
        model.weights().set(0, new LayerWeights("conv", kernel, new float[3]));
        BufferedImage chart = WeightImagesChart.of(model);
        assertEquals(WeightImagesChart.POSITIVE.getRGB() & 0xffffff, colourAt(chart, 3, 0, 2, 0, 1));
        assertEquals(WHITE, colourAt(chart, 3, 0, 2, 1, 0));
        assertEquals(WHITE, colourAt(chart, 3, 1, 2, 0, 0), "filter 1 is all zero");
        assertEquals(WeightImagesChart.NEGATIVE.getRGB() & 0xffffff, colourAt(chart, 3, 2, 2, 1, 0));
        assertEquals(mixed(WeightImagesChart.POSITIVE, 0.25), colourAt(chart, 3, 2, 2, 1, 1));
    }

    @Test
    void refusesModelsWhoseFirstWeightsAreNotOnAnImage() {
        Sequential csv = Sequential.builder().add(Dense.of(4)).optInputShape(10).optSeed(1).build();
        assertMessage("the model's input, of shape [10], is not a one-channel image", () -> WeightImagesChart.of(csv));
        Sequential colour = Sequential.builder().add(Conv2D.of(2, 3, Activation.RELU)).optInputShape(3, 8, 8).optSeed(1)
                .build();
        assertMessage("of shape [3, 8, 8], is not a one-channel image", () -> WeightImagesChart.of(colour));
        Sequential pooled = Sequential.builder().add(MaxPool2D.of(2)).add(Flatten.of()).add(Dense.of(2))
                .optInputShape(1, 8, 8).optSeed(1).build();
        assertMessage("reads the output of max_pooling2d_1", () -> WeightImagesChart.of(pooled));
        assertMessage("units[1] has 3 weights; expected one per pixel of 2 x 2, 4",
                () -> WeightImagesChart.render(new float[][] {{1, 2, 3, 4}, {1, 2, 3}}, 2, 2, "unit", "t", "w"));
        // a model built and then closed is named as closed, not as one never built
        Sequential closed = Sequential.builder().add(Flatten.of()).add(Dense.of(2)).optInputShape(1, 4, 4).optSeed(1).build();
        closed.build(new long[] {1, 4, 4}, 1);
        closed.close();
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> WeightImagesChart.of(closed));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith("this model has been closed"), e.getMessage());
    }

    @Test
    void drawsTheFirstHundredUnitsOfAWideLayer() {
        Sequential wide = Sequential.builder().add(Dense.of(130)).optInputShape(9).optSeed(1).build();
        Pixels.assertChart(WeightImagesChart.of(wide), DigitGridChart.defaultSize(WeightImagesChart.MOST_UNITS));
    }
}
