package dev.nntrain;

/**
 * Keeps DJL's start-up chatter (the platform found, the engine's thread counts, a CUDA probe's
 * warning on a CPU-only machine) off standard error, as a library should.
 *
 * <p>nntrain logs through slf4j-simple, which reads a logger's level from system properties when
 * the logger is created. Before DJL creates its loggers, nntrain sets {@value #DJL_LEVEL} to
 * {@code warn} (and DJL's CUDA probe to {@code error}), unless the property is already set. To see
 * the engine's log again, set it yourself, for example {@code
 * -Dorg.slf4j.simpleLogger.log.ai.djl=info} on the {@code java} command line or {@code
 * System.setProperty} before the first nntrain call.
 */
public final class EngineLogging {

    /** The slf4j-simple property that holds the level of every logger under {@code ai.djl}. */
    public static final String DJL_LEVEL = "org.slf4j.simpleLogger.log.ai.djl";

    private static final String CUDA_PROBE_LEVEL = "org.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils";

    private EngineLogging() {}

    /**
     * Lowers DJL's log level to warnings unless {@value #DJL_LEVEL} is set; does nothing after the
     * first call. nntrain's classes that start the engine call it in their static initialisers.
     */
    public static synchronized void quiet() {
        if (System.getProperty(DJL_LEVEL) == null) {
            System.setProperty(DJL_LEVEL, "warn");
            if (System.getProperty(CUDA_PROBE_LEVEL) == null) {
                // DJL warns on every CPU-only machine that has a stray CUDA driver library
                System.setProperty(CUDA_PROBE_LEVEL, "error");
            }
        }
    }
}
