package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.types.DataType;

import dev.nntrain.InvalidInputException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.callback.Callback;
import dev.nntrain.train.callback.ReduceLROnPlateau;
import dev.nntrain.train.callback.TrainingContext;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.optimizer.Adam;
import dev.nntrain.train.optimizer.GradientDescent;
import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

/**
 * The learning rates a fit can train at: every step multiplies by the rate as an engine scalar of
 * the parameters' type, so a rate that type rounds to 0 or to a subnormal (below 1.2e-38 in
 * float32), or to infinity, is refused by name, whether compiled, set during the fit or reached by
 * ReduceLROnPlateau's repeated reductions (which stop at the smallest usable rate instead).
 */
class LearningRateLimitsTest {

    private static final float[][] X = {{1, 2}, {3, -1}, {-2, 0.5f}, {0.5f, 1.5f}};
    private static final float[][] Y = {{4}, {2}, {-1}, {3}};

    private static CompiledModel line(DataType type, Optimizer optimizer) {
        Sequential model = Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).optDataType(type).build();
        return CompiledModel.compile(model, new MeanSquaredError(), optimizer);
    }

    private static FitOptions.Builder epochs(int n) {
        return FitOptions.builder().optEpochs(n).optBatchSize(4).optShuffle(false).optVerbose(0);
    }

    /** Sets a rate before the second epoch. */
    private static Callback settingAtEpoch2(double rate) {
        return new Callback() {
            @Override
            public void onEpochBegin(int epoch, TrainingContext context) {
                if (epoch == 2) {
                    context.setLearningRate(rate);
                }
            }
        };
    }

    @Test
    void theTypesBoundsAreItsNormalNumbers() {
        assertEquals(Float.MIN_NORMAL, Optimizer.smallestLearningRate(DataType.FLOAT32));
        assertEquals(Double.MIN_NORMAL, Optimizer.smallestLearningRate(DataType.FLOAT64));
        assertEquals(Float.MIN_NORMAL, Optimizer.checkLearningRate(Float.MIN_NORMAL, DataType.FLOAT32));
        assertEquals(Float.MAX_VALUE, Optimizer.checkLearningRate(Float.MAX_VALUE, DataType.FLOAT32));
        assertEquals(1e-300, Optimizer.checkLearningRate(1e-300, DataType.FLOAT64));
        InvalidInputException zero = assertThrows(InvalidInputException.class,
                () -> Optimizer.checkLearningRate(1e-50, DataType.FLOAT32));
        assertTrue(zero.getMessage().contains("1.0E-50") && zero.getMessage().contains("float32")
                && zero.getMessage().contains("would be 0"), zero.getMessage());
        InvalidInputException subnormal = assertThrows(InvalidInputException.class,
                () -> Optimizer.checkLearningRate(1e-40, DataType.FLOAT32));
        assertTrue(subnormal.getMessage().contains("would be subnormal"), subnormal.getMessage());
        InvalidInputException huge = assertThrows(InvalidInputException.class,
                () -> Optimizer.checkLearningRate(1e39, DataType.FLOAT32));
        assertTrue(huge.getMessage().contains("1.0E39") && huge.getMessage().contains("infinite"), huge.getMessage());
        InvalidInputException tiny64 = assertThrows(InvalidInputException.class,
                () -> Optimizer.checkLearningRate(1e-310, DataType.FLOAT64));
        assertTrue(tiny64.getMessage().contains("float64"), tiny64.getMessage());
        for (double bad : new double[] {0, -1e-3, Double.NaN, Double.POSITIVE_INFINITY}) {
            assertThrows(InvalidInputException.class, () -> Optimizer.checkLearningRate(bad, DataType.FLOAT64));
        }
    }

    /** Before, any type but FLOAT64 (FLOAT16, INT32, null) was taken for float32 without a word. */
    @Test
    void aTypeParametersAreNotHeldInIsRefusedByName() {
        for (DataType type : new DataType[] {DataType.FLOAT16, DataType.INT32}) {
            InvalidInputException smallest = assertThrows(InvalidInputException.class,
                    () -> Optimizer.smallestLearningRate(type));
            assertTrue(smallest.getMessage().contains(type.toString()) && smallest.getMessage().contains("FLOAT32 or FLOAT64"),
                    smallest.getMessage());
            InvalidInputException check = assertThrows(InvalidInputException.class,
                    () -> Optimizer.checkLearningRate(1e-3, type));
            assertTrue(check.getMessage().contains(type.toString()), check.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Optimizer.smallestLearningRate(null));
    }

    /** Before, a float32 fit compiled at 1e-50 trained at 0 (its engine scalar) and said nothing. */
    @Test
    void aCompiledRateTheParametersCannotHoldIsRefused() {
        for (Optimizer optimizer : new Optimizer[] {new Adam(1e-50), new GradientDescent(1e-50), new Adam(1e39)}) {
            try (CompiledModel net = line(DataType.FLOAT32, optimizer)) {
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> net.fit(X, Y, epochs(1).build()));
                assertTrue(e.getMessage().contains(String.valueOf(optimizer.learningRate()))
                        && e.getMessage().contains("float32"), e.getMessage());
            }
        }
        try (CompiledModel net = line(DataType.FLOAT64, new Adam(1e-50))) {
            net.fit(X, Y, epochs(1).build()); // float64 holds it
        }
    }

    /** Before, TrainingContext.setLearningRate(1e-50) was taken, and the float32 fit went on at 0. */
    @Test
    void aRateSetDuringTheFitIsCheckedAgainstTheParametersType() {
        try (CompiledModel net = line(DataType.FLOAT32, new Adam(1e-3))) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> net.fit(X, Y, epochs(3).addCallback(settingAtEpoch2(1e-50)).build()));
            assertTrue(e.getMessage().contains("1.0E-50") && e.getMessage().contains("float32"), e.getMessage());
        }
        try (CompiledModel net = line(DataType.FLOAT64, new Adam(1e-3))) {
            History h = net.fit(X, Y, epochs(2).addCallback(settingAtEpoch2(1e-50)).build());
            assertEquals(1e-50, h.learningRate()[1]);
            assertThrows(InvalidInputException.class,
                    () -> net.fit(X, Y, epochs(2).addCallback(settingAtEpoch2(1e-320)).build()));
        }
    }

    /**
     * A plateau that never ends, with Keras' default min_lr of 0: each epoch after the first cuts
     * the rate a hundredfold, down to float32's smallest normal number, 1.2e-38, where it stays.
     * Before, the rate went on down, below what float32 holds (the history said 1e-61 while the
     * steps ran at 0), and after ~160 epochs to 0, which ended the fit with an exception.
     */
    @Test
    void aLongPlateauStopsAtTheSmallestRateTheParametersTake() {
        for (DataType type : new DataType[] {DataType.FLOAT32, DataType.FLOAT64}) {
            int n = type == DataType.FLOAT32 ? 30 : 170;
            try (CompiledModel net = line(type, new Adam(1e-3))) {
                History h = net.fit(X, Y, epochs(n).addCallback(ReduceLROnPlateau.builder().optMonitor("loss")
                        .optPatience(0).optFactor(0.01).optMinDelta(1e9).build()).build());
                double[] rates = h.learningRate();
                double smallest = Optimizer.smallestLearningRate(type);
                assertTrue(Arrays.stream(rates).allMatch(r -> r >= smallest), type + ": " + Arrays.toString(rates));
                assertEquals(smallest, rates[n - 1], type + ": " + Arrays.toString(rates));
            }
        }
    }
}
