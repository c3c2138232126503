package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A CSV model's ignored columns (a {@code --sample-weight-column}, an {@code --ignore-column} id)
 * are optional in the rows it predicts or evaluates: new rows have no training weight, often no
 * id. The oracle is the same rows with the column in it, holding any value: the model never reads
 * it, so the rows without it must give the same output to the digit; a header that puts the column
 * elsewhere, or a number of values that is neither, is still refused in one line.
 */
class CliOptionalIgnoredColumnsTest {

    @TempDir
    static Path tmp;

    static Path weighted; // size,weight,shade,kind: the weight column between the features
    static Path withId; // id,size,shade,kind
    static String weightModel;
    static String idModel;

    private static final String[] KINDS = {"cool", "hot", "warm"};

    private static String size(int i) {
        return String.format(java.util.Locale.ROOT, "%.3f", (i % 3) + Math.sin(i));
    }

    private static String shade(int i) {
        return String.format(java.util.Locale.ROOT, "%.3f", 2 * (i % 3) - Math.cos(1.7 * i));
    }

    /** Writes rows of the columns named, each row {@code i} from the given cells. */
    private static Path write(String name, String header, java.util.function.IntFunction<String> row, int rows)
            throws IOException {
        StringBuilder text = new StringBuilder(header == null ? "" : header + "\n");
        for (int i = 0; i < rows; i++) {
            text.append(row.apply(i)).append('\n');
        }
        return Files.writeString(tmp.resolve(name), text);
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static CliRun ok(String... args) {
        CliRun run = run(args);
        assertEquals(0, run.status(), run.err());
        return run;
    }

    private static void refused(CliRun run, String... fragments) {
        assertEquals(2, run.status(), run.out() + run.err());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        for (String fragment : fragments) {
            assertTrue(run.err().contains(fragment), run.err());
        }
    }

    private static String train(Path data, String name, String... more) {
        String dir = tmp.resolve(name).toString();
        List<String> args = new ArrayList<>(List.of("train", "--dataset", "csv:" + data, "--layers", "4", "--epochs", "3",
                "--threads", "1", "--device", "cpu", "--seed", "5", "--quiet", "-o", dir));
        args.addAll(List.of(more));
        ok(args.toArray(String[]::new));
        return dir;
    }

    @BeforeAll
    static void trainModels() throws IOException {
        weighted = write("weighted.csv", "size,weight,shade,kind",
                i -> size(i) + "," + (i % 4) + "," + shade(i) + "," + KINDS[i % 3], 60);
        withId = write("with-id.csv", "id,size,shade,kind", i -> "r" + i + "," + size(i) + "," + shade(i) + "," + KINDS[i % 3], 60);
        weightModel = train(weighted, "weighted", "--sample-weight-column", "weight");
        idModel = train(withId, "with-id", "--ignore-column", "id");
    }

    /** The output without its first line, which names the file. */
    private static String afterFirstLine(CliRun run) {
        return run.out().substring(run.out().indexOf('\n') + 1);
    }

    @Test
    void featuresWithoutTheIgnoredValuePredictAsWithAnyValue() {
        String without = ok("predict", "--model", weightModel, "--features", "1.2,0.4").out();
        String with = ok("predict", "--model", weightModel, "--features", "1.2,7,0.4").out();
        assertEquals(with.replace("1.2,7,0.4", "1.2,0.4"), without);
        String withoutId = ok("predict", "--model", idModel, "--features", "1.2,0.4").out();
        String withId = ok("predict", "--model", idModel, "--features", "nobody,1.2,0.4").out();
        assertEquals(withId.replace("nobody,1.2,0.4", "1.2,0.4"), withoutId);
    }

    @Test
    void aWrongNumberOfFeaturesNamesBothCounts() {
        refused(run("predict", "--model", weightModel, "--features", "1.2"), "--features gives 1 value",
                "reads 3, one per column of its training file but the label, or 2 leaving out the ignored column \"weight\"",
                "size, weight: ignored, shade");
        refused(run("predict", "--model", idModel, "--features", "a,1.2,0.4,9"), "--features gives 4 values",
                "reads 3", "or 2 leaving out the ignored column \"id\"");
    }

    @Test
    void aCsvWithoutTheIgnoredColumnPredictsAsWithIt() throws IOException {
        Path with = write("p-weight.csv", "size,weight,shade", i -> size(i) + ",9," + shade(i), 7);
        Path without = write("p-noweight.csv", "size,shade", i -> size(i) + "," + shade(i), 7);
        Path bare = write("p-bare.csv", null, i -> size(i) + "," + shade(i), 7);
        String expected = ok("predict", "--model", weightModel, "--csv", with.toString()).out();
        assertEquals(expected, ok("predict", "--model", weightModel, "--csv", without.toString()).out());
        assertEquals(expected, ok("predict", "--model", weightModel, "--csv", bare.toString()).out());

        Path withIds = write("p-id.csv", "id,size,shade", i -> "x" + i + "," + size(i) + "," + shade(i), 7);
        String expectedId = ok("predict", "--model", idModel, "--csv", withIds.toString()).out();
        assertEquals(expectedId, ok("predict", "--model", idModel, "--csv", without.toString()).out());
        assertEquals(expectedId, ok("predict", "--model", idModel, "--csv", bare.toString()).out());
    }

    @Test
    void evaluateReadsAFileWithoutTheIgnoredColumnAsWithIt() throws IOException {
        Path without = write("e-noweight.csv", "size,shade,kind", i -> size(i) + "," + shade(i) + "," + KINDS[i % 3], 60);
        CliRun with = ok("evaluate", "--model", weightModel, "--dataset", "csv:" + weighted);
        CliRun left = ok("evaluate", "--model", weightModel, "--dataset", "csv:" + without);
        assertEquals(afterFirstLine(with), afterFirstLine(left));
        assertTrue(left.out().contains("Accuracy"), left.out());

        Path noId = write("e-noid.csv", "size,shade,kind", i -> size(i) + "," + shade(i) + "," + KINDS[i % 3], 60);
        assertEquals(afterFirstLine(ok("evaluate", "--model", idModel, "--dataset", "csv:" + withId)),
                afterFirstLine(ok("evaluate", "--model", idModel, "--dataset", "csv:" + noId)));
        Path bare = write("e-bare.csv", null, i -> size(i) + "," + shade(i) + "," + KINDS[i % 3], 60);
        assertEquals(afterFirstLine(with), afterFirstLine(ok("evaluate", "--model", weightModel, "--dataset", "csv:" + bare)));
    }

    @Test
    void anIgnoredColumnOutOfPlaceOrAWrongCountIsStillRefused() throws IOException {
        Path moved = write("p-moved.csv", "weight,size,shade", i -> "1," + size(i) + "," + shade(i), 3);
        refused(run("predict", "--model", weightModel, "--csv", moved.toString()),
                "line 1: feature column 1 is \"weight\"; expected \"size\", the columns in training's order");
        Path idLast = write("p-idlast.csv", "size,shade,id", i -> size(i) + "," + shade(i) + ",x", 3);
        refused(run("predict", "--model", idModel, "--csv", idLast.toString()),
                "line 1: feature column 1 is \"size\"; expected \"id\", the columns in training's order");
        Path one = write("p-one.csv", null, i -> size(i), 3);
        refused(run("predict", "--model", weightModel, "--csv", one.toString()),
                "line 1 has 1 feature column; expected 3, as in training, or 2 leaving out the ignored column \"weight\"");
        Path four = write("p-four.csv", null, i -> size(i) + ",1," + shade(i) + ",2", 3);
        refused(run("predict", "--model", weightModel, "--csv", four.toString()),
                "line 1 has 4 feature columns; expected 3, as in training, or 2", "is the label column left in");
        Path evalMoved = write("e-moved.csv", "size,shade,weight,kind", i -> size(i) + "," + shade(i) + ",1," + KINDS[i % 3], 30);
        refused(run("evaluate", "--model", weightModel, "--dataset", "csv:" + evalMoved),
                "line 1: feature column 2 is \"shade\"; expected \"weight\"");
    }
}
