package dev.nntrain.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.notebooks.Notebook.Cell;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The notebook runner itself: splitting, magics, and failures that name the cell and the cause. */
class NotebookRunnerTest {

    private static Notebook notebook(String... codeCells) {
        List<Cell> cells = new ArrayList<>();
        cells.add(new Cell(0, "markdown", "# a test notebook", 0, false));
        for (String code : codeCells) {
            cells.add(new Cell(cells.size(), "code", code, 0, false));
        }
        return new Notebook("test.ipynb", 4, "java", "java", cells);
    }

    private static String failureOf(Notebook notebook) {
        return assertThrows(AssertionError.class, () -> run(notebook)).getMessage();
    }

    private static NotebookRunner.Run run(Notebook notebook) {
        return NotebookRunner.run(notebook, RunnableJar.FOLDER);
    }

    @Test
    void splitsCellsIntoSnippetsAndKeepsStateAcrossCells() {
        NotebookRunner.Run run = run(notebook(
                "%jars ../target/nntrain.jar",
                "int a = 1; int b = a + 1\n// a comment at the end",
                "int twice(int x) {\n    return 2 * x;\n}\nSystem.out.println(twice(a + b))"));
        assertEquals(4, run.snippets(), "a, b, twice, println");
        assertEquals("6", run.output().strip());
    }

    @Test
    void loadsNntrainFromTheJarTheNotebookNames() {
        RunnableJar.require();
        NotebookRunner.Run run = run(notebook(
                "%classpath ../target/nntrain.jar",
                "System.out.println(dev.nntrain.model.Activation.class.getProtectionDomain().getCodeSource().getLocation())"));
        assertTrue(run.output().strip().endsWith("target/nntrain.jar"), "loaded from " + run.output());
    }

    @Test
    void aCellEndingInPrintfFails() {
        String message = failureOf(notebook("int x = 1;", "System.out.printf(\"x = %d%n\", x)"));
        assertTrue(message.contains("cell 2") && message.contains("java.io.PrintStream@"), message);
    }

    @Test
    void rejectedSnippetNamesTheCellAndJShellsDiagnostic() {
        String message = failureOf(notebook("int x = 1;", "String s = x;"));
        assertTrue(message.startsWith("test.ipynb, cell 2 "), message);
        assertTrue(message.contains("REJECTED") && message.contains("incompatible types"), message);
        assertTrue(message.contains("String s = x;"), "shows the snippet: " + message);
    }

    @Test
    void unresolvedNameFails() {
        String message = failureOf(notebook("void f() { g(); }"));
        assertTrue(message.contains("cell 1") && message.contains("g()"), message);
    }

    @Test
    void exceptionNamesItsClassAndMessageAndShowsTheOutputBefore() {
        String message = failureOf(notebook(
                "System.out.println(\"before\");", "throw new IllegalStateException(\"boom\");"));
        assertTrue(message.contains("cell 2") && message.contains("java.lang.IllegalStateException: boom"), message);
        assertTrue(message.contains("--- last output ---\nbefore"), message);
    }

    @Test
    void exceptionFromTheLibraryIsReported() {
        RunnableJar.require();
        String message = failureOf(notebook("%classpath ../target/nntrain.jar", "dev.nntrain.model.layer.Dense.of(0);"));
        assertTrue(message.contains("InvalidInputException: Dense units must be positive, got 0"), message);
    }

    @Test
    void unfinishedCellFails() {
        String message = failureOf(notebook("int f() {\n    return 1;"));
        assertTrue(message.contains("unfinished snippet"), message);
    }

    @Test
    void onlyTheClassPathMagicsAreAccepted() {
        assertTrue(failureOf(notebook("%maven dev.nntrain:nntrain:0.1.0")).contains("line magic %maven"));
        assertTrue(failureOf(notebook("%%loadFromPOM\n<dependency/>")).contains("cell magic %%loadFromPOM"));
        IJavaMagics.Translation t = IJavaMagics.translate("%classpath ../target/nntrain.jar\nint x = 1;");
        assertEquals("\nint x = 1;", t.source(), "the dropped line stays, empty, so that line numbers match");
        assertEquals(List.of("../target/nntrain.jar"), t.classPath());
    }
}
