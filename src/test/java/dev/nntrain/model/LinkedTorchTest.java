package dev.nntrain.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The torch version {@code nntrain doctor} reports for a folder prepared by
 * scripts/build-djl-jni.sh, read from the stamp the script writes (the text below is what the
 * script writes for Debian's torch).
 */
class LinkedTorchTest {

    @Test
    void aFolderWithoutTheStampIsNotDescribed(@TempDir Path dir) {
        assertNull(Engines.linkedTorch(dir));
    }

    @Test
    void theStampNamesTheTorchItsFlavourAndTheScript(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nntrain-libtorch.properties"), """
                torch_version=1.13.0a0
                flavor=cpu
                torch_lib=/usr/lib/python3/dist-packages/torch/lib
                built_by=scripts/build-djl-jni.sh
                """);
        assertEquals("torch 1.13.0a0 (cpu) from /usr/lib/python3/dist-packages/torch/lib,"
                + " JNI built by scripts/build-djl-jni.sh", Engines.linkedTorch(dir));
    }

    @Test
    void aStampWithMissingKeysSaysWhatIsUnknown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nntrain-libtorch.properties"), "flavor=cu130\n");
        String line = Engines.linkedTorch(dir);
        assertTrue(line.startsWith("torch of unknown version (cu130)"), line);
    }
}
