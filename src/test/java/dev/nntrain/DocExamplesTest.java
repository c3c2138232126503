package dev.nntrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.nntrain.backprop.GraphTable;
import dev.nntrain.backprop.Value;
import dev.nntrain.cli.Nntrain;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * The README's and the javadoc's examples, as written there, so that they cannot drift from the
 * code: every Java example compiles (the README's short example also runs), every command line
 * the README shows parses, and what the README lists of the command line's options is what
 * {@code --help} has.
 */
class DocExamplesTest {

    private static final Path README = Path.of("README.md");

    /**
     * What a fragment uses without declaring it, per example (the README's Java blocks in order,
     * then each javadoc example by file and number). A new example needs an entry here.
     */
    private static final Map<String, String> CONTEXT = new LinkedHashMap<>();

    static {
        CONTEXT.put("README.md#1", "");
        CONTEXT.put("README.md#2", "");
        CONTEXT.put("README.md#3", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train");
        CONTEXT.put("README.md#4", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train");
        CONTEXT.put("README.md#5", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train");
        CONTEXT.put("README.md#6", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train");
        CONTEXT.put("README.md#7", "");
        CONTEXT.put("README.md#8", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train,"
                + " dev.nntrain.train.FitOptions options, int[] labels, int[] predicted");
        CONTEXT.put("Activations.java#2", "dev.nntrain.train.CompiledModel net, float[][] x");
        CONTEXT.put("CompiledModel.java#1", "dev.nntrain.data.Examples train, dev.nntrain.data.Examples test");
        CONTEXT.put("Csv.java#1", "");
        CONTEXT.put("DigitGridChart.java#1", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples test");
        CONTEXT.put("FitOptions.java#1", "");
        CONTEXT.put("FixedKernel.java#1", "");
        CONTEXT.put("LearningRateFinder.java#1", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples train");
        CONTEXT.put("LearningRateScheduler.java#1", "");
        CONTEXT.put("GradientCheck.java#1", "dev.nntrain.model.Sequential model, double[][] x, float[] targets");
        CONTEXT.put("LoadOptions.java#1", "java.nio.file.Path dir");
        CONTEXT.put("Mlp.java#1", "double[] w1, double[] b1, double[] w2, double[] b2, double[] x, double[] y");
        CONTEXT.put("MnistSource.java#1", "");
        CONTEXT.put("Mistakes.java#1", "dev.nntrain.train.CompiledModel net, dev.nntrain.data.Examples test");
        CONTEXT.put("ReduceLROnPlateau.java#1", "");
        CONTEXT.put("TrainingCheckpoint.java#1", "java.nio.file.Path dir");
        CONTEXT.put("Value.java#1", "");
    }

    /** Examples that are not Java: the course's Python, shown beside its Java translation. */
    private static final Set<String> NOT_JAVA = Set.of("Activations.java#1");

    /** The imports a fragment without its own gets: the library's packages and the JDK types the examples use. */
    private static final String IMPORTS = Stream.of("dev.nntrain.data.*", "dev.nntrain.data.csv.*", "dev.nntrain.data.mnist.*", "dev.nntrain.model.*", "dev.nntrain.model.layer.*", "dev.nntrain.model.weights.*",
                    "dev.nntrain.model.file.*", "dev.nntrain.train.*",
                    "dev.nntrain.train.loss.*", "dev.nntrain.train.optimizer.*", "dev.nntrain.train.callback.*",
                    "dev.nntrain.train.metric.*", "dev.nntrain.train.tune.*",
                    "dev.nntrain.plot.*", "dev.nntrain.backprop.*", "dev.nntrain.backprop.check.*",
                    "dev.nntrain.lessons.*", "ai.djl.Device", "java.awt.image.BufferedImage", "java.nio.file.Path",
                    "java.util.List", "java.util.Map")
            .map(i -> "import " + i + ";\n").collect(Collectors.joining());

    private record Example(String name, String code) {}

    private static List<String> fencedBlocks(String markdown, String language) {
        List<String> blocks = new ArrayList<>();
        Matcher m = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```").matcher(markdown);
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        List<String> readme = fencedBlocks(Files.readString(README), "java");
        for (int i = 0; i < readme.size(); i++) {
            examples.add(new Example("README.md#" + (i + 1), readme.get(i)));
        }
        List<Path> sources;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            sources = files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
        Pattern pre = Pattern.compile("(?s)<pre>\\{@code\\s*\\n(.*?)\\n\\s*\\*\\s*}</pre>");
        for (Path source : sources) {
            Matcher m = pre.matcher(Files.readString(source));
            for (int n = 1; m.find(); n++) {
                String code = m.group(1).lines().map(l -> l.replaceFirst("^\\s*\\* ?", ""))
                        .collect(Collectors.joining("\n"));
                examples.add(new Example(source.getFileName() + "#" + n, code));
            }
        }
        return examples;
    }

    /** The example as a class {@code snippets.S<i>} whose static method {@code run} holds its statements. */
    private static String asClass(Example example, int index) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : example.code().split("\n")) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        String statements = body.toString().strip();
        if (!statements.endsWith(";") && !statements.endsWith("}")) {
            statements += ";"; // an expression shown on its own, such as a builder chain
        }
        return "package snippets;\n" + (imports.isEmpty() ? IMPORTS : imports) + "public class S" + index + " {\n"
                + "public static void run(" + CONTEXT.get(example.name()) + ") throws Exception {\n" + statements
                + "\n}\n}\n";
    }

    @Test
    void everyJavaExampleCompiles(@TempDir Path tmp) throws Exception {
        List<Example> examples = examples().stream().filter(e -> !NOT_JAVA.contains(e.name())).toList();
        Set<String> found = examples.stream().map(Example::name).collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(CONTEXT.keySet()), found,
                "the examples found in README.md and the javadoc (a new one needs its context in CONTEXT)");
        Path out = compile(examples, tmp);
        // the README's short example runs as written: the course model on the embedded digits
        String printed = runMain(out, 0);
        assertTrue(printed.startsWith("Epoch 1/40 - loss: "), printed);
        assertTrue(printed.contains("Epoch 40/40 - loss: "), printed);
        // 784 x 25 + 25, 25 x 15 + 15, 15 x 10 + 10
        assertTrue(printed.contains("Total params: 20,175"), printed);
        Matcher accuracy = Pattern.compile("accuracy: ([0-9.]+) \\(2,000 examples\\)").matcher(printed);
        assertTrue(accuracy.find(), printed);
        // the course's plain recipe on 2,000 held-out digits: about 0.92 (README, 'Results')
        assertTrue(Double.parseDouble(accuracy.group(1)) > 0.88, printed);
    }

    private static Path compile(List<Example> examples, Path tmp) throws IOException {
        Path src = Files.createDirectories(tmp.resolve("src/snippets"));
        Path out = Files.createDirectories(tmp.resolve("classes"));
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < examples.size(); i++) {
            files.add(Files.writeString(src.resolve("S" + i + ".java"), asClass(examples.get(i), i)));
        }
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager fm = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8)) {
            List<String> options = List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-proc:none", "-Xlint:none");
            boolean ok = javac.getTask(null, fm, diagnostics, options, null, fm.getJavaFileObjectsFromPaths(files)).call();
            if (!ok) {
                StringBuilder report = new StringBuilder("examples that do not compile:");
                diagnostics.getDiagnostics().forEach(d -> {
                    String file = String.valueOf(d.getSource() == null ? "" : d.getSource().getName());
                    Matcher m = Pattern.compile("S(\\d+)\\.java").matcher(file);
                    String name = m.find() ? examples.get(Integer.parseInt(m.group(1))).name() : file;
                    report.append("\n  ").append(name).append(": ").append(d.getMessage(null));
                });
                throw new AssertionError(report);
            }
        }
        return out;
    }

    private static String runMain(Path classes, int index) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()},
                DocExamplesTest.class.getClassLoader())) {
            Method run = loader.loadClass("snippets.S" + index).getMethod("run");
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            run.invoke(null);
        } finally {
            System.setOut(original);
        }
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    void graphTablesExampleIsWhatItPrints() throws IOException {
        // Value's example: c = w x at w = 2, x = -2, so dc/dw = x = -2 and dc/dx = w = 2
        Value w = new Value(2, "w");
        Value x = new Value(-2, "x");
        Value c = w.mul(x).label("c");
        c.backward();
        assertEquals(-2, w.grad());
        assertEquals(2, x.grad());
        Matcher doc = Pattern.compile("(?s)<pre>\\n(.*?)\\n \\* </pre>")
                .matcher(Files.readString(Path.of("src/main/java/dev/nntrain/backprop/GraphTable.java")));
        assertTrue(doc.find());
        String documented = doc.group(1).lines().map(l -> l.replaceFirst("^ \\* ", "")).collect(Collectors.joining("\n"));
        assertEquals(documented + "\n", GraphTable.render(c).replace(System.lineSeparator(), "\n"));
    }

    /** Every command line the README shows, in its shell blocks and in its text. */
    private static List<String> readmeCommands() throws IOException {
        String readme = Files.readString(README);
        List<String> commands = new ArrayList<>();
        for (String block : fencedBlocks(readme, "bash")) {
            for (String line : block.split("\n")) {
                int at = line.indexOf("java -jar target/nntrain.jar");
                if (at >= 0) {
                    // a comment, and a redirection of the output, are the shell's, not the command's
                    commands.add(line.substring(at + "java -jar target/nntrain.jar".length()).replaceFirst("\\s+#.*", "")
                            .replaceFirst("\\s+>\\s*\\S+$", ""));
                }
            }
        }
        // in the text: `nntrain ...`, `java -jar target/nntrain.jar ...` and, in the results table, `... train ...`
        Matcher m = Pattern.compile("`(nntrain|java -jar target/nntrain\\.jar|\\.\\.\\.) ((?:train|evaluate|predict|lesson"
                + "|gradcheck|doctor|--version)[^`]*)`").matcher(readme);
        while (m.find()) {
            // the results table's placeholders: a seed, and the CNN's layers of the row above
            commands.add(m.group(2).replace("--seed N", "--seed 43").replace("(as above)", "conv2d:16:3,maxpool:2"));
        }
        return commands;
    }

    @Test
    void everyCommandLineTheReadmeShowsParses() throws IOException {
        List<String> commands = readmeCommands();
        assertTrue(commands.size() > 20, commands.toString());
        for (String command : commands) {
            String[] args = command.strip().split("\\s+");
            try {
                new CommandLine(new Nntrain()).parseArgs(args);
            } catch (CommandLine.ParameterException e) {
                throw new AssertionError("README: nntrain " + command.strip() + ": " + e.getMessage(), e);
            }
        }
    }

    @Test
    void theReadmeListsEveryTrainOption() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf("Its options: ");
        int to = readme.indexOf("(below).", from);
        assertTrue(from > 0 && to > from, "the README's list of train's options");
        Set<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`(--[a-z][a-z0-9-]*)").matcher(readme.substring(from, to));
        while (m.find()) {
            listed.add(m.group(1));
        }
        Set<String> options = new TreeSet<>();
        new CommandLine(new Nntrain()).getSubcommands().get("train").getCommandSpec().options()
                .forEach(o -> options.add(o.longestName()));
        // the options every command has
        options.removeAll(Set.of("--help", "--version", "--verbose"));
        assertEquals(options, listed);
    }

    @Test
    void theReadmesLessonsAreTheCommandsLessons() throws IOException {
        String readme = Files.readString(README);
        int from = readme.indexOf("`nntrain lesson NAME` runs one lesson per group of course sections:");
        String sentence = readme.substring(from, readme.indexOf(". ", from));
        Matcher m = Pattern.compile("`([a-z-]+)` \\(([0-9-]+)\\)").matcher(sentence);
        StringWriter out = new StringWriter();
        assertEquals(0, Nntrain.run(new String[] {"lesson", "--help"}, new PrintWriter(out), new PrintWriter(new StringWriter())));
        List<String> documented = new ArrayList<>();
        while (m.find()) {
            documented.add(m.group(1) + " (" + m.group(2) + ")");
        }
        List<String> helped = new ArrayList<>();
        Matcher h = Pattern.compile("(?m)^  ([a-z-]+) +.*\\(([0-9-]+)\\)$").matcher(out.toString());
        while (h.find()) {
            helped.add(h.group(1) + " (" + h.group(2) + ")");
        }
        assertEquals(8, helped.size(), out.toString());
        assertEquals(helped, documented);
    }

    @Test
    void theSeparateProjectHasTheLinesTheReadmeCounts() throws IOException {
        Matcher m = Pattern.compile("trains a model in (\\d+) lines").matcher(Files.readString(README));
        assertTrue(m.find());
        long lines = Files.readAllLines(Path.of("src/it/hello-nntrain/src/main/java/hello/Hello.java")).size();
        assertEquals(Long.parseLong(m.group(1)), lines);
    }
}
