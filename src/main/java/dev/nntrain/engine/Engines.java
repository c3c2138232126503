package dev.nntrain.engine;

import dev.nntrain.InvalidInputException;
import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;

import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;

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
            throw new InvalidInputException("threads must be at least 1, got " + threads);
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
     * @throws InvalidInputException for another name, or a GPU that is not visible
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
                throw new InvalidInputException(
                        "unknown device '" + name + "'; expected cpu, gpu, gpu:N or auto");
        }
    }

    private static Device gpu(String name, int index) {
        int count = Engine.getInstance().getGpuCount();
        if (count == 0) {
            throw new InvalidInputException("--device " + name + ": no GPU is visible to the PyTorch engine"
                    + " (the native library loaded is a CPU one, or CUDA finds no device: 'nntrain doctor' says which"
                    + " library loaded; see README, 'GPU')");
        }
        if (index >= count) {
            throw new InvalidInputException(String.format(Locale.ROOT,
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
     * Held while a gradient collector is open. DJL's PyTorch collector is process-wide: opening
     * one while another thread's is open fails with "A PtGradientCollector is already collecting"
     * (a static flag in DJL, although PyTorch's grad mode is per thread), so two models training
     * through autograd on two threads would fail at random. Holding this lock makes the second
     * wait for the first to close its collector instead.
     */
    private static final ReentrantLock AUTOGRAD = new ReentrantLock();

    /**
     * Opens DJL's gradient collector once no other thread has one open, and keeps other threads'
     * collectors waiting until this one is closed: the only way nntrain opens a collector, so
     * that models train through autograd on several threads at once. Keep the collector's scope
     * to the forward pass and {@code backward}: other threads' autograd steps wait for it.
     * Opening a second collector on the same thread still fails, as in DJL.
     *
     * @param engine the engine, for example {@code manager.getEngine()}
     * @return the collector; close it on the thread that opened it (try-with-resources)
     */
    public static GradientCollector newGradientCollector(Engine engine) {
        AUTOGRAD.lock();
        try {
            return new SerialCollector(engine.newGradientCollector());
        } catch (RuntimeException | Error e) {
            AUTOGRAD.unlock();
            throw e;
        }
    }

    /** DJL's collector, releasing {@link #AUTOGRAD} when closed. */
    private static final class SerialCollector implements GradientCollector {
        private final GradientCollector collector;
        private boolean closed;

        SerialCollector(GradientCollector collector) {
            this.collector = collector;
        }

        @Override
        public void backward(NDArray target) {
            collector.backward(target);
        }

        @Override
        public void zeroGradients() {
            collector.zeroGradients();
        }

        @Override
        public void close() {
            if (closed) {
                return; // a second close must not release another holder's lock
            }
            closed = true;
            try {
                collector.close();
            } finally {
                AUTOGRAD.unlock();
            }
        }
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
}
