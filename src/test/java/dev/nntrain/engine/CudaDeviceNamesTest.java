package dev.nntrain.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The CUDA driver lookup behind {@code nntrain doctor}'s GPU names, on any machine: with no driver,
 * or for a device that does not exist, the name is "name unknown", never an exception. (Where a GPU
 * is visible, {@code GpuTrainingTest.doctorNamesEachGpu} checks that its name is found.)
 */
class CudaDeviceNamesTest {

    @Test
    void aDeviceThatDoesNotExistHasNoName() {
        assertEquals("name unknown", CudaDeviceNames.of(1000));
        assertEquals("name unknown", CudaDeviceNames.of(-1));
    }
}
