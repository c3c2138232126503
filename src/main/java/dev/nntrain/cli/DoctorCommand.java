package dev.nntrain.cli;


import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import dev.nntrain.engine.EngineReport;

/** {@code nntrain doctor}: which engine, native library and devices this installation uses. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Report the engine, the native PyTorch library's folder and flavour, the CPU threads and each GPU.",
            "Run it first when the GPU is not used or the native library fails to load (README, 'GPU')."})
final class DoctorCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        for (String line : new Version().getVersion()) {
            out.println(line);
        }
        for (String name : new String[] {"PYTORCH_LIBRARY_PATH", "PYTORCH_VERSION", "PYTORCH_FLAVOR", "DJL_CACHE_DIR"}) {
            String value = System.getenv(name);
            if (value != null && !value.isEmpty()) {
                out.printf("%s=%s%n", name, value); // the settings DJL reads before it loads anything
            }
        }
        EngineReport r;
        try {
            r = EngineReport.current();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            String problem = Errors.engineProblem(e);
            if (problem == null) {
                throw e;
            }
            String cache = dev.nntrain.DjlCache.problem(e); // where DJL unpacks the library
            out.println("engine: " + (cache != null ? cache : problem));
            return Errors.INTERNAL;
        }
        if (r.linkedTorch() == null) {
            out.printf("engine: %s %s%n", r.engine(), r.version());
            out.printf("native library: %s%n", r.libraryDir());
        } else {
            out.printf("engine: %s, DJL's JNI API %s%n", r.engine(), r.version());
            out.printf("native library: %s: %s%n", r.libraryDir(), r.linkedTorch());
        }
        out.printf("flavour: %s%n", r.flavor());
        String ignored = EngineReport.ignoredLibraryPath(System.getenv("PYTORCH_LIBRARY_PATH"), r.libraryDir());
        out.printf("CPU threads: %d of %d cores%n", r.threads(), Runtime.getRuntime().availableProcessors());
        if (r.gpus().isEmpty()) {
            out.println("GPUs: none visible (CPU training; see README, 'GPU', to use one)");
        } else {
            r.gpus().forEach(g -> out.println(g));
        }
        if (ignored != null) { // the engine runs, but not the one asked for: a problem to fix, so status 1
            out.println("problem: " + ignored);
            return Errors.INTERNAL;
        }
        return 0;
    }
}
