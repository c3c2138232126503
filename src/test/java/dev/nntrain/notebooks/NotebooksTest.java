package dev.nntrain.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.notebooks.Notebook.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every notebook in {@code notebooks/} is stored as a real kernel left it (executed in order, with
 * its charts, free of engine log lines and stray values), runs from its first cell to its last in
 * JShell on the runnable jar, and prints the numbers its markdown states.
 */
class NotebooksTest {

    /** One notebook per lesson group, in the course's order (section 12's comes after 13-15's). */
    private static final List<String> EXPECTED = List.of(
            "01-keras-recipe.ipynb", "02-activations.ipynb", "03-multiclass-softmax.ipynb", "04-roundoff.ipynb",
            "05-multi-label.ipynb", "06-adam.ipynb", "07-backprop.ipynb", "08-convolution.ipynb");

    /**
     * A number a notebook's markdown states, and the text its code prints when that is so.
     *
     * @param markdown the statement as the markdown writes it
     * @param printed what the code must print
     */
    record Claim(String markdown, String printed) {}

    /** What each notebook's markdown states, with the output that bears it out. */
    private static final Map<String, List<Claim>> CLAIMS = Map.of(
            "01-keras-recipe.ipynb", List.of(
                    new Claim("three already get every held-out digit right", "accuracy: 1.0000 (425 examples)"),
                    new Claim("The loss falls from 0.498 to 0.144", "Epoch 1/3 - loss: 0.4984"),
                    new Claim("The loss falls from 0.498 to 0.144", "Epoch 3/3 - loss: 0.1442"),
                    new Claim("200 coffee roasts", "(200 examples)"),
                    new Claim("13.9 minutes should be good, for 17 minutes burnt", "decisions [1, 0]")),
            "02-activations.ipynb", List.of(
                    new Claim("slope 0.0066 at |z| = 5", "0.00664"),
                    new Claim("zero (never heard of it) or any positive amount", "relu    [0.0, 0.0, 0.5, 4.0, 25.0]"),
                    new Claim("answering \"bad\" for every roast already scores 0.790",
                            "coffee, answering \"bad\" for every roast: accuracy 0.790"),
                    new Claim("the trained linear model's 0.730 is even below it",
                            "coffee, Dense(3, linear), Dense(1, sigmoid): accuracy 0.730")),
            "03-multiclass-softmax.ipynb", List.of(
                    new Claim("around (-5, 2), (-1.5, -1), (1, 2) and (5, -2)", "class at each centre: [0, 1, 2, 3]"),
                    new Claim("20,175 parameters", "Total params: 20,175"),
                    new Claim("The held-out flowers score 0.9667", "held-out flowers loss: 0.0913 - accuracy: 0.9667 (30 examples)"),
                    new Claim("and the model calls it versicolor", "[6.3, 2.8, 5.1, 1.5] -> versicolor"),
                    new Claim("Seven columns give nine inputs", "9 inputs: [island=Biscoe, island=Dream, island=Torgersen,"
                            + " bill_length_mm, bill_depth_mm, flipper_length_mm, body_mass_g, sex=female, sex=male]"),
                    new Claim("reads `0, 0, 1` for the islands and `0, 1` for the sexes",
                            "its inputs:                [0.0, 0.0, 1.0, 39.1, 18.7, 181.0, 3750.0, 0.0, 1.0]"),
                    new Claim("The held-out penguins score 0.9851", "held-out penguins loss: 0.0311 - accuracy: 0.9851 (67 examples)"),
                    new Claim("a female Adelie from Dream with a 40.2 mm bill, which the model calls a Chinstrap",
                            "wrong: [0.0, 1.0, 0.0, 40.2, 17.1, 193.0, 3400.0, 1.0, 0.0], true Adelie, predicted Chinstrap"),
                    new Claim("`Dream` is `0, 1, 0` and `female` is `1, 0`",
                            "Dream,47.0,17.8,194,3550,female,2010 -> [0.0, 1.0, 0.0, 47.0, 17.8, 194.0, 3550.0, 1.0, 0.0]"),
                    new Claim("with a Chinstrap's long bill, is called a Chinstrap", "3550.0, 1.0, 0.0] -> Chinstrap"),
                    new Claim("An island the model never saw is refused, naming the cell",
                            "refused: cell 1: \"Anvers\" is not one of the 3 categories (island)")),
            "04-roundoff.ipynb", List.of(
                    new Claim("saturates at `-log(1e-7)`, about 16.12", "from probabilities 16.118095"),
                    new Claim("14.84 instead of 15", "z = 15: 14.8437729"),
                    new Claim("from `z = 16` on it stays at 15.94", "z = 16: 15.9423847, z = 40: 15.9423847")),
            "05-multi-label.ipynb", List.of(
                    new Claim("`y = [1, 0, 1]`", "holds a car, no bus and a pedestrian: y = [1, 0, 1]")),
            "06-adam.ipynb", List.of(
                    new Claim("moves *every* parameter by about its learning rate, 0.001", "first step 0.0010000"),
                    new Claim("ends at `w1 = 0.05`, `w2 = 0.0034`", "turned back   0 times, final 0.0034"),
                    new Claim("scored on the 2,000 test digits", "test digits loss: 0.3736 - accuracy: 0.8950 (2,000 examples)"),
                    new Claim("lowest at epoch 4, 0.3130, then climbs and jitters, to 0.5432 at epoch 20",
                            "lowest val_loss 0.3130 at epoch 4, 0.5432 at epoch 20"),
                    new Claim("the rate falls to 0.002 from epoch 7", "epoch 7 - learning_rate: 0.0020"),
                    new Claim("to its lowest, 0.3045 at epoch 8", "lowest val_loss 0.3045 at epoch 8"),
                    new Claim("to 4e-4 from epoch 11 and 1e-4 from epoch 13", "epoch 11 - learning_rate: 4.0000e-04"),
                    new Claim("to 4e-4 from epoch 11 and 1e-4 from epoch 13", "epoch 13 - learning_rate: 1.0000e-04"),
                    new Claim("the loss is 0.3750, against 0.5736 at one rate", "test digits loss: 0.3750 - accuracy: 0.9205"),
                    new Claim("the loss is 0.3750, against 0.5736 at one rate", "test digits loss: 0.5736 - accuracy: 0.9160"),
                    new Claim("The smoothed loss falls fastest at 0.0260, the test's suggestion",
                            "suggested rate 0.0260 (steepest fall)"),
                    new Claim("whose tenth, 0.00453, is the older rule's", "minimum/10 0.00453"),
                    new Claim("so all 100 steps ran", "100 steps\n"),
                    new Claim("`weights as before: true`", "weights as before: true"),
                    new Claim("to 0.2757 at epoch 11, and is still 0.3208 after 20 epochs",
                            "Adam(0.00100)  lowest val_loss 0.2757 at epoch 11, 0.3208 at epoch 20"),
                    new Claim("gets no lower than 0.3037 (epoch 7)", "Adam(0.00453)  lowest val_loss 0.3037 at epoch 7"),
                    new Claim("is lowest at 0.3795 (epoch 4)", "Adam(0.0260)   lowest val_loss 0.3795 at epoch 4")),
            "07-backprop.ipynb", List.of(
                    new Claim("`J(3.001) = 9.006001`", "J(3.001) = 9.006001"),
                    new Claim("`J = 1/2 d^2 = 2`", "J     1/2 d^2      2"),
                    new Claim("here 6 against 8", "about N + P = 6 steps"),
                    new Claim("here 6 against 8", "about N x P = 8 steps"),
                    new Claim("60,495 against 813,456,000", "about N x P = 813,456,000 steps"),
                    new Claim("`w1 = 2.001` gives `J = 2.0060045`", "J at w1 = 2.001: 2.006004")),
            "08-convolution.ipynb", List.of(
                    new Claim("9 in layer 1, output `(1, 9)`", "output shapes: [1, 9], [1, 3], [1]"),
                    new Claim("943 weights and biases as dense layers, 211 with windows of their own, 31",
                            "total          13           31          211      943"),
                    new Claim("the 3rd (`x21-x40`) and the 4th (`x31-x50`)", "changing x35 changes positions [3, 4]"),
                    new Claim("67,610 multiply-adds", "CNN 67,610, dense network 20,175"),
                    new Claim("against the dense network's 20,175", "CNN 67,610, dense network 20,175"),
                    new Claim("0.950 against the dense network's 0.794", "held-out traces loss: 0.2193 - accuracy: 0.9500"),
                    new Claim("0.950 against the dense network's 0.794", "held-out traces loss: 0.6167 - accuracy: 0.7940")));

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(RunnableJar.FOLDER)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @Test
    void oneNumberedNotebookPerLessonGroup() throws IOException {
        assertEquals(EXPECTED, notebooks().map(p -> p.getFileName().toString()).toList());
        assertEquals(EXPECTED.stream().sorted().toList(), CLAIMS.keySet().stream().sorted().toList(),
                "every notebook states numbers that its run is held to");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void isStoredAsAJavaKernelRanIt(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        assertEquals(4, notebook.nbformat(), "nbformat");
        assertEquals("java", notebook.kernelName(), "kernelspec name (JJava, IJava)");
        assertEquals("java", notebook.language(), "kernelspec language");
        String first = notebook.codeCells().get(0).source();
        assertTrue(first.startsWith("%classpath ../target/nntrain.jar\n"), "the first cell loads the jar: " + first);
        assertTrue(first.contains("Class.forName(\"dev.nntrain.model.Sequential\")")
                && first.contains("mvn -q package -DskipTests"), "and says how to build it when it is missing");
        assertTrue(notebook.cells().get(0).type().equals("markdown"), "opens with a title cell");
        long markdown = notebook.cells().stream().filter(c -> c.type().equals("markdown")).count();
        assertTrue(markdown >= 4, "teaches in markdown, not just code: " + markdown + " markdown cells");

        int expectedCount = 1;
        int images = 0;
        for (Cell cell : notebook.codeCells()) {
            String where = "cell " + cell.index() + ": ";
            assertEquals(expectedCount++, cell.executionCount(),
                    where + "executed in order from a fresh kernel (notebooks/execute.sh)");
            assertFalse(cell.outputTypes().contains("error"), where + "stored with an error: " + cell.text());
            assertFalse(cell.outputTypes().contains("stream:stderr"), where + "stored with standard error output: " + cell.text());
            assertFalse(cell.text().contains("ai.djl") || cell.text().contains("] INFO "), where + "engine log lines: " + cell.text());
            assertFalse(cell.text().contains("java.io.PrintStream@"), where + "a stray value: " + cell.text());
            images += cell.images();
        }
        assertTrue(images >= 1, "shows at least one chart inline");
        for (Claim claim : CLAIMS.get(file.getFileName().toString())) {
            assertTrue(markdown(notebook).contains(claim.markdown()), "the markdown states " + claim.markdown());
            assertTrue(stored(notebook).contains(claim.printed()),
                    "the stored outputs bear out " + claim.markdown() + " with " + claim.printed());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsEveryCellOnTheRunnableJarAndPrintsWhatItsMarkdownStates(Path file) throws IOException {
        RunnableJar.require();
        Notebook notebook = Notebook.read(file);
        NotebookRunner.Run run = NotebookRunner.run(notebook, RunnableJar.FOLDER);
        assertTrue(run.snippets() > notebook.codeCells().size() / 2, "evaluated " + run.snippets() + " snippets");
        for (Claim claim : CLAIMS.get(file.getFileName().toString())) {
            assertTrue(run.output().contains(claim.printed()),
                    claim.markdown() + ": expected the run to print " + claim.printed() + "\n--- output ---\n" + run.output());
        }
        // no time limit here: a wall-clock bound fails on a busy machine and passes a slow change on
        // a fast one; speed is measured in bench/, on a quiet machine, against a recorded baseline
    }

    private static String markdown(Notebook notebook) {
        return notebook.cells().stream().filter(c -> c.type().equals("markdown")).map(Cell::source)
                .collect(Collectors.joining("\n"));
    }

    private static String stored(Notebook notebook) {
        return notebook.codeCells().stream().map(Cell::text).collect(Collectors.joining("\n"));
    }
}
