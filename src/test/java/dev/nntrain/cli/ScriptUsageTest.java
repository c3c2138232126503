package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.Map;

/**
 * The other scripts the README and bench/README.md name (scripts/images.sh, scripts/hostile.sh,
 * bench/run.sh, bench/ab.sh): {@code --help} prints their usage and does nothing else, and an
 * argument they do not take is one line with exit status 2 before anything runs. Without this,
 * {@code --help} redrew the README's pictures, started the benchmark, was taken for a
 * revision, or for a category of bad inputs that has no case, which then "passed" 0/0.
 */
class ScriptUsageTest {

    private static ScriptRun run(String script, String... args) throws Exception {
        return ScriptRun.of(Map.of(), script, args);
    }

    private static void assertUsage(String script, String fragment) throws Exception {
        ScriptRun r = run(script, "--help");
        assertEquals(0, r.status(), r.out() + r.err());
        assertTrue(r.out().contains(fragment), script + " --help should print its usage: " + r.out() + r.err());
        assertTrue(!r.out().contains("Epoch ") && r.err().isEmpty(), script + " --help should run nothing: " + r.out() + r.err());
    }

    @Test
    void helpPrintsTheUsageAndRunsNothing() throws Exception {
        assertUsage("scripts/images.sh", "Regenerates the README's pictures in docs/images");
        assertUsage("scripts/hostile.sh", "scripts/hostile.sh csv model       # only these categories");
        assertUsage("bench/run.sh", "ROUNDS=3 MODELS=course bench/run.sh");
        assertUsage("bench/ab.sh", "bench/ab.sh 6c1c762");
    }

    @Test
    void argumentsTheScriptsDoNotTakeAreRefused() throws Exception {
        run("scripts/images.sh", "--plots").assertRefused("'--plots'");
        run("bench/run.sh", "course").assertRefused("'course'", "MODELS");
        run("bench/ab.sh").assertRefused("name the revision");
        run("bench/ab.sh", "--rounds").assertRefused("'--rounds'");
        run("bench/ab.sh", "no-such-revision").assertRefused("'no-such-revision' is not a revision");
    }

    @Test
    void hostileSuiteRefusesACategoryWithoutCases() throws Exception {
        // the categories are the first column of cases.txt; 'csv' is one, 'cvs' a typo
        run("scripts/hostile.sh", "csv", "cvs").assertRefused("unknown category 'cvs'", " csv ", " numbers ");
    }
}
