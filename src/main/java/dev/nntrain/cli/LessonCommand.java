package dev.nntrain.cli;

import dev.nntrain.lessons.BackpropLesson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code nntrain lesson NAME}: runs one of the course's lessons and prints what it computes. */
@Command(name = "lesson", mixinStandardHelpOptions = true,
        description = {"Run one of the course's lessons.", "Lessons: backprop (COURSE.md sections 13-15)."})
final class LessonCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "NAME", description = "The lesson: backprop.")
    String name;

    @Override
    public Integer call() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream ps = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            switch (name) {
                case "backprop":
                    BackpropLesson.run(ps);
                    break;
                default:
                    throw new IllegalArgumentException("unknown lesson '" + name + "'; available: backprop");
            }
        }
        spec.commandLine().getOut().print(buffer.toString(StandardCharsets.UTF_8));
        spec.commandLine().getOut().flush();
        return 0;
    }
}
