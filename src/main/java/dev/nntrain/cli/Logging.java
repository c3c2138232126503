package dev.nntrain.cli;

/** Quiets the engine's start-up chatter unless {@code --verbose} is given. */
final class Logging {

    private Logging() {}

    static void configure(boolean verbose) {
        // slf4j-simple reads these once, when the first logger is created
        setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
        // DJL probes for CUDA and warns when a CPU-only machine has a stray driver library
        setIfAbsent("org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils", verbose ? "info" : "error");
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
