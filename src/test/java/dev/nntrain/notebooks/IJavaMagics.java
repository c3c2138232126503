package dev.nntrain.notebooks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a notebook cell written for JJava (or IJava) into plain JShell input, as far as the
 * tests can: the {@code %classpath} line magic (and IJava's older {@code %jars}) becomes a class
 * path entry that the runner adds to the JShell, as the kernel does; any other magic is refused, so
 * that a notebook cannot quietly rely on something the test does not run.
 */
final class IJavaMagics {

    private IJavaMagics() {}

    /** A cell that uses a magic the tests cannot reproduce. */
    static final class UnsupportedMagicException extends IllegalArgumentException {
        UnsupportedMagicException(String message) {
            super(message);
        }
    }

    /**
     * A cell as JShell input.
     *
     * @param source the cell without its line magics; dropped lines stay as empty lines, so line
     *     numbers in JShell's diagnostics still match the cell
     * @param classPath the class path entries the cell's {@code %classpath} lines name, as written
     */
    record Translation(String source, List<String> classPath) {}

    /**
     * Translates a cell.
     *
     * @param source the cell as written
     * @return JShell input and the class path entries to add first
     * @throws UnsupportedMagicException naming the first magic other than {@code %classpath} or
     *     {@code %jars}
     */
    static Translation translate(String source) {
        StringBuilder out = new StringBuilder();
        List<String> classPath = new ArrayList<>();
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            String trimmed = line.strip();
            if (trimmed.startsWith("%%")) {
                throw new UnsupportedMagicException("line " + (i + 1) + ": cell magic " + firstWord(trimmed)
                        + " is not supported by the notebook test");
            }
            if (trimmed.startsWith("%")) {
                String magic = firstWord(trimmed);
                if (!magic.equals("%classpath") && !magic.equals("%jars")) {
                    throw new UnsupportedMagicException("line " + (i + 1) + ": line magic " + magic
                            + " is not supported by the notebook test (only %classpath and %jars are)");
                }
                for (String entry : trimmed.substring(magic.length()).strip().split("\\s+")) {
                    if (!entry.isEmpty()) {
                        classPath.add(entry);
                    }
                }
                line = "";
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return new Translation(out.toString(), List.copyOf(classPath));
    }

    /**
     * Resolves a class path entry as the kernel does: relative to the notebook's folder, its
     * working directory.
     *
     * @param folder the notebook's folder
     * @param entry the entry as written
     * @return the absolute path
     */
    static Path resolve(Path folder, String entry) {
        return folder.resolve(entry).toAbsolutePath().normalize();
    }

    private static String firstWord(String trimmed) {
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end);
    }
}
