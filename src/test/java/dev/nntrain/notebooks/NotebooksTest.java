package dev.nntrain.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.notebooks.Notebook.Cell;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every notebook in {@code notebooks/} runs from its first cell to its last, as a Java kernel would
 * run it, and is stored clean: a Java kernelspec, no outputs, the jar on the class path first.
 */
class NotebooksTest {

    /** Surefire runs in the project's root. */
    private static final Path DIRECTORY = Path.of("notebooks");

    /** One notebook per lesson group, in the course's order (section 12's comes after 13-15's). */
    private static final List<String> EXPECTED = List.of(
            "01-keras-recipe.ipynb", "02-activations.ipynb", "03-multiclass-softmax.ipynb", "04-roundoff.ipynb",
            "05-multi-label.ipynb", "06-adam.ipynb", "07-backprop.ipynb", "08-convolution.ipynb");

    static Stream<Path> notebooks() throws IOException {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.filter(p -> p.toString().endsWith(".ipynb")).sorted().toList().stream();
        }
    }

    @Test
    void oneNumberedNotebookPerLessonGroup() throws IOException {
        assertEquals(EXPECTED, notebooks().map(p -> p.getFileName().toString()).toList());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void isAJavaNotebookStoredWithoutOutputs(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        assertEquals(4, notebook.nbformat(), "nbformat");
        assertEquals("java", notebook.kernelName(), "kernelspec name (IJava, JJava)");
        assertEquals("java", notebook.language(), "kernelspec language");
        for (Cell cell : notebook.codeCells()) {
            assertEquals(0, cell.outputs(), "cell " + cell.index() + " has stored outputs: clear them");
            assertTrue(!cell.executed(), "cell " + cell.index() + " has an execution count: clear outputs");
        }
        assertEquals("%jars ../target/nntrain.jar", notebook.codeCells().get(0).source().strip(),
                "the first code cell puts the jar on the class path");
        assertTrue(notebook.cells().get(0).type().equals("markdown"), "opens with a title cell");
        long markdown = notebook.cells().stream().filter(c -> c.type().equals("markdown")).count();
        assertTrue(markdown >= 4, "teaches in markdown, not just code: " + markdown + " markdown cells");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notebooks")
    void runsEveryCell(Path file) throws IOException {
        Notebook notebook = Notebook.read(file);
        NotebookRunner.Run run = NotebookRunner.run(notebook);
        assertTrue(run.snippets() > notebook.codeCells().size() / 2, "evaluated " + run.snippets() + " snippets");
        assertTrue(!run.output().isBlank(), "prints something");
        // no time limit here: a wall-clock bound fails on a busy machine and passes a slow change on
        // a fast one; speed is measured in bench/, on a quiet machine, against a recorded baseline
    }
}
