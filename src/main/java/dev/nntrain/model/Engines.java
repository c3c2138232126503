package dev.nntrain.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;

/**
 * Engine-wide settings (the number of CPU threads, the device) and the only place where nntrain
 * calls the PyTorch engine directly instead of DJL's engine-neutral API: per-thread grad mode and
 * thread count, the engine's sigmoid, row gathers, gradient handles and the random seed. Porting
 * nntrain to another DJL engine means changing this class alone.
 *
 * <p>DJL's PyTorch engine reads {@code ai.djl.pytorch.num_threads} and {@code
 * num_interop_threads} when it starts and uses 2 intra-op threads otherwise. Tiny models often
 * train faster on one thread (the per-operation cost of waking a second one exceeds the work), big
 * ones faster on all cores: measure.
 */
public final class Engines {

    /** The thread count set by {@link #setThreads}, or 0 for the engine's default. */
    private static volatile int configuredThreads;

    private Engines() {}

    /**
     * Applies nntrain's engine settings to the calling thread. PyTorch keeps two settings per
     * thread: whether operations are recorded for autograd, and the number of OpenMP threads an
     * operation may use. DJL sets both only on the thread that starts the engine, so on any other
     * thread (a notebook kernel's, a server's worker) in-place updates of parameters would be
     * refused and every operation would run with the default thread count. nntrain calls this at
     * the start of its public operations; it costs two native calls.
     */
    public static void prepareThread() {
        Engine.getInstance();
        raiseAllocatorThresholds();
        JniUtils.setGradMode(false);
        int threads = configuredThreads;
        if (threads > 0 && JniUtils.getNumThreads() != threads) {
            JniUtils.setNumThreads(threads);
        }
    }

    /**
     * Keeps a training step's memory in the process instead of giving it back to the kernel at
     * the end of every step. PyTorch takes host memory from the C library's {@code malloc}. In
     * glibc, a block larger than the "mmap threshold" (128 KiB at first) is mapped and unmapped
     * on its own, and free memory at the top of the heap beyond the "trim threshold" (twice the
     * mmap threshold) is handed back; a step that allocates and frees some megabytes therefore
     * faults every page in again, step after step (a convolution's weight gradient took 0.9-1.7
     * ms instead of 0.6 ms). glibc raises both thresholds when a mapped block up to 32 MiB is freed
     * ({@code mallopt(3)}, "dynamic mmap threshold"): one 31 MiB array, allocated and freed once,
     * lifts them to 31 and 62 MiB for the rest of the process. On other C libraries it is one
     * short-lived array. Measured in a fresh JVM (a training run's process): about 50 faults per
     * step of a small CNN instead of 340-990. It is not a guarantee: in a JVM that had first run a
     * thousand tests, the same steps still faulted about 340 pages each (likely because the arena had
     * grown past one of glibc's 64 MiB heaps, and a heap emptied by the end of a step is unmapped
     * whatever the thresholds).
     */
    private static void raiseAllocatorThresholds() {
        if (allocatorRaised) {
            return;
        }
        synchronized (Engines.class) {
            if (!allocatorRaised) {
                try (NDManager manager = NDManager.newBaseManager(Device.cpu())) {
                    manager.zeros(new Shape(ALLOCATOR_RAISE_BYTES / 4), DataType.FLOAT32);
                }
                allocatorRaised = true;
            }
        }
    }

    /** Bytes of the array that raises the allocator's thresholds: just under glibc's 32 MiB cap. */
    private static final long ALLOCATOR_RAISE_BYTES = 31L << 20;
    private static volatile boolean allocatorRaised;

    /**
     * Sets the engine's intra-op threads (and, if the engine has not started, one inter-op
     * thread). Works before and after the engine starts.
     *
     * @param threads the thread count, at least 1
     */
    public static void setThreads(int threads) {
        if (threads < 1) {
            throw new dev.nntrain.InvalidInputException("threads must be at least 1, got " + threads);
        }
        configuredThreads = threads;
        System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        Engine.getInstance();
        // The engine applies the property only when it starts; apply it now in case it already had.
        JniUtils.setNumThreads(threads);
    }

    /** @return the number of GPUs the engine sees */
    public static int gpuCount() {
        return Engine.getInstance().getGpuCount();
    }

    /** @return the engine's intra-op thread count */
    public static int threads() {
        Engine.getInstance();
        return JniUtils.getNumThreads();
    }

    /**
     * Resolves a device name.
     *
     * @param name {@code cpu}, {@code gpu} (the first GPU), {@code gpu:N} (GPU number N, from 0, as
     *     {@code nntrain doctor} lists them) or {@code auto} (the GPU when there is one)
     * @return the device
     * @throws dev.nntrain.InvalidInputException for another name, or a GPU that is not visible
     */
    public static Device device(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        switch (n) {
            case "cpu":
                return Device.cpu();
            case "gpu":
                return gpu(name, 0);
            case "auto":
                return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
            default:
                if (n.matches("gpu:[0-9]{1,4}")) {
                    return gpu(name, Integer.parseInt(n.substring(4)));
                }
                throw new dev.nntrain.InvalidInputException(
                        "unknown device '" + name + "'; expected cpu, gpu, gpu:N or auto");
        }
    }

