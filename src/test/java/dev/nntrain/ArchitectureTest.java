package dev.nntrain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Data flows one way through the packages: data → model → train → (plot, cli), with the engine
 * helpers below everything, the gradient checker beside training and the lessons and command
 * line on top. This test reads every main source file's code (comments stripped) and fails on a
 * reference that goes the wrong way, naming the file and the package it reached for.
 */
class ArchitectureTest {

    private static final Path SOURCES = Path.of("src/main/java/dev/nntrain");

    /** What each top-level package may use besides itself and the root package. */
    private static final Map<String, Set<String>> ALLOWED = Map.of(
            "engine", Set.of(),
            "data", Set.of("engine"),
            "model", Set.of("engine"),
            "train", Set.of("engine", "data", "model"),
            "plot", Set.of("engine", "data", "model", "train"),
            "backprop", Set.of("engine", "model", "train"),
            "lessons", Set.of("engine", "data", "model", "train", "plot", "backprop"),
            "cli", Set.of("engine", "data", "model", "train", "plot", "backprop", "lessons"));

    /** A package under dev.nntrain; the root package's classes (InvalidInputException) start upper-case. */
    private static final Pattern REFERENCE = Pattern.compile("\\bdev\\.nntrain\\.([a-z]+)\\b");
    /** Comments, string literals and char literals, found left to right so that none hides in another. */
    private static final Pattern NOT_CODE = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\\\n])'", Pattern.DOTALL);

    @Test
    void referencesFollowTheDataFlow() throws IOException {
        List<String> wrongWay = new ArrayList<>();
        Set<String> packagesSeen = new TreeSet<>();
        for (Path file : sources()) {
            String from = topPackage(file);
            packagesSeen.add(from);
            for (String to : references(file)) {
                boolean ok = to.equals(from) || ALLOWED.getOrDefault(from, Set.of()).contains(to);
                if (!ok) {
                    wrongWay.add(SOURCES.relativize(file) + " uses dev.nntrain." + to);
                }
            }
        }
        assertEquals(List.of(), wrongWay);
        // every package is in the table, so a new one has to be placed in the flow deliberately
        packagesSeen.remove("");
        assertEquals(new TreeSet<>(ALLOWED.keySet()), packagesSeen);
    }

    /** Inside {@code model}, what each sub-package may use besides itself and model's own classes. */
    private static final Map<String, Set<String>> MODEL_ALLOWED = Map.of(
            "layer", Set.of(),
            "weights", Set.of("layer"),
            "file", Set.of("layer"));
    /**
     * The classes of {@code model} itself that reach into a sub-package: {@code Sequential}'s
     * save, load and weights are the files' and weights' front door, and a dense kernel's row
     * order after a flatten is a question about {@code Dense}. Any other use is a layering slip.
     */
    private static final Map<String, Set<String>> MODEL_FRONT_DOORS = Map.of(
            "Sequential.java", Set.of("file", "weights"),
            "FlattenedRows.java", Set.of("layer"));
    /** Inside {@code data}: the CSV reader and the MNIST loader know nothing of each other. */
    private static final Map<String, Set<String>> DATA_ALLOWED = Map.of(
            "csv", Set.of(),
            "mnist", Set.of());
    /** {@code Datasets} chooses between the readers by name; examples carry a CSV's columns. */
    private static final Map<String, Set<String>> DATA_FRONT_DOORS = Map.of(
            "Datasets.java", Set.of("csv", "mnist"),
            "Examples.java", Set.of("csv"));

    /**
     * Inside {@code train}, split as DJL's {@code training} is: the losses and optimisers know
     * nothing else of training, the metrics only the losses, the callbacks what a fit hands them,
     * and the tuning (thread count, device, the learning-rate range test) drives fits from above.
     */
    private static final Map<String, Set<String>> TRAIN_ALLOWED = Map.of(
            "loss", Set.of(),
            "optimizer", Set.of(),
            "metric", Set.of("loss"),
            "callback", Set.of("loss", "optimizer"),
            "tune", Set.of("callback", "loss", "optimizer", "metric"));
    /** The training core (CompiledModel, the loop) uses every sub-package but the tuning above it. */
    private static final Set<String> TRAIN_CORE_USES = Set.of("loss", "optimizer", "metric", "callback");
    /** The sub-packages below the training core: they reach none of its classes. */
    private static final Set<String> BELOW_TRAIN_CORE = Set.of("loss", "optimizer", "metric");

    /**
     * The model package's sub-packages depend one way: the layers on the model's contracts only,
     * the Keras-layout weights and the files on the layers; the model's own classes reach into them
     * only through their front doors.
     */
    @Test
    void modelSubPackagesLayerOneWay() throws IOException {
        assertEquals(List.of(), subPackageSlips("model", MODEL_ALLOWED, MODEL_FRONT_DOORS));
    }

    /** The data package's readers sit apart, below the data sets that choose between them. */
    @Test
    void dataSubPackagesLayerOneWay() throws IOException {
        assertEquals(List.of(), subPackageSlips("data", DATA_ALLOWED, DATA_FRONT_DOORS));
    }

    /** The training package's sub-packages: tuning on top, the core, then metrics, losses and optimisers. */
    @Test
    void trainSubPackagesLayerOneWay() throws IOException {
        Map<String, Set<String>> everyCoreFile = new java.util.HashMap<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve("train"))) {
            files.filter(f -> f.toString().endsWith(".java"))
                    .forEach(f -> everyCoreFile.put(f.getFileName().toString(), TRAIN_CORE_USES));
        }
        assertEquals(List.of(), subPackageSlips("train", TRAIN_ALLOWED, everyCoreFile));
        // a class of the core itself is dev.nntrain.train.Name, upper-case after the dot
        Pattern core = Pattern.compile("\\bdev\\.nntrain\\.train\\.[A-Z]\\w*");
        List<String> reachUp = new ArrayList<>();
        for (String below : BELOW_TRAIN_CORE) {
            try (Stream<Path> files = Files.list(SOURCES.resolve("train").resolve(below))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                    Matcher m = core.matcher(code(file));
                    while (m.find()) {
                        reachUp.add("train/" + below + "/" + file.getFileName() + " uses " + m.group());
                    }
                }
            }
        }
        assertEquals(List.of(), reachUp);
    }

    /**
     * The references inside one top-level package that its sub-package table does not allow; also
     * fails when a sub-package is missing from the table, so that a new one is placed deliberately.
     */
    private static List<String> subPackageSlips(String top, Map<String, Set<String>> allowedUses,
            Map<String, Set<String>> frontDoors) throws IOException {
        Path root = SOURCES.resolve(top);
        Pattern reference = Pattern.compile("\\bdev\\.nntrain\\." + top + "\\.([a-z]+)\\b");
        List<String> wrongWay = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (Path file : sources()) {
            if (!file.startsWith(root)) {
                continue;
            }
            Path relative = root.relativize(file);
            String from = relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
            seen.add(from);
            Set<String> allowed = from.isEmpty()
                    ? frontDoors.getOrDefault(file.getFileName().toString(), Set.of())
                    : allowedUses.getOrDefault(from, Set.of());
            Matcher m = reference.matcher(code(file));
            while (m.find()) {
                String to = m.group(1);
                if (!to.equals(from) && !allowed.contains(to)) {
                    wrongWay.add(top + "/" + relative + " uses dev.nntrain." + top + "." + to);
                }
            }
        }
        seen.remove("");
        assertEquals(new TreeSet<>(allowedUses.keySet()), seen, top + "'s sub-packages");
        return wrongWay;
    }

    /** The hand-rolled engine is plain Java: only its checker talks to DJL and the rest of nntrain. */
    @Test
    void theHandRolledEngineIsPlainJava() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.list(SOURCES.resolve("backprop"))) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String code = code(file);
                for (String to : references(file)) {
                    if (!to.equals("backprop")) {
                        found.add(file.getFileName() + " uses dev.nntrain." + to);
                    }
                }
                if (code.contains("ai.djl")) {
                    found.add(file.getFileName() + " uses DJL");
                }
            }
        }
        assertEquals(List.of(), found);
    }

    /** The oracle of the tests above: a reference planted in a comment or a string does not count. */
    @Test
    void commentsAndStringsAreNotReferences() {
        String code = strip("""
                import dev.nntrain.model.layer.Dense; // see dev.nntrain.cli
                /* dev.nntrain.lessons */ String s = "dev.nntrain.plot // dev.nntrain.data";
                char q = '"'; String t = "x"; dev.nntrain.train.Loss.parse(t); // "dev.nntrain.cli
                """);
        Matcher m = REFERENCE.matcher(code);
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group(1));
        }
        assertEquals(List.of("model", "train"), found);
    }

    private static List<Path> sources() throws IOException {
        assertTrue(Files.isDirectory(SOURCES), "run from the project root: " + SOURCES.toAbsolutePath());
        try (Stream<Path> files = Files.walk(SOURCES)) {
            return files.filter(f -> f.toString().endsWith(".java")).sorted().toList();
        }
    }

    /** The first folder under dev/nntrain, or "" for the root package. */
    private static String topPackage(Path file) {
        Path relative = SOURCES.relativize(file);
        return relative.getNameCount() == 1 ? "" : relative.getName(0).toString();
    }

    private static Set<String> references(Path file) throws IOException {
        Set<String> packages = new TreeSet<>();
        Matcher m = REFERENCE.matcher(code(file));
        while (m.find()) {
            packages.add(m.group(1));
        }
        return packages;
    }

    private static String code(Path file) throws IOException {
        return strip(Files.readString(file));
    }

    private static String strip(String source) {
        return NOT_CODE.matcher(source).replaceAll(m -> m.group().startsWith("/") ? " " : "\"\"");
    }
}
