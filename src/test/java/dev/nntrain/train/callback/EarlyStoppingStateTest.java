package dev.nntrain.train.callback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/**
 * EarlyStopping's state from a checkpoint edited by hand is checked before any of it is kept, as
 * ReduceLROnPlateau's is: a negative or fractional wait, a wait past the patience (the fit would
 * have stopped), an infinite best or best weights that are not finite are refused naming the value.
 */
class EarlyStoppingStateTest {

    private static final String NAME = new EarlyStopping("val_loss", 3, 0, true).toString();

    private static CallbackState state(double best, double bestEpoch, double wait, double[] weights) {
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("best", new double[] {best});
        values.put("best_epoch", new double[] {bestEpoch});
        values.put("wait", new double[] {wait});
        if (weights != null) {
            values.put("best_weights", weights);
        }
        return new CallbackState(NAME, values);
    }

    @Test
    void aSoundStateIsRestoredAsSaved() {
        EarlyStopping early = new EarlyStopping("val_loss", 3, 0, true);
        early.restoreState(state(0.25, 4, 3, new double[] {1, -2}));
        assertEquals(0.25, early.best());
        assertEquals(4, early.bestEpoch());
        CallbackState again = early.saveState();
        assertEquals(3, again.number("wait"));
        assertArrayEquals(new double[] {1, -2}, again.get("best_weights"));
        // NaN is "no best yet", as a checkpoint after no improvement holds it
        early.restoreState(state(Double.NaN, 0, 0, null));
        assertTrue(Double.isNaN(early.best()));
    }

    @Test
    void aDamagedStateIsRefusedNamingTheValue() {
        CallbackState[] bad = {
            state(0.25, 4, -1, null),
            state(0.25, 4, 1.5, null),
            state(0.25, 4, 4, null),
            state(0.25, -2, 0, null),
            state(Double.POSITIVE_INFINITY, 4, 0, null),
            state(0.25, 4, 0, new double[] {1, Double.NaN}),
        };
        String[] named = {"wait -1.0", "wait 1.5", "wait 4.0 is not a whole number of epochs from 0 to 3",
            "best_epoch -2.0", "best Infinity", "best weights hold NaN at index 1"};
        for (int i = 0; i < bad.length; i++) {
            EarlyStopping early = new EarlyStopping("val_loss", 3, 0, true);
            CallbackState state = bad[i];
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> early.restoreState(state));
            assertTrue(e.getMessage().contains(named[i]), e.getMessage());
            assertEquals(0, early.bestEpoch(), "nothing restored");
            assertTrue(Double.isNaN(early.best()), "nothing restored");
        }
    }
}
