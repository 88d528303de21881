package org.prune4j.bench.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.prune4j.core.kernels.Backends;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code prune4j} command line: the entry point of {@code ./prune4j}. Errors in user
 * input end with one clear line and a non-zero exit; stack traces only with --verbose.
 */
@Command(name = "prune4j", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT, version = "Prune4J 0.1.0",
        description = "Pure-Java sparse tensor engine: train, prune and benchmark sparse networks.",
        subcommands = {DemoCommand.class, TrainCommand.class, PruneCommand.class, FinetuneCommand.class, EvalCommand.class, ExportCommand.class, InferCommand.class, BenchCommand.class, SweepCommand.class, InfoCommand.class})
public final class Prune4jCli implements Callable<Integer> {

    @Override public Integer call() {
        new CommandLine(this).usage(System.out);
        return 0;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns its exit code (tests call this). */
    public static int run(String... args) {
        CommandLine cl = new CommandLine(new Prune4jCli());
        cl.setExecutionExceptionHandler(Prune4jCli::onError);
        cl.setParameterExceptionHandler(Prune4jCli::onBadArguments);
        return cl.execute(args);
    }

    /** A flag picocli itself rejects (unknown option, bad number, missing value): one line and a pointer to --help. */
    private static int onBadArguments(CommandLine.ParameterException e, String[] args) {
        CommandLine cmd = e.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("prune4j " + cmd.getCommandName() + ": " + e.getMessage().replace('\n', ' ').trim()
                + "  (see prune4j " + (cmd.getParent() == null ? "" : cmd.getCommandName() + " ") + "--help)");
        err.flush();
        return 2;
    }

    private static int onError(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
        boolean verbose = parsed != null && parsed.subcommands().stream().anyMatch(p -> p.hasMatchedOption("--verbose"))
                || parsed != null && parsed.hasMatchedOption("--verbose");
        PrintWriter err = cmd.getErr();
        if (verbose) e.printStackTrace(err);
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().replace('\n', ' ').trim();
        err.println("prune4j " + cmd.getCommandName() + ": " + msg + (verbose ? "" : "  (--verbose for details)"));
        err.flush();
        return isBadInput(e) ? 2 : 1;
    }

    /** Exit 2 is "your input was wrong" (names, values, files); 1 is a failure of the run itself. */
    private static boolean isBadInput(Exception e) {
        return e instanceof IllegalArgumentException || e instanceof CommandLine.ParameterException
                || e instanceof org.prune4j.data.DatasetException;
    }

    /** The banner every long-running command prints first. */
    static String banner() {
        return "Prune4J 0.1.0 | " + Backends.describe() + " | JDK " + Runtime.version();
    }
}
