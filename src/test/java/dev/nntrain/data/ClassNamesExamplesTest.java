package dev.nntrain.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.nntrain.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Class names as examples carry them: checked once, kept by every view and copy of the examples. */
class ClassNamesExamplesTest {

    private static final List<String> ANIMALS = List.of("bird", "cat", "dog");

    private static Examples pets() {
        // labels 0, 1, 2, 1, 0, 2 on rows 10, 20 ... 60
        float[][] x = {{10}, {20}, {30}, {40}, {50}, {60}};
        return Examples.of(x, new int[] {0, 1, 2, 1, 0, 2}).withClassNames(ANIMALS);
    }

    @Test
    void everyViewAndCopyKeepsTheNames() {
        Examples named = pets();
        assertEquals(ANIMALS, named.classNames());
        assertEquals(ANIMALS, named.subset(new int[] {3, 0}).classNames());
        assertArrayEquals(new int[] {1, 0}, named.subset(new int[] {3, 0}).labels());
        assertEquals(ANIMALS, named.slice(1, 3).classNames());
        assertEquals(ANIMALS, named.withFeatureShape(1, 1).classNames());
        Examples.Split split = named.split(0.5, 7);
        assertEquals(ANIMALS, split.first().classNames());
        assertEquals(ANIMALS, split.second().classNames());
        assertEquals(ANIMALS, Standardizer.fit(named).apply(named).classNames(), "scaled rows keep their classes");
        Examples images = Examples.ofPixels(new byte[2 * 784], new long[] {784}, new float[] {0, 2}, 1, 3)
                .withClassNames(ANIMALS);
        assertEquals(ANIMALS, new RandomShift(1).apply(images, new java.util.Random(1)).classNames());
    }

    @Test
    void namesDeclareEveryClassEvenOnesTheRowsLack() {
        // labels 0 and 1 only, three names: three classes, as a model trained on all three has
        Examples partial = Examples.of(new float[][] {{1}, {2}}, new int[] {0, 1});
        assertEquals(2, partial.numClasses());
        Examples named = partial.withClassNames(ANIMALS);
        assertEquals(3, named.numClasses());
        assertEquals(List.of(), named.withClassNames(List.of()).classNames(), "an empty list takes the names away");
    }

    @Test
    void badNamesAreRefusedNamingTheClass() {
        Examples unnamed = Examples.of(new float[][] {{1}, {2}, {3}}, new int[] {0, 1, 2});
        InvalidInputException twice = assertThrows(InvalidInputException.class,
                () -> unnamed.withClassNames(List.of("cat", "dog", "cat")));
        assertEquals("class name \"cat\" is given twice (classes 0 and 2); expected one name per class", twice.getMessage());
        InvalidInputException blank = assertThrows(InvalidInputException.class,
                () -> unnamed.withClassNames(List.of("cat", " ", "dog")));
        assertEquals("class 1's name is blank; expected a name for every class", blank.getMessage());
        InvalidInputException few = assertThrows(InvalidInputException.class,
                () -> unnamed.withClassNames(List.of("cat", "dog")));
        assertEquals("2 class names [cat, dog] for labels up to 2; expected a name for every class", few.getMessage());
        InvalidInputException values = assertThrows(InvalidInputException.class,
                () -> Examples.of(new float[][] {{1}}, new float[][] {{0.5f}}).withClassNames(List.of("a")));
        assertEquals("class names need one class label per example, or several 0/1 targets (multi-label); these examples have"
                + " real-valued targets",
                values.getMessage());
        InvalidInputException declared = assertThrows(InvalidInputException.class, () -> pets().withNumClasses(4));
        assertEquals("these examples name 3 classes [bird, cat, dog]; cannot declare 4 (use withClassNames to name"
                + " them all)", declared.getMessage());
    }
}
