package dev.nntrain.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.InvalidInputException;
import dev.nntrain.data.Examples;
import dev.nntrain.model.Activation;
import dev.nntrain.model.ModelFormatException;
import dev.nntrain.model.Sequential;
import dev.nntrain.model.layer.Dense;
import dev.nntrain.train.loss.BinaryCrossentropy;
import dev.nntrain.train.loss.MeanSquaredError;
import dev.nntrain.train.loss.SparseCategoricalCrossentropy;
import dev.nntrain.train.optimizer.Adam;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A classifier's class names: recorded in the saved model, and held against the examples' own. */
class ClassNamesModelTest {

    @TempDir Path tmp;

    private static final List<String> ANIMALS = List.of("bird", "cat", "dog");

    private static Examples pets() {
        return Examples.of(new float[][] {{0, 1}, {1, 0}, {1, 1}, {0, 0}}, new int[] {0, 1, 2, 1});
    }

    private static CompiledModel classifier(int classes) {
        return CompiledModel.compile(
                Sequential.builder().add(Dense.of(4, Activation.RELU)).add(Dense.of(classes)).optSeed(3).build(),
                new SparseCategoricalCrossentropy(true), new Adam());
    }

    @Test
    void aMultiLabelModelNamesOneClassPerOutput() throws IOException {
        Examples tags = Examples.of(new float[][] {{0, 1}, {1, 0}, {1, 1}}, new float[][] {{1, 0, 1}, {0, 1, 0}, {1, 1, 0}})
                .withClassNames(ANIMALS);
        try (CompiledModel net = CompiledModel.compile(
                Sequential.builder().add(Dense.of(4, Activation.RELU)).add(Dense.of(3)).optSeed(3).build(),
                new dev.nntrain.train.loss.BinaryCrossentropy(true), new Adam())) {
            net.fit(tags, FitOptions.builder().optEpochs(1).optVerbose(0).build()); // builds it: 3 outputs
            InvalidInputException two = assertThrows(InvalidInputException.class,
                    () -> net.setClassNames(List.of("bird", "cat")));
            assertEquals("2 class names [bird, cat] for a model of 3 classes; expected one name per class", two.getMessage());
            net.setClassNames(ANIMALS);
            net.fit(tags, FitOptions.builder().optEpochs(1).optVerbose(0).build());
            InvalidInputException other = assertThrows(InvalidInputException.class, () -> net.fit(
                    tags.withClassNames(List.of("cat", "bird", "dog")), FitOptions.builder().optEpochs(1).optVerbose(0).build()));
            assertTrue(other.getMessage().contains("names its classes [cat, bird, dog] but the model [bird, cat, dog]"),
                    other.getMessage());
            net.save(tmp.resolve("tags"));
        }
        try (CompiledModel loaded = CompiledModel.load(tmp.resolve("tags"))) {
            assertEquals(ANIMALS, loaded.classNames());
        }
    }

    @Test
    void namesTravelWithTheSavedModel() throws IOException {
        Path dir = tmp.resolve("named");
        try (CompiledModel net = classifier(3)) {
            net.setClassNames(ANIMALS);
            net.fit(pets().withClassNames(ANIMALS), FitOptions.builder().optEpochs(1).optVerbose(0).build());
            net.save(dir);
        }
        // the file holds them as a JSON array, written out by hand here
        assertTrue(Files.readString(dir.resolve("model.json")).contains("\"class_names\": \"[\\\"bird\\\",\\\"cat\\\",\\\"dog\\\"]\""),
                Files.readString(dir.resolve("model.json")));
        try (CompiledModel loaded = CompiledModel.load(dir)) {
            assertEquals(ANIMALS, loaded.classNames());
            loaded.setClassNames(List.of());
            assertEquals(List.of(), loaded.classNames());
            loaded.save(tmp.resolve("unnamed"));
        }
        assertTrue(!Files.readString(tmp.resolve("unnamed/model.json")).contains("class_names"), "taken away on save");
    }

    @Test
    void examplesThatNameTheirClassesOtherwiseAreRefused() {
        try (CompiledModel net = classifier(3)) {
            net.setClassNames(ANIMALS);
            // the same names in another order would train dog's rows as cat's
            List<String> swapped = List.of("bird", "dog", "cat");
            InvalidInputException fit = assertThrows(InvalidInputException.class,
                    () -> net.fit(pets().withClassNames(swapped), FitOptions.builder().optEpochs(1).optVerbose(0).build()));
            assertEquals("training data names its classes [bird, dog, cat] but the model [bird, cat, dog]; expected the"
                    + " same names in the same order (label c is class c's name)", fit.getMessage());
            net.fit(pets(), FitOptions.builder().optEpochs(1).optVerbose(0).build()); // unnamed rows: numbers agree
            InvalidInputException evaluate = assertThrows(InvalidInputException.class,
                    () -> net.evaluate(pets().withClassNames(swapped)));
            assertTrue(evaluate.getMessage().startsWith("evaluation data names its classes [bird, dog, cat]"),
                    evaluate.getMessage());
            assertEquals(4, net.evaluate(pets().withClassNames(ANIMALS)).count());
        }
    }

    @Test
    void namesMustFitTheClassifiersOutputs() {
        try (CompiledModel net = classifier(3)) {
            net.fit(pets(), FitOptions.builder().optEpochs(1).optVerbose(0).build());
            InvalidInputException two = assertThrows(InvalidInputException.class,
                    () -> net.setClassNames(List.of("cat", "dog")));
            assertEquals("2 class names [cat, dog] for a model of 3 classes; expected one name per class", two.getMessage());
            assertEquals(List.of(), net.classNames(), "a refused list leaves the names as they were");
        }
        // one sigmoid output tells two classes apart
        try (CompiledModel binary = CompiledModel.compile(
                Sequential.builder().add(Dense.of(1)).optInputShape(2).optSeed(1).build(),
                new BinaryCrossentropy(true), new Adam())) {
            binary.setClassNames(List.of("no", "yes"));
            assertEquals(List.of("no", "yes"), binary.classNames());
        }
        try (CompiledModel regression = CompiledModel.compile(
                Sequential.builder().add(Dense.of(1)).optInputShape(2).build(), new MeanSquaredError(), new Adam())) {
            InvalidInputException values = assertThrows(InvalidInputException.class,
                    () -> regression.setClassNames(List.of("low", "high")));
            assertTrue(values.getMessage().startsWith("class names need a classifier"), values.getMessage());
        }
    }

    @Test
    void aHandEditedListOfNamesIsRefusedOnLoad() throws IOException {
        Path dir = tmp.resolve("edited");
        try (CompiledModel net = classifier(3)) {
            net.fit(pets(), FitOptions.builder().optEpochs(1).optVerbose(0).build());
            net.setClassNames(ANIMALS);
            net.save(dir);
        }
        Path json = dir.resolve("model.json");
        Files.writeString(json, Files.readString(json).replace("\\\"dog\\\"", "\\\"cat\\\""));
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> CompiledModel.load(dir,
                dev.nntrain.model.file.LoadOptions.builder().optVerify(false).build()).close());
        assertTrue(e.getMessage().contains("class name \"cat\" is given twice"), e.getMessage());
    }
}
