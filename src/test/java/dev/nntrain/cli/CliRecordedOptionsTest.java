package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.model.Sequential;
import dev.nntrain.model.file.LoadOptions;
import dev.nntrain.model.file.ModelFiles;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The train options a model and its checkpoint record: a repeated option once per value, in the
 * order given, whether written {@code --opt value} or {@code --opt=value}; {@code --verbose},
 * which only changes what is printed, not at all. The expected records are written out by hand.
 */
class CliRecordedOptionsTest {

    @TempDir
    Path tmp;

    private static List<String> recorded(Path dir) {
        return RecordedTraining.arguments(ModelFiles.properties(dir, LoadOptions.defaults())).orElseThrow();
    }

    @Test
    void aRepeatedOptionIsRecordedOncePerValueAndTheCheckpointResumes() {
        Path out = tmp.resolve("m");
        String iris = Path.of("data/iris.csv").toAbsolutePath().toString();
        CliRun first = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "8", "--epochs", "2",
                "--layers=4", "--ignore-column", "0", "--verbose", "--ignore-column=1,2", "--threads", "1",
                "--device", "cpu", "--seed", "3", "--checkpoint-every", "1", "-q", "-o", out.toString());
        assertEquals(0, first.status(), first.err());
        List<String> expected = List.of("--dataset", "csv:" + iris, "--layers", "8", "--epochs", "2", "--layers", "4",
                "--ignore-column", "0", "--ignore-column", "1,2", "--threads", "1", "--device", "cpu", "--seed", "3",
                "--checkpoint-every", "1", "--quiet", "--output", out.toAbsolutePath().toString());
        assertEquals(expected, recorded(out));
        assertEquals(expected, recorded(tmp.resolve("m.checkpoint")));

        CliRun summary = CliRun.of("summary", "--model", out.toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("Trained with: nntrain train --dataset csv:" + iris + " --layers 8 --epochs 2"
                + " --layers 4 --ignore-column 0 --ignore-column 1,2 --threads 1 --device cpu --seed 3\n"), summary.out());

        // the checkpoint's model is the one the record builds: Dense(8), Dense(4) and the output layer
        CliRun resumed = CliRun.of("train", "--resume", out + ".checkpoint");
        assertEquals(0, resumed.status(), resumed.err());
        assertTrue(resumed.out().contains("2 epoch(s) done"), resumed.out());
        assertEquals(first.number("Test accuracy: "), resumed.number("Test accuracy: "), 0, resumed.out());
    }

    /**
     * A model whose record holds --verbose (as train recorded it before it was left out) is still
     * read: evaluate takes its data from the record rather than falling back to the digits, and
     * summary leaves it out of "Trained with".
     */
    @Test
    void aRecordHoldingVerboseIsRead() throws IOException {
        Path out = tmp.resolve("v");
        CliRun first = CliRun.of("train", "--dataset", "csv:data/iris.csv", "--layers", "4", "--epochs", "1",
                "--threads", "1", "--device", "cpu", "--seed", "3", "-q", "-o", out.toString());
        assertEquals(0, first.status(), first.err());
        Path forged = tmp.resolve("forged");
        try (Sequential model = Sequential.load(out)) {
            String args = model.properties().get(RecordedTraining.ARGUMENTS);
            model.properties().put(RecordedTraining.ARGUMENTS, args.replace("\"--quiet\"", "\"--verbose\",\"--quiet\""));
            ModelFiles.save(model, forged);
        }
        assertTrue(recorded(forged).contains("--verbose"), recorded(forged).toString());
        String iris = Path.of("data/iris.csv").toAbsolutePath().toString();
        CliRun evaluate = CliRun.of("evaluate", "--model", forged.toString());
        assertEquals(0, evaluate.status(), evaluate.err());
        assertTrue(evaluate.out().startsWith("Model " + forged + " on " + iris + " (test, 30 examples, the data set it was"
                + " trained on"), evaluate.out());
        CliRun summary = CliRun.of("summary", "--model", forged.toString());
        assertEquals(0, summary.status(), summary.err());
        assertTrue(summary.out().contains("Trained with: nntrain train --dataset csv:" + iris + " --layers 4 --epochs 1"
                + " --threads 1 --device cpu --seed 3\n"), summary.out());
    }
}
