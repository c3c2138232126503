package dev.nntrain.notebooks;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The runnable jar the notebooks load, {@code target/nntrain.jar}. {@code mvn test} runs before
 * {@code package}, so a developer's first {@code mvn test} has no jar: the tests that need it are
 * then skipped with the command that builds it. CI builds the jar first, and there a missing jar
 * fails.
 */
final class RunnableJar {

    /** The notebooks' folder, their kernel's working directory; Surefire runs in the project's root. */
    static final Path FOLDER = Path.of("notebooks");

    /** The jar, as the notebooks' first cell names it from their folder. */
    static final Path JAR = FOLDER.resolve("../target/nntrain.jar").normalize();

    private RunnableJar() {}

    /** Skips the calling test without the jar, or fails when running in CI. */
    static void require() {
        String message = JAR + " is missing: build it with 'mvn -q package -DskipTests', then run the notebook tests";
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(Files.isRegularFile(JAR), message);
        } else {
            assumeTrue(Files.isRegularFile(JAR), message);
        }
    }
}
