package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;

import org.junit.jupiter.api.Test;

/** The schedules' factories against their closed forms, and the scheduler's call of them. */
class LearningRateScheduleTest {

    @Test
    void stepDecayHalvesEveryThreeEpochs() {
        // 0.1 * 0.5^floor(e / 3)
        double[] expected = {0.1, 0.1, 0.1, 0.05, 0.05, 0.05, 0.025, 0.025};
        LearningRateSchedule s = LearningRateSchedule.stepDecay(0.1, 3, 0.5);
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(e, 123), 1e-15, "epoch " + e);
        }
        assertEquals("stepDecay(initial=0.1, every=3, factor=0.5)", s.describe());
    }

    @Test
    void exponentialDecayMultipliesEveryEpoch() {
        // 0.1 * 0.9^e: 0.1, 0.09, 0.081, 0.0729; and 0.9^20 = 0.12157665459056928
        LearningRateSchedule s = LearningRateSchedule.exponentialDecay(0.1, 0.9);
        double[] expected = {0.1, 0.09, 0.081, 0.0729};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(e, 123), 1e-15, "epoch " + e);
        }
        assertEquals(0.012157665459056928, s.rate(20, 123), 1e-15);
        // named as its parameter is, as the other factories' settings are (it said rate=, which reads as the learning rate)
        assertEquals("exponentialDecay(initial=0.1, decayRate=0.9)", s.describe());
    }

    @Test
    void cosineDecayReachesItsFloorAndStays() {
        // floor + (initial - floor) (1 + cos(pi e / 4)) / 2 with initial 1, floor 0.2:
        // e = 0: 1; e = 1: 0.2 + 0.4 (1 + sqrt(2)/2) = 0.882842712...; e = 2: 0.2 + 0.4 = 0.6;
        // e = 3: 0.2 + 0.4 (1 - sqrt(2)/2) = 0.317157287...; e >= 4: 0.2
        LearningRateSchedule s = LearningRateSchedule.cosineDecay(1.0, 4, 0.2);
        double[] expected = {1.0, 0.8828427124746190, 0.6, 0.3171572875253810, 0.2, 0.2, 0.2};
        for (int e = 0; e < expected.length; e++) {
            assertEquals(expected[e], s.rate(e, 123), 1e-12, "epoch " + e);
        }
        // with a floor of 0 the last epoch of the decay is still above it
        assertTrue(LearningRateSchedule.cosineDecay(1e-3, 10, 0).rate(9, 1) > 0);
    }

    @Test
    void badSettingsAreRefusedNamingTheValue() {
        assertEquals("step decay needs at least 1 epoch between drops, got 0", assertThrows(InvalidInputException.class,
                () -> LearningRateSchedule.stepDecay(0.1, 0, 0.5)).getMessage());
        assertEquals("step decay factor must be in (0, 1), got 1.5", assertThrows(InvalidInputException.class,
                () -> LearningRateSchedule.stepDecay(0.1, 2, 1.5)).getMessage());
        assertEquals("exponential decay rate must be in (0, 1), got 0.0", assertThrows(InvalidInputException.class,
                () -> LearningRateSchedule.exponentialDecay(0.1, 0)).getMessage());
        assertEquals("cosine decay's floor must be at least 0 and below the initial rate 0.1, got 0.1",
                assertThrows(InvalidInputException.class, () -> LearningRateSchedule.cosineDecay(0.1, 5, 0.1)).getMessage());
        assertEquals("cosine decay needs at least 1 epoch, got 0", assertThrows(InvalidInputException.class,
                () -> LearningRateSchedule.cosineDecay(0.1, 0, 0)).getMessage());
        assertEquals("learning rate must be a positive finite number, got -1.0", assertThrows(InvalidInputException.class,
                () -> LearningRateSchedule.exponentialDecay(-1, 0.5)).getMessage());
    }

    /** Keras' call: before the fit's epoch n, schedule(n - 1, current rate). */
    @Test
    void theSchedulerPassesTheEpochIndexFromZeroAndTheCurrentRate() {
        StubContext fit = new StubContext(0.5);
        StringBuilder calls = new StringBuilder();
        LearningRateScheduler scheduler = LearningRateScheduler.of((epoch, rate) -> {
            calls.append(epoch).append(':').append(rate).append(' ');
            return rate / 2;
        });
        for (int epoch = 1; epoch <= 3; epoch++) {
            scheduler.onEpochBegin(epoch, fit);
        }
        assertEquals("0:0.5 1:0.25 2:0.125 ", calls.toString());
        assertEquals(0.0625, fit.rate);
        assertEquals("LearningRateScheduler(schedule=custom)", scheduler.toString());
    }

    @Test
    void aScheduleThatGivesNoUsableRateIsNamedWithTheEpoch() {
        StubContext fit = new StubContext(0.5);
        LearningRateScheduler scheduler = LearningRateScheduler.of((epoch, rate) -> epoch < 2 ? rate : 0);
        scheduler.onEpochBegin(1, fit);
        scheduler.onEpochBegin(2, fit);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> scheduler.onEpochBegin(3, fit));
        assertEquals("LearningRateScheduler's schedule custom gave the rate 0.0 for epoch 3 (index 2): learning rate must be"
                + " a positive finite number, got 0.0", e.getMessage());
        assertEquals(0.5, fit.rate);
        assertThrows(IllegalStateException.class, () -> LearningRateScheduler.builder().build());
    }
}
