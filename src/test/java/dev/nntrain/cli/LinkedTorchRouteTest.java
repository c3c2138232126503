package dev.nntrain.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The "bring your own PyTorch" route on the CPU: nntrain trained on a torch that
 * scripts/build-djl-jni.sh built DJL's JNI against, compared with the same training on the
 * libtorch 2.7.1 DJL ships. Two builds of PyTorch are two implementations of the same maths, so
 * the losses of each epoch must agree to the printed digits' rounding and float drift.
 *
 * <p>Opt-in (tag {@code linked-torch}): it needs a folder the script built, named by {@code
 * NNTRAIN_LINKED_TORCH}; skipped without one, as in CI, which has neither DJL's C++ sources nor a
 * compiler toolchain. On Debian: {@code apt-get install python3-torch libtorch-dev cmake g++},
 * {@code scripts/build-djl-jni.sh --python /usr/bin/python3 --djl-source DIR --out /tmp/jni}, then
 * {@code NNTRAIN_LINKED_TORCH=/tmp/jni/libtorch mvn test -Dtest=LinkedTorchRouteTest}.
 */
@Tag("linked-torch")
class LinkedTorchRouteTest {

    private static final Pattern EPOCH = Pattern.compile("Epoch (\\d+)/\\d+ - loss: ([0-9.]+)");

    private record Run(String out, List<Double> losses) {}

    private static Run train(Path dir, String libtorch) throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (libtorch == null || !entry.contains("pytorch-native-cpu")) {
                classPath.add(entry); // the linked torch replaces DJL's CPU natives, as with mvn -Pgpu
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
                Nntrain.class.getName(), "train", "--epochs", "4", "--threads", "1", "--quiet",
                "--output", dir.resolve("model").toString());
        Map<String, String> env = pb.environment();
        env.keySet().removeIf(k -> k.startsWith("PYTORCH_"));
        if (libtorch != null) {
            env.putAll(Map.of("PYTORCH_LIBRARY_PATH", libtorch, "PYTORCH_VERSION", "2.7.1", "PYTORCH_FLAVOR", "cpu"));
        }
        Files.createDirectories(dir);
        Process child = pb.redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile()).start();
        assertTrue(child.waitFor(300, TimeUnit.SECONDS), "training finishes");
        String out = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        List<Double> losses = new ArrayList<>();
        Matcher m = EPOCH.matcher(out);
        while (m.find()) {
            losses.add(Double.parseDouble(m.group(2)));
        }
        return new Run(out, losses);
    }

    private static String doctor(String libtorch) throws Exception {
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (!entry.contains("pytorch-native-cpu")) {
                classPath.add(entry);
            }
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", String.join(File.pathSeparator, classPath),
                Nntrain.class.getName(), "doctor");
        Map<String, String> env = new HashMap<>(Map.of("PYTORCH_LIBRARY_PATH", libtorch, "PYTORCH_VERSION", "2.7.1",
                "PYTORCH_FLAVOR", "cpu"));
        pb.environment().putAll(env);
        Process child = pb.redirectErrorStream(true).start();
        String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, child.waitFor(), out);
        return out;
    }

    @Test
    void trainsOnTheLinkedTorchAsOnDjlsOwn(@TempDir Path tmp) throws Exception {
        String libtorch = System.getenv("NNTRAIN_LINKED_TORCH");
        Assumptions.assumeTrue(libtorch != null && !libtorch.isEmpty(), "NNTRAIN_LINKED_TORCH names no folder");
        assertTrue(Files.isRegularFile(Path.of(libtorch, "libdjl_torch.so")), libtorch + " holds libdjl_torch.so");

        String report = doctor(libtorch);
        assertTrue(report.contains("native library: " + Path.of(libtorch).toAbsolutePath() + ": torch "), report);

        Run bundled = train(tmp.resolve("bundled"), null);
        Run linked = train(tmp.resolve("linked"), libtorch);
        assertEquals(4, bundled.losses().size(), bundled.out());
        assertEquals(4, linked.losses().size(), linked.out());
        for (int epoch = 0; epoch < 4; epoch++) {
            // printed to 4 decimals; a different BLAS sums in another order
            assertEquals(bundled.losses().get(epoch), linked.losses().get(epoch), 2e-3,
                    "epoch " + (epoch + 1) + "\n" + bundled.out() + "\n" + linked.out());
        }
    }
}