    private static Device gpu(String name, int index) {
        int count = Engine.getInstance().getGpuCount();
        if (count == 0) {
            throw new dev.nntrain.InvalidInputException("--device " + name + ": no GPU is visible to the PyTorch engine"
                    + " (this build uses the CPU natives; see README, 'GPU')");
        }
        if (index >= count) {
            throw new dev.nntrain.InvalidInputException(String.format(Locale.ROOT,
                    "--device %s: %d GPU%s visible, numbered from 0 (nntrain doctor lists them)",
                    name, count, count == 1 ? " is" : "s are"));
        }
        return Device.gpu(index);
    }

    /**
     * The logistic function on the engine, {@code 1 / (1 + e^-z)}, in one call (DJL's
     * engine-neutral {@code Activation.sigmoid} goes through the same operation).
     *
     * @param z the input
     * @return a new array
     */
    public static NDArray sigmoid(NDArray z) {
        return z.getNDArrayInternal().sigmoid();
    }

    /**
     * Gathers rows of a table by index in one engine call: the embedding lookup, which on PyTorch
     * is a single {@code index_select} and, unlike a general indexed get, allocates nothing else.
     *
     * @param index the row indices, one-dimensional, INT64
     * @param table the table, rows along the first axis
     * @return the rows, {@code (index length, row shape...)}
     */
    public static NDArray gatherRows(NDArray index, NDArray table) {
        return index.getNDArrayInternal().embedding(index, table, SparseFormat.DENSE).singletonOrThrow();
    }

    /**
     * Returns the gradient autograd accumulated into a parameter. DJL wraps the engine's {@code
     * .grad} in a new handle each time: close it when done.
     *
     * @param parameter a parameter array that requires a gradient
     * @return the gradient, the parameter's shape
     */
    public static NDArray gradient(NDArray parameter) {
        return parameter.getGradient();
    }

    /**
     * Zeroes the gradient autograd accumulated into a parameter, in place. PyTorch adds each
     * backward pass's gradient to the previous one, and DJL's gradient collector no longer clears
     * them, so a training step must.
     *
     * @param parameter a parameter array that requires a gradient
     */
    public static void zeroGradient(NDArray parameter) {
        JniUtils.zeroGrad((PtNDArray) parameter);
    }

    /**
     * Seeds the engine's random generator, which draws dropout masks.
     *
     * @param seed the seed
     */
    public static void seedRandom(long seed) {
        Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
    }

    /**
     * Describes the engine nntrain runs on: for {@code nntrain doctor} and bug reports.
     *
     * @return the engine's name and version, where its native library lives, the flavour, the
     *     thread count and each GPU
     */
    public static Report report() {
        Engine engine = Engine.getInstance();
        String flavor = System.getenv("PYTORCH_FLAVOR");
        if (flavor == null || flavor.isEmpty()) {
            flavor = System.getProperty("PYTORCH_FLAVOR");
        }
        List<String> gpus = new ArrayList<>();
        for (int i = 0; i < engine.getGpuCount(); i++) {
            java.lang.management.MemoryUsage memory = ai.djl.util.cuda.CudaUtils.getGpuMemory(Device.gpu(i));
            gpus.add(String.format(Locale.ROOT, "gpu(%d): %s, compute capability %s, %.1f GiB", i, CudaDeviceNames.of(i),
                    computeCapability(ai.djl.util.cuda.CudaUtils.getComputeCapability(i)), memory.getMax() / (double) (1L << 30)));
        }
        String libraryDir = ai.djl.pytorch.jni.LibUtils.getLibtorchPath();
        return new Report(
                engine.getEngineName(),
                ai.djl.pytorch.jni.LibUtils.getVersion(),
                libraryDir,
                flavor == null || flavor.isEmpty() ? "chosen by DJL (cpu unless a GPU is visible)" : flavor,
                threads(),
                List.copyOf(gpus),
                linkedTorch(Path.of(libraryDir)));
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

    /** The stamp scripts/build-djl-jni.sh leaves beside the JNI library it built. */
    static final String LINKED_TORCH_FILE = "nntrain-libtorch.properties";

    /**
     * Which torch a folder prepared by scripts/build-djl-jni.sh holds. DJL cannot tell: with
     * {@code PYTORCH_LIBRARY_PATH} it reports {@code PYTORCH_VERSION}, the JNI's API version, not
     * the version of the libraries it loaded.
     *
     * @param libraryDir the native library's folder
     * @return "torch VERSION (FLAVOR), JNI built by ..." or {@code null} for any other folder
     */
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

    /**
     * What {@link #report()} found.
     *
     * @param engine the DJL engine's name
     * @param version the native library's version
     * @param libraryDir the folder of the native library
     * @param flavor the native flavour ({@code PYTORCH_FLAVOR}), or how DJL chooses it
     * @param threads the intra-op thread count
     * @param gpus one line per visible GPU
     * @param linkedTorch the torch a folder built by scripts/build-djl-jni.sh holds, or {@code null}
     */
    public record Report(String engine, String version, String libraryDir, String flavor, int threads,
            List<String> gpus, String linkedTorch) {}
}
