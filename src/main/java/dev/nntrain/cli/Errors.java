package dev.nntrain.cli;

import ai.djl.engine.EngineException;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParameterException;

import dev.nntrain.InvalidInputException;

import java.io.File;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns failures into one line on standard error and an exit status: 2 for bad input (an {@link
 * InvalidInputException}: a file, option or value the library or the command line refused), 1 for
 * anything else, an internal error. Stack traces only with {@code --verbose}.
 */
final class Errors {

    /** Exit status for bad input. */
    static final int BAD_INPUT = 2;
    /** Exit status for an internal error. */
    static final int INTERNAL = 1;

    private Errors() {}

    static int onParameterError(ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        cmd.getErr().println("nntrain: " + oneLine(e.getMessage())
                + " (see '" + cmd.getCommandSpec().qualifiedName() + " --help')");
        return BAD_INPUT;
    }

    /**
     * Reports a JVM out of memory as one line naming what ran out (the heap, direct buffers,
     * metaspace, threads: the error's own message) and the heap this JVM may use, exit status 1.
     * The memory estimate checks a run's options before it starts; this is for what it misses.
     *
     * @param e the error
     * @param err where the line goes
     * @param verbose also print the stack trace
     * @return {@link #INTERNAL}
     */
    static int outOfMemory(OutOfMemoryError e, java.io.PrintWriter err, boolean verbose) {
        err.println("nntrain: error: " + outOfMemoryLine(e));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return INTERNAL;
    }

    static String outOfMemoryLine(OutOfMemoryError e) {
        String what = e.getMessage() == null || e.getMessage().isBlank() ? "Java heap space" : oneLine(e.getMessage());
        String lower = what.toLowerCase(java.util.Locale.ROOT);
        String limit;
        if (lower.contains("direct buffer")) {
            limit = "the engine's arrays pass through direct buffers: raise -XX:MaxDirectMemorySize";
        } else if (lower.contains("metaspace")) {
            limit = "raise -XX:MaxMetaspaceSize";
        } else if (lower.contains("native thread")) {
            limit = "the system allows no more threads: lower --threads";
        } else {
            long heap = Runtime.getRuntime().maxMemory();
            limit = "this JVM may use " + (heap >= 1L << 30 ? String.format("%.1f GB", heap / (double) (1L << 30))
                    : String.format("%,d MB", heap >> 20)) + " of heap: raise it with java -Xmx";
        }
        return "out of memory (" + what + "); " + limit + ", or use smaller --layers, --batch-size or data";
    }

    static IExecutionExceptionHandler handler(boolean verbose) {
        return (e, cmd, parseResult) -> {
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof OutOfMemoryError oom) { // wrapped by a library on its way out
                    return outOfMemory(oom, cmd.getErr(), verbose);
                }
            }
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            // by type: validation throws InvalidInputException and nothing else does, so an
            // IllegalArgumentException from inside DJL is a bug (exit 1), never the user's mistake
            boolean badInput = cause instanceof InvalidInputException;
            String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            if (cause instanceof java.nio.file.NoSuchFileException) {
                message = "no such file: " + message;
            }
            String engine = engineProblem(e);
            if (engine != null) {
                message = engine;
            }
            // DJL unpacks or downloads the engine's library into its cache, and prepares data sets
            // there: a failure to write under it is the user's setting, and says so
            String cache = badInput ? null : dev.nntrain.DjlCache.problem(e);
            if (cache != null) {
                message = cache;
                badInput = true;
            }
            cmd.getErr().println("nntrain: " + (badInput ? "" : "error: ") + oneLine(message));
            if (verbose) {
                e.printStackTrace(cmd.getErr());
            }
            return badInput ? BAD_INPUT : INTERNAL;
        };
    }

    /**
     * Says why PyTorch's native library did not load, when that is what went wrong: the most common
     * failure of a GPU set-up, which DJL reports as "Failed to save pytorch index file" when its
     * first-use download cannot reach the network.
     *
     * @param e the failure
     * @return one line naming DJL's message, its root cause and where to look, or {@code null}
     *     when the failure is not the engine's loading
     */
    static String engineProblem(Throwable e) {
        Throwable engine = null;
        Throwable root = e;
        boolean loading = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (engine == null && (t instanceof EngineException || t instanceof UnsatisfiedLinkError)) {
                engine = t;
            }
            loading |= thrownWhileLoading(t);
            root = t;
        }
        if (engine == null || !loading) {
            return null; // an EngineException from a running engine (a CUDA out-of-memory, say) is not this
        }
        String why = root == engine ? "" : " (" + root.getClass().getSimpleName() + ": " + root.getMessage() + ")";
        String libraryPath = System.getenv("PYTORCH_LIBRARY_PATH");
        String hint;
        if (libraryPath != null && !libraryPath.isEmpty() && !holdsLibtorch(libraryPath)) {
            // DJL skips such a folder silently and goes on to its download
            hint = "PYTORCH_LIBRARY_PATH=" + libraryPath + " holds no libtorch.so, so DJL ignored it";
        } else if (root instanceof UnknownHostException || root instanceof ConnectException) {
            hint = "with no native library on the class path (a -Pgpu build) DJL downloads libtorch on first use, which needs"
                    + " the network; use the CPU jar, or PYTORCH_LIBRARY_PATH from scripts/build-djl-jni.sh";
        } else {
            hint = "check PYTORCH_LIBRARY_PATH, PYTORCH_VERSION and PYTORCH_FLAVOR";
        }
        return "PyTorch's native library did not load: " + engine.getMessage() + why + "; " + hint
                + " ('nntrain doctor' shows them; README, 'GPU')";
    }

    /** Whether a folder of the list holds libtorch.so, as DJL looks for it in each. */
    private static boolean holdsLibtorch(String pathList) {
        for (String dir : pathList.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isRegularFile(Path.of(dir, "libtorch.so"))) {
                return true;
            }
        }
        return false;
    }

    /** Whether DJL's native-library loader ({@code LibUtils}) is on the throwable's stack. */
    private static boolean thrownWhileLoading(Throwable t) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals("ai.djl.pytorch.jni.LibUtils")) {
                return true;
            }
        }
        return false;
    }

    static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
