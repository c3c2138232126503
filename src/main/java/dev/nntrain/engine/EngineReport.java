package dev.nntrain.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.pytorch.jni.LibUtils;
import ai.djl.util.cuda.CudaUtils;

import java.io.IOException;
import java.io.Reader;
import java.lang.management.MemoryUsage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Which engine nntrain runs on, for {@code nntrain doctor} and bug reports: the native library's
 * version and folder, the flavour, the CPU threads, each GPU, and which torch a folder built by
 * scripts/build-djl-jni.sh links.
 *
 * @param engine the DJL engine's name
 * @param version the native library's version as DJL reports it ({@code PYTORCH_VERSION} where set)
 * @param libraryDir the folder of the native library
 * @param flavor the native flavour ({@code PYTORCH_FLAVOR}), or how DJL chooses it
 * @param threads the intra-op thread count
 * @param gpus one line per visible GPU: number, name, compute capability, memory
 * @param linkedTorch the torch a folder built by scripts/build-djl-jni.sh holds, or {@code null}
 */
public record EngineReport(String engine, String version, String libraryDir, String flavor, int threads,
        List<String> gpus, String linkedTorch) {

    /** The stamp scripts/build-djl-jni.sh leaves beside the JNI library it built. */
    static final String LINKED_TORCH_FILE = "nntrain-libtorch.properties";

    /**
     * Copies the list, so that the record stays a value.
     *
     * @param engine the DJL engine's name
     * @param version the native library's version
     * @param libraryDir the folder of the native library
     * @param flavor the native flavour
     * @param threads the intra-op thread count
     * @param gpus one line per visible GPU (copied)
     * @param linkedTorch the torch a folder built by scripts/build-djl-jni.sh holds, or {@code null}
     */
    public EngineReport {
        gpus = List.copyOf(gpus);
    }

    /**
     * Describes the engine of this process, loading it if need be.
     *
     * @return the report
     */
    public static EngineReport current() {
        Engine engine = Engine.getInstance();
        String flavor = System.getenv("PYTORCH_FLAVOR");
        if (flavor == null || flavor.isEmpty()) {
            flavor = System.getProperty("PYTORCH_FLAVOR");
        }
        List<String> gpus = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            MemoryUsage memory = CudaUtils.getGpuMemory(Device.gpu(i));
            gpus.add(String.format(Locale.ROOT, "gpu(%d): %s, compute capability %s, %.1f GiB", i, CudaDeviceNames.of(i),
                    computeCapability(CudaUtils.getComputeCapability(i)), memory.getMax() / (double) (1L << 30)));
        }
        String libraryDir = LibUtils.getLibtorchPath();
        return new EngineReport(
                engine.getEngineName(),
                LibUtils.getVersion(),
                libraryDir,
                loadedFlavour(libraryDir, flavor),
                Engines.threads(),
                gpus,
                linkedTorch(Path.of(libraryDir)));
    }

    /**
     * The flavour of the native library that loaded, as DJL names its cache folders ({@code
     * 2.7.1-20250812-cpu-linux-x86_64} is {@code cpu}), and what {@code PYTORCH_FLAVOR} asked for
     * where that differs: DJL falls back to the CPU library it has rather than fail.
     *
     * @param libraryDir the folder the library loaded from
     * @param requested {@code PYTORCH_FLAVOR}, or null or empty
     * @return e.g. {@code cpu}, {@code cpu (PYTORCH_FLAVOR asked for cu128)}; for a folder of
     *     one's own the flavour scripts/build-djl-jni.sh stamped on it, else the requested one
     */
    static String loadedFlavour(String libraryDir, String requested) {
        boolean asked = requested != null && !requested.isEmpty();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[0-9][0-9.]*-[0-9]+-([a-z0-9]+)-")
                .matcher(Path.of(libraryDir).getFileName() == null ? "" : Path.of(libraryDir).getFileName().toString());
        if (!m.find()) { // a folder of one's own (PYTORCH_LIBRARY_PATH): its build says, not its name
            String built = builtFlavour(Path.of(libraryDir));
            if (built != null) { // stamped by scripts/build-djl-jni.sh: what the folder holds, whatever was asked
                return !asked || built.equals(requested) ? built
                        : built + " (the folder's build; PYTORCH_FLAVOR=" + requested + " does not change it)";
            }
            return asked ? requested + " (PYTORCH_FLAVOR; the folder is not one of DJL's)" : "that of the folder's build";
        }
        String loaded = m.group(1);
        return !asked || loaded.equals(requested) ? loaded
                : loaded + " (PYTORCH_FLAVOR asked for " + requested + ", which DJL did not load)";
    }

    /**
     * Says when {@code PYTORCH_LIBRARY_PATH} names a folder the library did not load from: DJL
     * passes over a folder without {@code libtorch.so} and loads its own, and a mistyped path would
     * otherwise go unnoticed.
     *
     * @param setting {@code PYTORCH_LIBRARY_PATH}, or null or empty
     * @param libraryDir the folder the library loaded from
     * @return one line saying so, or null when the setting is unset or was used
     */
    public static String ignoredLibraryPath(String setting, String libraryDir) {
        if (setting == null || setting.isEmpty()) {
            return null;
        }
        Path wanted = Path.of(setting).toAbsolutePath().normalize();
        Path loaded = Path.of(libraryDir).toAbsolutePath().normalize();
        if (loaded.startsWith(wanted)) {
            return null;
        }
        return "PYTORCH_LIBRARY_PATH=" + setting + " was not used (" + (java.nio.file.Files.isRegularFile(
                wanted.resolve("libtorch.so")) ? "DJL did not load its libtorch.so" : "it holds no libtorch.so")
                + "): DJL loaded " + libraryDir + " instead";
    }

    /**
     * A compute capability as NVIDIA writes it: DJL gives major and minor run together ("90" for
     * an H100 or H200, "75" for a T4); the minor is always one digit.
     *
     * @param djl DJL's digits
     * @return "9.0", "7.5"; DJL's text unchanged when it is not two or more digits
     */
    static String computeCapability(String djl) {
        return djl != null && djl.matches("[0-9]{2,}") ? djl.substring(0, djl.length() - 1) + "." + djl.substring(djl.length() - 1) : djl;
    }

    /**
     * Which torch a folder prepared by scripts/build-djl-jni.sh holds. DJL cannot tell: with
     * {@code PYTORCH_LIBRARY_PATH} it reports {@code PYTORCH_VERSION}, the JNI's API version, not
     * the version of the libraries it loaded.
     *
     * @param libraryDir the native library's folder
     * @return "torch VERSION (FLAVOR), JNI built by ..." or {@code null} for any other folder
     */
    /** The flavour scripts/build-djl-jni.sh stamped on a folder it built, or null. */
    private static String builtFlavour(Path libraryDir) {
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(libraryDir.resolve(LINKED_TORCH_FILE))) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return null; // no stamp, or one linkedTorch reports as unreadable
        }
        String flavour = p.getProperty("flavor");
        return flavour == null || flavour.isBlank() ? null : flavour.trim();
    }

    static String linkedTorch(Path libraryDir) {
        Path stamp = libraryDir.resolve(LINKED_TORCH_FILE);
        if (!Files.isRegularFile(stamp)) {
            return null;
        }
        Properties p = new Properties();
        try (Reader in = Files.newBufferedReader(stamp)) {
            p.load(in);
        } catch (IOException | IllegalArgumentException e) {
            return "unreadable " + stamp + " (" + e.getMessage() + ")";
        }
        return String.format(Locale.ROOT, "torch %s (%s) from %s, JNI built by %s",
                p.getProperty("torch_version", "of unknown version"), p.getProperty("flavor", "unknown flavour"),
                p.getProperty("torch_lib", "an unknown folder"), p.getProperty("built_by", "an unknown script"));
    }
}
