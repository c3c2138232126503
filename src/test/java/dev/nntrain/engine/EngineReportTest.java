package dev.nntrain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code nntrain doctor} reports beyond DJL's own answers: the torch a folder prepared by
 * scripts/build-djl-jni.sh links, read from the stamp the script writes (the text below is what
 * it wrote for Debian's torch), and compute capabilities as NVIDIA writes them.
 */
class EngineReportTest {

    @Test
    void aFolderWithoutTheStampIsNotDescribed(@TempDir Path dir) {
        assertNull(EngineReport.linkedTorch(dir));
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
                + " JNI built by scripts/build-djl-jni.sh", EngineReport.linkedTorch(dir));
    }

    @Test
    void aStampWithMissingKeysSaysWhatIsUnknown(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("nntrain-libtorch.properties"), "flavor=cu130\n");
        String line = EngineReport.linkedTorch(dir);
        assertTrue(line.startsWith("torch of unknown version (cu130)"), line);
    }

    @Test
    void computeCapabilitiesAreWrittenAsNvidiaWritesThem() {
        assertEquals("9.0", EngineReport.computeCapability("90"));
        assertEquals("7.5", EngineReport.computeCapability("75"));
        assertEquals("10.0", EngineReport.computeCapability("100"));
        assertEquals("unknown", EngineReport.computeCapability("unknown"));
    }

    @Test
    void theFlavourIsTheLoadedLibrarysAndARequestItIgnoredIsNamed() {
        String cache = "/root/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64";
        org.junit.jupiter.api.Assertions.assertEquals("cpu", EngineReport.loadedFlavour(cache, null));
        org.junit.jupiter.api.Assertions.assertEquals("cpu", EngineReport.loadedFlavour(cache, "cpu"));
        org.junit.jupiter.api.Assertions.assertEquals("cpu (PYTORCH_FLAVOR asked for cu128, which DJL did not load)",
                EngineReport.loadedFlavour(cache, "cu128"));
        org.junit.jupiter.api.Assertions.assertEquals("cu128",
                EngineReport.loadedFlavour("/root/.djl.ai/pytorch/2.7.1-20250812-cu128-linux-x86_64", "cu128"));
        org.junit.jupiter.api.Assertions.assertEquals("cu130 (PYTORCH_FLAVOR; the folder is not one of DJL's)",
                EngineReport.loadedFlavour("/opt/torch/lib", "cu130"));
        org.junit.jupiter.api.Assertions.assertNull(EngineReport.ignoredLibraryPath(null, cache));
        org.junit.jupiter.api.Assertions.assertNull(EngineReport.ignoredLibraryPath("/opt/torch/lib", "/opt/torch/lib"));
        org.junit.jupiter.api.Assertions.assertEquals("PYTORCH_LIBRARY_PATH=/nowhere/lib was not used (it holds no"
                + " libtorch.so): DJL loaded " + cache + " instead", EngineReport.ignoredLibraryPath("/nowhere/lib", cache));
    }

    @Test
    void aFolderBuiltByTheScriptReportsTheFlavourItWasBuiltFor(@TempDir Path dir) throws Exception {
        // the stamp as scripts/build-djl-jni.sh writes it for Debian's CPU torch
        Files.writeString(dir.resolve("nntrain-libtorch.properties"),
                "torch_version=1.13.0a0\nflavor=cpu\ntorch_lib=/usr/lib/python3/dist-packages/torch/lib\n");
        assertEquals("cpu", EngineReport.loadedFlavour(dir.toString(), null));
        assertEquals("cpu", EngineReport.loadedFlavour(dir.toString(), "cpu"));
        assertEquals("cpu (the folder's build; PYTORCH_FLAVOR=cu128 does not change it)",
                EngineReport.loadedFlavour(dir.toString(), "cu128"));
    }
}
