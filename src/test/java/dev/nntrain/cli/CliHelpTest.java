package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.train.optimizer.Optimizer;

import org.junit.jupiter.api.Test;

import java.util.List;

/** What {@code --help} says an option takes is what the option accepts. */
class CliHelpTest {

    /** The optimisers the README lists for {@code train --optimizer}. */
    private static final List<String> OPTIMIZERS = List.of("adam", "rmsprop", "sgd", "gd");

    @Test
    void trainHelpNamesEveryOptimizerTheOptionAccepts() {
        CliRun help = CliRun.of("train", "--help");
        assertEquals(0, help.status(), help.err());
        String line = help.out().lines().filter(l -> l.contains("--optimizer=NAME") && !l.contains("[--optimizer"))
                .findFirst().orElseThrow(() -> new AssertionError("no --optimizer line in: " + help.out()));
        // the description may wrap: read up to the next option
        String rest = help.out().substring(help.out().indexOf(line));
        int next = rest.indexOf("\n      --", 1);
        String description = (next < 0 ? rest : rest.substring(0, next)).replaceAll("\\s+", " ");
        for (String name : OPTIMIZERS) {
            assertNotNull(Optimizer.parse(name, 0.01), name + " is accepted");
            assertTrue(description.matches(".*\\b" + name + "\\b.*"), "--optimizer's help should name " + name + ": " + description);
        }
    }
}
