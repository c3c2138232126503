package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.model.weights.LayerWeights;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.GradientDescent;

import org.junit.jupiter.api.Test;

/**
 * {@code FitOptions.optValidationSplit} through the public {@code fit}: which examples train and
 * which validate, checked against losses worked out by hand, and the errors when a split leaves
 * one side empty: bad input ({@link InvalidInputException}), not a bug.
 */
class ValidationSplitTest {

    /**
     * Ten examples {@code x = i}, {@code y = i² / 10}, i = 0..9, in this order. A fifth held out
     * is, as in Keras, the last two: i = 8 and 9.
     */
    static Examples tenPoints() {
        float[][] x = new float[10][1];
        float[][] y = new float[10][1];
        for (int i = 0; i < 10; i++) {
            x[i][0] = i;
            y[i][0] = i * i / 10f;
        }
        return Examples.of(x, y);
    }

    /** f = w x + b, starting from w = 0.5, b = 0 so that every loss below is worked by hand. */
    static CompiledModel line(double learningRate) {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(1).optSeed(1).build();
        model.weights().set(0, new LayerWeights("dense", new float[][] {{0.5f}}, new float[] {0}));
        return CompiledModel.compile(model, new MeanSquaredError(), new GradientDescent(learningRate));
    }

    /**
     * One full-batch step of gradient descent (alpha = 0.01) on the first eight points, then the
     * validation loss on the last two, all by hand:
     * <ul>
     *   <li>the residuals {@code 0.5 i - i²/10} for i = 0..7 are 0, .4, .6, .6, .4, 0, -.6, -1.4,
     *       so the epoch's training loss (at the starting weights) is 3.36 / 8 = 0.42;
     *   <li>{@code dJ/dw = (2/8) sum r_i i = -2.1}, {@code dJ/db = (2/8) sum r_i = 0}: the step
     *       gives w = 0.521, b = 0;
     *   <li>validation residuals 0.521 * 8 - 6.4 = -2.232 and 0.521 * 9 - 8.1 = -3.411, whose mean
     *       square is (4.981824 + 11.634921) / 2 = 8.3083725.
     * </ul>
     * Any other choice of examples gives other numbers: training on i = 2..9, for one, starts at
     * a loss of 2.74 instead of 0.42.
     */
    @Test
    void theLastFractionValidatesAndTheRestTrains() {
        try (CompiledModel net = line(0.01)) {
            History h = net.fit(tenPoints(), FitOptions.builder()
                    .optEpochs(1).optBatchSize(10).optSeed(3).optValidationSplit(0.2).build());
            assertEquals(0.42, h.loss()[0], 1e-6, "the training loss covers i = 0..7 only");
            assertEquals(8.3083725, h.valLoss()[0], 1e-5, "the validation loss covers i = 8, 9");
            assertEquals((2.232 + 3.411) / 2, h.valMeanAbsoluteError()[0], 1e-5, "and so does its mean absolute error");
            assertTrue(h.last().format().contains("val_mae: 2.8215"), h.last().format());
            LayerWeights w = net.model().weights().get(0);
            assertEquals(0.521, w.kernel()[0][0], 1e-6, "one step on the eight training points");
            assertEquals(0, w.bias()[0], 1e-6);
        }
    }

    /**
     * Keras keeps the first {@code floor(n (1 - split))} examples for training: a quarter of ten
     * trains on seven (i = 0..6) and validates on three (rounding would have trained on eight).
     * By hand: residuals 0, .4, .6, .6, .4, 0, -.6 give a training loss of 1.4 / 7 = 0.2 and
     * gradients {@code dJ/dw = dJ/db = (2/7) 1.4 = 0.4}, so w = 0.496, b = -0.004; the validation
     * residuals at i = 7, 8, 9 are -1.432, -2.436, -3.64, mean square 21.23432 / 3.
     */
    @Test
    void theTrainingPartIsRoundedDownAsInKeras() {
        try (CompiledModel net = line(0.01)) {
            History h = net.fit(tenPoints(), FitOptions.builder()
                    .optEpochs(1).optBatchSize(10).optSeed(3).optValidationSplit(0.25).build());
            assertEquals(0.2, h.loss()[0], 1e-6, "the training loss covers i = 0..6");
            assertEquals(21.23432 / 3, h.valLoss()[0], 1e-5, "the validation loss covers i = 7, 8, 9");
        }
        try (CompiledModel net = line(0.01)) {
            // 10 x 0.99 = 9.9: nine train and one validates, as in Keras
            History h = net.fit(tenPoints(), FitOptions.builder()
                    .optEpochs(1).optBatchSize(10).optSeed(3).optValidationSplit(0.01).build());
            assertEquals(1, h.valLoss().length);
        }
    }

    @Test
    void aSplitThatLeavesNoValidationExampleIsAnError() {
        // 1 - 1e-17 is 1.0 in double precision: all ten would train and none validate
        assertFitRejects(1e-17, "no example to validate on; use a split of at least 0.100000");
    }

    @Test
    void aSplitThatLeavesNoTrainingExampleIsAnError() {
        // 10 x (1 - 0.95) = 0.5 rounds down to 0: none would train
        assertFitRejects(0.95, "no example to train on (the first floor(n (1 - split)) train); use a split of at most 0.900000");
    }

    /** Fits the ten points with this split and expects an error naming the split and the size. */
    private static void assertFitRejects(double split, String why) {
        try (CompiledModel net = line(0.01)) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(tenPoints(), FitOptions.builder().optValidationSplit(split).build()));
            // the bounds by hand: one of ten trains from a split of 0.9 down, one validates from 0.1 up
            assertTrue(e.getMessage().contains(String.valueOf(split)) && e.getMessage().contains("10 examples")
                    && e.getMessage().contains(why), e.getMessage());
        }
    }

    @Test
    void aFractionOutsideZeroToOneIsRejectedWhenGiven() {
        for (double bad : new double[] {-0.1, 1, 1.5, Double.NaN}) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> FitOptions.builder().optValidationSplit(bad), "split " + bad);
            assertTrue(e.getMessage().contains(String.valueOf(bad)), e.getMessage());
        }
    }
}
