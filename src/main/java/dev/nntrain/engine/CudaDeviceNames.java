package dev.nntrain.engine;

import com.sun.jna.Library;
import com.sun.jna.Native;

import java.nio.charset.StandardCharsets;

/**
 * The names of the CUDA devices ("NVIDIA H200"), which DJL does not expose, asked of the CUDA
 * driver ({@code libcuda}) through JNA, the way DJL asks the CUDA runtime for the device count.
 * The driver numbers devices as the runtime does (both honour {@code CUDA_VISIBLE_DEVICES}), so
 * ordinal {@code i} names DJL's {@code gpu(i)}.
 */
final class CudaDeviceNames {

    /** The three driver calls needed: cuInit, cuDeviceGet and cuDeviceGetName. */
    interface Driver extends Library {
        int cuInit(int flags);

        int cuDeviceGet(int[] device, int ordinal);

        int cuDeviceGetName(byte[] name, int length, int device);
    }

    private static final Driver DRIVER = load();

    private CudaDeviceNames() {}

    private static Driver load() {
        for (String name : new String[] {"cuda", "libcuda.so.1"}) {
            try {
                Driver driver = Native.load(name, Driver.class);
                return driver.cuInit(0) == 0 ? driver : null;
            } catch (UnsatisfiedLinkError | SecurityException e) {
                // no driver under this name: try the next, then report names as unknown
            }
        }
        return null;
    }

    /**
     * The name of one CUDA device.
     *
     * @param ordinal the device's index, as in {@code Device.gpu(ordinal)}
     * @return its name, or "name unknown" where no CUDA driver answers
     */
    static String of(int ordinal) {
        if (DRIVER == null) {
            return "name unknown";
        }
        int[] device = new int[1];
        byte[] name = new byte[256];
        if (DRIVER.cuDeviceGet(device, ordinal) != 0 || DRIVER.cuDeviceGetName(name, name.length, device[0]) != 0) {
            return "name unknown";
        }
        int end = 0;
        while (end < name.length && name[end] != 0) {
            end++;
        }
        return new String(name, 0, end, StandardCharsets.UTF_8);
    }
}
