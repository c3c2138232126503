package dev.nntrain.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The process's peak resident memory, from Linux's {@code /proc/self/status} ({@code VmHWM}),
 * whose high-water mark {@code /proc/self/clear_refs} resets, so that each case of a suite can be
 * measured on its own. Elsewhere every reading is 0 and nothing is checked.
 */
final class PeakMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR = Path.of("/proc/self/clear_refs");

    private PeakMemory() {}

    /** Resets the high-water mark to the current resident size. */
    static void reset() {
        try {
            Files.writeString(CLEAR, "5");
        } catch (IOException | UnsupportedOperationException e) {
            // not Linux, or not allowed: peakKb then reports the peak since the start
        }
    }

    /** @return the peak resident memory since the last reset, in KB, or 0 if unknown */
    static long peakKb() {
        return field("VmHWM:");
    }

    /** @return the resident memory now, in KB, or 0 if unknown */
    static long residentKb() {
        return field("VmRSS:");
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return 0;
    }
}
