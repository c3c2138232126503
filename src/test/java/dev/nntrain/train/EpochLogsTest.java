package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** EpochLogs' constructor from before the learning rate was logged still builds logs, with no rate. */
class EpochLogsTest {

    @Test
    void theConstructorWithoutARateRecordsNone() {
        EpochLogs logs = new EpochLogs(3, 0.5, 0.75, Double.NaN, 0.6, 0.7, Double.NaN, 1.25, 800);
        assertEquals(3, logs.epoch());
        assertEquals(0.6, logs.valLoss());
        assertTrue(Double.isNaN(logs.learningRate()));
        assertTrue(Double.isNaN(logs.get("learning_rate")));
        assertEquals(1.25, logs.seconds());
        assertEquals(800, logs.samplesPerSecond());
        assertEquals("", logs.learningRateText(1e-3), "no rate recorded, none shown");
    }
}
