package dev.nntrain.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * One line of {@code src/test/resources/hostile/cases.txt}: a command line given a hostile input,
 * with the exit status and the fragments its one error line must hold.
 *
 * @param line the line number in the file
 * @param category the category, for the tally
 * @param exit the expected exit status
 * @param fragments what the error line must contain, with placeholders
 * @param args the arguments, with placeholders
 * @param tags {@code offline}, {@code nonroot}, {@code cache:PATH} (DJL_CACHE_DIR=PATH)
 */
record HostileCase(int line, String category, int exit, List<String> fragments, List<String> args, Set<String> tags) {

    /** The categories of issue 10, and CSV feature columns since, each of which the suite must cover. */
    static final List<String> CATEGORIES =
            List.of("output", "split", "numbers", "ignored", "labels", "csv", "columns", "images", "download", "model",
                    "faults");

    /** @return every case of the suite */
    static List<HostileCase> all() throws IOException {
        List<HostileCase> cases = new ArrayList<>();
        try (InputStream in = HostileCase.class.getResourceAsStream("/hostile/cases.txt")) {
            String[] lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
            for (int i = 0; i < lines.length; i++) {
                String l = lines[i].strip();
                if (l.isEmpty() || l.startsWith("#")) {
                    continue;
                }
                String[] f = l.split(" \\| ");
                if (f.length < 4 || f.length > 5) {
                    throw new IllegalStateException("cases.txt line " + (i + 1) + " has " + f.length + " fields: " + l);
                }
                cases.add(new HostileCase(i + 1, f[0].strip(), Integer.parseInt(f[1].strip()),
                        Arrays.stream(f[2].split(" && ")).map(String::strip).toList(),
                        Arrays.asList(f[3].strip().split("\\s+")),
                        f.length == 5 ? Set.of(f[4].strip().split("\\s+")) : Set.of()));
            }
        }
        return cases;
    }

    /**
     * Fills in the placeholders.
     *
     * @param text a fragment or an argument
     * @param fixtures the fixtures directory
     * @param out the output path that must not appear
     * @return the text
     */
    static String fill(String text, Path fixtures, Path out) {
        return text.replace("{F}", fixtures.toString())
                .replace("{OUT}", out.toString())
                .replace("{LAYERS1001}", String.join(",", java.util.Collections.nCopies(1001, "1")))
                .replace("%20", " ");
    }

    /** @return the arguments with their placeholders filled in */
    String[] args(Path fixtures, Path out) {
        return args.stream().map(a -> fill(a, fixtures, out)).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return category + " (line " + line + "): " + String.join(" ", args);
    }
}
