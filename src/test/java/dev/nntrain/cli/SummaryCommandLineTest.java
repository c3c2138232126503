package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * {@code summary}'s "Trained with" line: the options that made the model, without those that only
 * say where its results went or how much was printed. The expected lines are written out by hand.
 */
class SummaryCommandLineTest {

    @Test
    void outputOnlyOptionsAreLeftOut() {
        // as train records them: long names, paths made absolute, --output added when left out
        List<String> recorded = List.of("--epochs", "2", "--quiet", "--plot", "/tmp/runs/history.png", "--lr", "0.005",
                "--csv-log", "/tmp/runs/log.csv", "--checkpoint-every", "1", "--checkpoint-dir", "/tmp/runs/ck",
                "--layers", "dense:64,dropout:0.2", "--output", "/tmp/runs/model");
        assertEquals("nntrain train --epochs 2 --lr 0.005 --layers dense:64,dropout:0.2",
                SummaryCommand.commandLine(recorded));
    }

    /** A value that looks like an output option is a value; a name this nntrain does not know is kept. */
    @Test
    void onlyOptionsThemselvesAreDropped() {
        List<String> recorded = List.of("--dataset", "csv:/data/my runs.csv", "--ignore-column", "--plot", "--quiet",
                "--label-column", "price", "--old-flag");
        assertEquals("nntrain train --dataset 'csv:/data/my runs.csv' --ignore-column --plot --label-column price"
                + " --old-flag", SummaryCommand.commandLine(recorded));
    }

    /** --verbose, which train inherits from nntrain, only changes what is printed: left out too. */
    @Test
    void verboseIsLeftOut() {
        List<String> recorded = List.of("--epochs", "2", "--verbose", "--layers", "8", "--layers", "4");
        assertEquals("nntrain train --epochs 2 --layers 8 --layers 4", SummaryCommand.commandLine(recorded));
    }
}
