package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bad-input suite, in-process: every case of {@code hostile/cases.txt} run through {@link
 * Nntrain#run}. Each must exit with its status and one line on stderr naming the value or file,
 * print no stack trace, write nothing (its case directory and the fixtures stay as they were), and
 * stay within {@value #PEAK_MB} MB of extra resident memory ({@link PeakMemory}).
 * {@code scripts/hostile.sh} runs the same cases on the jar, one JVM each.
 */
class HostileInputTest {

    /** The most resident memory a refused case may add to the test JVM's. */
    static final long PEAK_MB = 512;

    @TempDir
    static Path tmp;

    static Path fixtures;
    static List<String> fixtureListing;

    @BeforeAll
    static void buildFixtures() throws Exception {
        fixtures = tmp.resolve("f");
        HostileFixtures.create(fixtures);
        fixtureListing = listing(fixtures);
    }

    private static List<String> listing(Path dir) throws IOException {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.map(p -> dir.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void theSuiteCoversEveryCategory() throws IOException {
        List<HostileCase> cases = HostileCase.all();
        Map<String, Long> tally = new TreeMap<>(cases.stream().collect(Collectors.groupingBy(HostileCase::category, Collectors.counting())));
        assertTrue(cases.size() >= 150, cases.size() + " cases: " + tally);
        assertEquals(new java.util.TreeSet<>(HostileCase.CATEGORIES), tally.keySet(), "categories");
        for (Map.Entry<String, Long> e : tally.entrySet()) {
            assertTrue(e.getValue() >= 3, "category " + e.getKey() + " has " + e.getValue() + " cases");
        }
    }

    @TestFactory
    Stream<DynamicTest> everyCase() throws IOException {
        return HostileCase.all().stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> run(c)));
    }

    private static void run(HostileCase c) throws IOException {
        if (c.tags().contains("nonroot")) {
            Assumptions.assumeFalse("root".equals(System.getProperty("user.name")), "root may write anywhere");
        }
        Path caseDir = Files.createDirectories(tmp.resolve("case-" + c.line()));
        Path out = caseDir.resolve("out");
        String[] args = c.args(fixtures, out);
        String offline = System.getProperty("ai.djl.offline");
        if (c.tags().contains("offline")) {
            System.setProperty("ai.djl.offline", "true");
        }
        // cache:PATH runs the case with DJL_CACHE_DIR=PATH: in-process as the system property DJL
        // reads when the environment variable is unset
        String cache = c.tags().stream().filter(t -> t.startsWith("cache:")).findFirst()
                .map(t -> HostileCase.fill(t.substring("cache:".length()), fixtures, out)).orElse(null);
        if (cache != null) {
            Assumptions.assumeTrue(System.getenv("DJL_CACHE_DIR") == null, "DJL_CACHE_DIR is set in the environment");
        }
        String cacheBefore = System.getProperty("DJL_CACHE_DIR");
        if (cache != null) {
            System.setProperty("DJL_CACHE_DIR", cache);
        }
        PeakMemory.reset();
        long before = PeakMemory.residentKb();
        CliRun run;
        try {
            run = CliRun.of(args);
        } finally {
            if (offline == null) {
                System.clearProperty("ai.djl.offline");
            } else {
                System.setProperty("ai.djl.offline", offline);
            }
            if (cacheBefore == null) {
                System.clearProperty("DJL_CACHE_DIR");
            } else {
                System.setProperty("DJL_CACHE_DIR", cacheBefore);
            }
        }
        long peak = PeakMemory.peakKb();
        assertEquals(c.exit(), run.status(), "exit status; stderr: " + run.err() + "; stdout: " + run.out());
        String line = run.errorLine();
        assertTrue(line.startsWith("nntrain: "), line);
        for (String fragment : c.fragments()) {
            String f = HostileCase.fill(fragment, fixtures, out);
            assertTrue(line.contains(f), "<" + line + "> should contain <" + f + ">");
        }
        for (String trace : new String[] {"Exception", "\tat ", "Error:", "Caused by"}) {
            assertFalse(run.err().contains(trace) || run.out().contains(trace), "a trace: " + run.err());
        }
        assertFalse(run.out().contains("Epoch "), "no epoch ran: " + run.out());
        assertEquals(List.of(""), listing(caseDir), "nothing written in " + caseDir);
        assertEquals(fixtureListing, listing(fixtures), "the fixtures are unchanged");
        if (peak > 0) {
            assertTrue(peak - before <= PEAK_MB * 1024, "peak resident memory grew by " + (peak - before) / 1024 + " MB");
        }
    }
}
