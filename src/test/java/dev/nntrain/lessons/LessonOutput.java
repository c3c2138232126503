package dev.nntrain.lessons;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/** Captures what a lesson's {@code run} prints and checks it for expected lines. */
final class LessonOutput {

    private LessonOutput() {}

    /** Runs a lesson into a string. */
    static String capture(Consumer<PrintStream> lesson) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        lesson.accept(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Fails naming the first fragment that the text lacks. */
    static void assertContains(String text, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(text.contains(fragment), "missing \"" + fragment + "\" in:\n" + text);
        }
    }
}
