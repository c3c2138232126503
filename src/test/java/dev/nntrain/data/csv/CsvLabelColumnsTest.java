package dev.nntrain.data.csv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.DataFormatException;
import dev.nntrain.data.Examples;
import dev.nntrain.data.csv.Csv;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several label columns: a multi-label file's yes/no columns, or a regression's several values. */
class CsvLabelColumnsTest {

    @TempDir Path dir;

    // the tags sit between the features, and are asked for out of file order
    static final String TAGS = "warm,x1,wet,x2,windy\n1,0.5,0,-1,1\n0,-2,1,3,0\n";

    Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, content);
        return file;
    }

    @Test
    void severalColumnsAreMultiLabelTargetsInTheOrderAsked() throws IOException {
        Path file = write("tags.csv", TAGS);
        for (Csv csv : new Csv[] {Csv.classification().labelColumns(4, 0, 2),
                Csv.classification().labelColumns("windy", "warm", "wet")}) {
            Examples tags = csv.read(file);
            assertEquals(3, tags.targetWidth());
            assertFalse(tags.isClassification(), "several yes/no answers, not one class");
            assertArrayEquals(new float[] {1, 1, 0, 0, 0, 1}, tags.targets());
            assertArrayEquals(new float[] {0.5f, -1, -2, 3}, tags.features());
            assertEquals(List.of("windy", "warm", "wet"), tags.classNames());
        }
        assertArrayEquals(new int[] {4, 0, 2}, Csv.classification().labelColumns("windy", "warm", "wet")
                .labelColumnIndices(file));
        // without a header the classes have no names
        Examples plain = Csv.classification().labelColumns(0, 2, 4).read(write("plain.csv", "1,0.5,0,-1,1\n"));
        assertEquals(List.of(), plain.classNames());
        assertArrayEquals(new float[] {1, 0, 1}, plain.targets());
    }

    @Test
    void aRegressionsSeveralValues() throws IOException {
        Examples values = Csv.regression().labelColumns(3, 1).read(write("r.csv", "a,y1,b,y2\n1,2.5,3,-4\n5,6,7,8.25\n"));
        assertEquals(2, values.targetWidth());
        assertArrayEquals(new float[] {-4, 2.5f, 8.25f, 6}, values.targets());
        assertArrayEquals(new float[] {1, 3, 5, 7}, values.features());
        assertEquals(List.of(), values.classNames());
    }

    @Test
    void aMultiLabelAnswerIsZeroOrOne() throws IOException {
        Path half = write("half.csv", "warm,x,wet\n1,0.5,0.5\n");
        String e = assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns(0, 2).read(half))
                .getMessage();
        assertEquals(half + ": line 2, column 3: label \"0.5\" is not 0 or 1; each label column of a multi-label file"
                + " answers no (0) or yes (1) (or read the columns as --regression targets)", e);
        Path yes = write("yes.csv", "warm,x,wet\nyes,0.5,no\n");
        assertTrue(assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns(0, 2).read(yes))
                .getMessage().contains("line 2, column 1: label \"yes\" is not 0 or 1"));
        // 1.0 and 0e0 are 1 and 0 as written
        assertArrayEquals(new float[] {1, 0}, Csv.classification().labelColumns(0, 2)
                .read(write("ok.csv", "1.0,7,0e0\n")).targets());
    }

    @Test
    void labelColumnsAreCheckedAgainstTheFile() throws IOException {
        Path file = write("tags.csv", TAGS);
        assertThrows(InvalidInputException.class, () -> Csv.classification().labelColumns(1, 1));
        assertThrows(InvalidInputException.class, () -> Csv.classification().labelColumns("a", " a"));
        assertThrows(InvalidInputException.class, () -> Csv.classification().labelColumns(new int[0]));
        assertEquals(file + ": label column index 5 is out of range: line 1 has 5 columns (indices 0 to 4)",
                assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns(0, 5).read(file))
                        .getMessage());
        assertEquals(file + ": line 1: header has no column \"sunny\"; columns are [warm, x1, wet, x2, windy]",
                assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns("warm", "sunny")
                        .read(file)).getMessage());
        Path narrow = write("narrow.csv", "1,0\n");
        assertEquals(narrow + ": line 1 has 2 columns; expected at least one feature column and 2 label columns",
                assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns(0, 1).read(narrow))
                        .getMessage());
        assertEquals(file + ": column 2 (\"wet\") is a label column; it cannot be ignored",
                assertThrows(DataFormatException.class, () -> Csv.classification().labelColumns(0, 2).ignoreColumns(2)
                        .read(file)).getMessage());
    }

    @Test
    void multiLabelExamplesNameOneClassPerTarget() {
        Examples tags = Examples.of(new float[][] {{1}, {2}}, new float[][] {{1, 0}, {0, 0}});
        assertEquals(List.of("a", "b"), tags.withClassNames(List.of("a", "b")).classNames());
        assertEquals("3 class names [a, b, c] for 2 yes/no targets per example; expected a name for each",
                assertThrows(InvalidInputException.class, () -> tags.withClassNames(List.of("a", "b", "c"))).getMessage());
        Examples values = Examples.of(new float[][] {{1}, {2}}, new float[][] {{1.5f, 0}, {0, 0}});
        assertThrows(InvalidInputException.class, () -> values.withClassNames(List.of("a", "b")));
    }
}
