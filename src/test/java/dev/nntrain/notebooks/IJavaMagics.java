package dev.nntrain.notebooks;

/**
 * Translates a notebook cell written for IJava (or JJava) into plain JShell input, as far as the
 * tests can: the {@code %jars} line magic is dropped, since the test's class path already holds
 * nntrain and its dependencies; any other magic is refused, so that a notebook cannot quietly rely
 * on something the test does not run.
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
     * Returns the cell's source without its line magics. Dropped lines become empty lines, so line
     * numbers in JShell's diagnostics still match the cell.
     *
     * @param source the cell as written
     * @return JShell input
     * @throws UnsupportedMagicException naming the first magic other than {@code %jars}
     */
    static String translate(String source) {
        StringBuilder out = new StringBuilder();
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
                if (!magic.equals("%jars")) {
                    throw new UnsupportedMagicException("line " + (i + 1) + ": line magic " + magic
                            + " is not supported by the notebook test (only %jars is)");
                }
                line = "";
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        return out.toString();
    }

    private static String firstWord(String trimmed) {
        int end = 0;
        while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end))) {
            end++;
        }
        return trimmed.substring(0, end);
    }
}
