package dev.nntrain.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;

/**
 * The {@code nntrain} command: train, evaluate and query models, check gradients, run the course's
 * lessons. Parsing and printing only; the work is done by the library.
 */
@Command(
        name = "nntrain",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = "Neural-network training for Java on DJL and PyTorch.",
        subcommands = {
            TrainCommand.class,
            EvaluateCommand.class,
            PredictCommand.class,
            SummaryCommand.class,
            CompareCommand.class,
            ExportWeightsCommand.class,
            LessonCommand.class,
            GradcheckCommand.class,
            DoctorCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Nntrain implements Runnable {

    @Option(names = "--verbose", description = "Print stack traces and engine logs.", scope = CommandLine.ScopeType.INHERIT)
    boolean verbose;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Runs the command line and exits with its status: 0 on success, 2 on bad input (a message
     * naming the file, line or value), 1 on an internal error.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        // the file descriptor itself, not System.out: a PrintStream hides why a write failed
        StandardOutput stdout = new StandardOutput(new java.io.FileOutputStream(java.io.FileDescriptor.out));
        PrintWriter err = new PrintWriter(System.err, true);
        int status = run(args, new PrintWriter(new java.io.BufferedOutputStream(stdout), true), err);
        System.exit(stdout.status(status, err));
    }

    /**
     * Runs the command line without exiting.
     *
     * @param args the arguments
     * @param out where results go
     * @param err where errors and progress go
     * @return the exit status
     */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        boolean verbose = java.util.Arrays.asList(args).contains("--verbose");
        Logging.configure(verbose);
        CommandLine cli = new CommandLine(new Nntrain());
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler(Errors::onParameterError);
        cli.setExecutionExceptionHandler(Errors.handler(verbose));
        try {
            return cli.execute(args);
        } catch (OutOfMemoryError e) {
            // picocli passes errors through: without this, a raw stack trace and the JVM's exit
            return Errors.outOfMemory(e, err, verbose);
        } finally {
            // print() does not flush an auto-flushing PrintWriter: without this a table printed
            // last (evaluate's confusion matrix) would be lost at exit
            out.flush();
            err.flush();
        }
    }
}
