package dev.nntrain.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading by a model's columns, its ignored ones optional: a file may hold every column, or leave
 * out any of the ignored ones (with a header; without one, all of them). The oracle is the file
 * that holds them all: the model never reads an ignored cell, so the rows without it encode alike.
 */
class CsvOptionalIgnoredColumnsTest {

    @TempDir
    Path tmp;

    /** id (ignored), shade (a category), w (ignored), size; as a model trained on id,shade,w,size records them. */
    private static final FeatureColumns COLUMNS = FeatureColumns.of(List.of(FeatureColumns.Column.ignored("id"),
            FeatureColumns.Column.category("shade", List.of("dark", "light")), FeatureColumns.Column.ignored("w"),
            FeatureColumns.Column.number("size")));

    private static float[][] features(String text) {
        try {
            return Csv.classification().featureColumns(COLUMNS).readFeatures(new StringReader(text), "rows.csv");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static final float[][] EXPECTED = {{0, 1, 2.5f}, {1, 0, 7}};

    @Test
    void anyIgnoredColumnMayBeLeftOutOfAHeadedFile() {
        assertArrayEquals(EXPECTED, features("id,shade,w,size\nr1,light,3,2.5\nr2,dark,4,7\n"));
        assertArrayEquals(EXPECTED, features("shade,w,size\nlight,3,2.5\ndark,4,7\n"));
        assertArrayEquals(EXPECTED, features("id,shade,size\nr1,light,2.5\nr2,dark,7\n"));
        assertArrayEquals(EXPECTED, features("shade,size\nlight,2.5\ndark,7\n"));
    }

    @Test
    void withoutAHeaderTheCountSays() {
        assertArrayEquals(EXPECTED, features("r1,light,3,2.5\nr2,dark,4,7\n"));
        assertArrayEquals(EXPECTED, features("light,2.5\ndark,7\n"));
        DataFormatException e = assertThrows(DataFormatException.class, () -> features("light,3,2.5\ndark,4,7\n"));
        assertTrue(e.getMessage().startsWith("rows.csv: line 1 has 3 feature columns; expected 4, as in training, or 2"
                + " leaving out the ignored columns \"id\", \"w\" (id: ignored, shade: dark|light, w: ignored, size)"),
                e.getMessage());
    }

    @Test
    void anIgnoredColumnOutOfItsPlaceIsRefused() {
        DataFormatException last = assertThrows(DataFormatException.class, () -> features("shade,size,id\nlight,2.5,r\n"));
        assertTrue(last.getMessage().startsWith("rows.csv: line 1: feature column 3 is \"id\"; expected no more columns,"
                + " the columns in training's order"), last.getMessage());
        DataFormatException swapped = assertThrows(DataFormatException.class, () -> features("size,shade\n2.5,light\n"));
        assertTrue(swapped.getMessage().contains("feature column 1 is \"size\"; expected \"shade\""), swapped.getMessage());
        DataFormatException all = assertThrows(DataFormatException.class, () -> features("id,w,shade,size\nr,3,light,2.5\n"));
        assertTrue(all.getMessage().contains("line 1: feature column 2 is \"w\"; expected \"shade\", the columns in"
                + " training's order"), all.getMessage());
        assertThrows(DataFormatException.class, () -> features("size\n2.5\n"));
    }

    @Test
    void theExamplesCarryTheModelsColumnsAndItsFilledCountsByThem() throws IOException {
        FeatureColumns filling = FeatureColumns.of(List.of(FeatureColumns.Column.ignored("id"),
                FeatureColumns.Column.number("size").withFill("4.5")));
        Path file = Files.writeString(tmp.resolve("labelled.csv"), "size,kind\n2,a\n,b\n3,a\n");
        Csv.Reading reading = Csv.classification().featureColumns(filling).readAndReport(file);
        Examples examples = reading.examples();
        assertEquals(filling, examples.featureColumns().orElseThrow());
        assertArrayEquals(new float[] {2, 4.5f, 3}, examples.features());
        assertEquals(List.of(0, 1), reading.filled());
    }

    @Test
    void encodeTakesEitherCountAndNamesBoth() {
        assertArrayEquals(EXPECTED[0], COLUMNS.encode(List.of("r1", "light", "3", "2.5"), c -> "value " + c));
        assertArrayEquals(EXPECTED[0], COLUMNS.encode(List.of("light", "2.5"), c -> "value " + c));
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> COLUMNS.encode(List.of("light"), c -> "value " + c));
        assertEquals("1 value given; expected 4, one per feature column, or 2 leaving out the ignored columns \"id\", \"w\""
                + " (id: ignored, shade: dark|light, w: ignored, size)", e.getMessage());
        FeatureColumns plain = FeatureColumns.of(List.of(FeatureColumns.Column.number("a"), FeatureColumns.Column.number("b")));
        assertEquals("", plain.orReadOnly());
        assertEquals(plain, plain.readOnly());
        assertTrue(plain.forCount(1).isEmpty());
    }
}
