package dev.nntrain.notebooks;

import dev.nntrain.notebooks.Notebook.Cell;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.nio.file.Path;
import java.util.stream.Collectors;
import jdk.jshell.DeclarationSnippet;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;

/**
 * Runs a notebook's code cells in order in one JShell, the way JJava and IJava (both built on
 * JShell) do, and fails on the first snippet that does not compile or that throws.
 *
 * <p>The JShell executes in a JVM of its own (JShell's remote execution) whose class path is what
 * the notebook's {@code %classpath} magic names, resolved from the notebook's folder: the runnable
 * {@code target/nntrain.jar} that a reader's kernel loads, not the test's classes. A cell that ends
 * in a value that is not meant to be shown ({@code System.out.printf} returns the stream, which a
 * kernel prints as {@code java.io.PrintStream@...}) fails too. The kernel's {@code display(Object)}
 * is stood in for by a method that does nothing. Everything the notebook prints is captured and
 * shown only when it fails.
 */
final class NotebookRunner {

    /** How much of the captured output a failure message shows. */
    private static final int OUTPUT_TAIL = 4000;

    private NotebookRunner() {}

    /**
     * A successful run.
     *
     * @param snippets the number of snippets evaluated
     * @param output everything the notebook printed
     */
    record Run(int snippets, String output) {}

    /**
     * Runs every code cell of a notebook.
     *
     * @param notebook the notebook
     * @return what it printed
     * @throws AssertionError naming the notebook, the cell and JShell's diagnostic or the exception
     */
    static Run run(Notebook notebook, Path folder) {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
        int count = 0;
        try (JShell shell = JShell.builder()
                .out(capture)
                .err(capture)
                // as Maven's test JVM does: tiny models train fastest on one thread
                .remoteVMOptions("-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
                        "-Djava.awt.headless=true")
                .build()) {
            evaluate(shell, notebook, notebook.cells().get(0), DISPLAY_STAND_IN, captured);
            for (Cell cell : notebook.codeCells()) {
                IJavaMagics.Translation translation;
                try {
                    translation = IJavaMagics.translate(cell.source());
                } catch (IJavaMagics.UnsupportedMagicException e) {
                    throw failure(notebook, cell, e.getMessage(), null, captured);
                }
                for (String entry : translation.classPath()) {
                    shell.addToClasspath(IJavaMagics.resolve(folder, entry).toString());
                }
                List<String> snippets = split(shell.sourceCodeAnalysis(), notebook, cell, translation.source(), captured);
                for (int i = 0; i < snippets.size(); i++) {
                    String value = evaluate(shell, notebook, cell, snippets.get(i), captured);
                    if (i == snippets.size() - 1 && value != null && value.startsWith("java.io.PrintStream@")) {
                        throw failure(notebook, cell, "the cell's value is " + value + ", which the kernel shows: end"
                                + " it with a statement that has no value (System.out.print, not printf)", snippets.get(i), captured);
                    }
                    count++;
                }
            }
        }
        return new Run(count, captured.toString(StandardCharsets.UTF_8));
    }

    /** JJava's and IJava's {@code display(Object)} draws in the notebook; here it does nothing. */
    private static final String DISPLAY_STAND_IN = "String display(Object value) { return null; }";

    /** Splits a cell into snippets the way the jshell tool does. */
    private static List<String> split(
            SourceCodeAnalysis analysis, Notebook notebook, Cell cell, String source, ByteArrayOutputStream captured) {
        List<String> snippets = new ArrayList<>();
        String remaining = source;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            switch (info.completeness()) {
                case COMPLETE:
                case COMPLETE_WITH_SEMI:
                case UNKNOWN:
                    // UNKNOWN is what the tool evaluates too: JShell then rejects it with a diagnostic
                    snippets.add(info.source());
                    break;
                case EMPTY:
                    return snippets; // only comments and blanks are left
                default:
                    throw failure(notebook, cell, "the cell ends inside an unfinished snippet", remaining, captured);
            }
            if (info.remaining().length() >= remaining.length()) {
                throw failure(notebook, cell, "JShell cannot split the cell", remaining, captured);
            }
            remaining = info.remaining();
        }
        return snippets;
    }

    /** Evaluates a snippet and returns its value as JShell prints it, null for none. */
    private static String evaluate(JShell shell, Notebook notebook, Cell cell, String snippet, ByteArrayOutputStream captured) {
        String value = null;
        for (SnippetEvent event : shell.eval(snippet)) {
            if (event.causeSnippet() != null) {
                continue; // a knock-on update of an earlier snippet, e.g. a redefinition
            }
            if (event.exception() != null) {
                throw failure(notebook, cell, "it threw " + describe(event.exception()), snippet, captured);
            }
            Snippet.Status status = event.status();
            if (status != Snippet.Status.VALID) {
                throw failure(notebook, cell, status + ": " + diagnostics(shell, event.snippet()), snippet, captured);
            }
            value = event.value();
        }
        return value;
    }

    /** JShell's messages for a snippet, with the line within the snippet, and what it could not resolve. */
    private static String diagnostics(JShell shell, Snippet snippet) {
        String source = snippet.source();
        List<String> messages = shell.diagnostics(snippet)
                .map(d -> "line " + lineOf(source, d) + ": " + d.getMessage(Locale.ROOT))
                .collect(Collectors.toCollection(ArrayList::new));
        if (snippet instanceof DeclarationSnippet declaration) {
            List<String> unresolved = shell.unresolvedDependencies(declaration).toList();
            if (!unresolved.isEmpty()) {
                messages.add("cannot resolve " + String.join(", ", unresolved));
            }
        }
        return messages.isEmpty() ? "(JShell gave no diagnostic)" : String.join("; ", messages);
    }

    private static long lineOf(String source, Diag diag) {
        long position = Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        return source.substring(0, (int) position).chars().filter(c -> c == '\n').count() + 1;
    }

    /** The exception JShell reports, with its class, message, top frames and causes. */
    static String describe(JShellException exception) {
        StringBuilder sb = new StringBuilder();
        Throwable t = exception;
        while (t != null) {
            String type = t instanceof EvalException e ? e.getExceptionClassName() : t.getClass().getName();
            sb.append(sb.length() == 0 ? "" : "\ncaused by ").append(type).append(": ").append(t.getMessage());
            StackTraceElement[] frames = t.getStackTrace();
            for (int i = 0; i < Math.min(6, frames.length); i++) {
                sb.append("\n    at ").append(frames[i]);
            }
            t = t.getCause();
        }
        return sb.toString();
    }

    private static AssertionError failure(
            Notebook notebook, Cell cell, String problem, String snippet, ByteArrayOutputStream captured) {
        StringBuilder sb = new StringBuilder()
                .append(notebook.name()).append(", cell ").append(cell.index())
                .append(" (counting from 0, markdown cells included): ").append(problem);
        if (snippet != null) {
            sb.append("\n--- snippet ---\n").append(snippet.strip());
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        if (!output.isEmpty()) {
            sb.append("\n--- last output ---\n")
                    .append(output.length() > OUTPUT_TAIL ? "..." + output.substring(output.length() - OUTPUT_TAIL) : output);
        }
        return new AssertionError(sb.toString());
    }
}
