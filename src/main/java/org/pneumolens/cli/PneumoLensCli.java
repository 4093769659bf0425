package org.pneumolens.cli;

import java.io.IOException;
import org.pneumolens.core.Notices;
import org.pneumolens.core.Version;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The headless command line: predict, evaluate, train. User mistakes print one line, never a stack trace. */
@Command(name = "pneumolens", mixinStandardHelpOptions = true, versionProvider = PneumoLensCli.VersionProvider.class,
        description = {"Chest X-ray pneumonia classifier.", Notices.RESEARCH_USE},
        subcommands = {PredictCommand.class, ReportCommand.class, EvaluateCommand.class, TrainCommand.class,
                FitCheckCommand.class, CalibrateCommand.class, EnsembleCommand.class, CardCommand.class})
public final class PneumoLensCli {
    public static final java.util.Set<String> SUBCOMMANDS = java.util.Set.of("predict", "report", "evaluate", "train",
            "fit-check", "calibrate", "ensemble", "card", "help", "-h", "--help", "-V", "--version");

    public static int run(String... args) {
        return run(java.util.List.of(), args);
    }

    /**
     * With further subcommands, each a picocli {@code @Command} object: the entry point adds the benchmark's this
     * way, so the command line itself does not depend on the benchmark harness.
     */
    public static int run(java.util.List<Object> extraSubcommands, String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true),
                extraSubcommands, args);
    }

    /** Runs with the given streams; used by tests to read what a user would see. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return run(out, err, java.util.List.of(), args);
    }

    private static int run(java.io.PrintWriter out, java.io.PrintWriter err, java.util.List<Object> extraSubcommands,
            String... args) {
        CommandLine cl = new CommandLine(new PneumoLensCli());
        // No "@file" argument expansion: "predict *" in a folder holding a planted "@args" would read options
        // (say --model evil.zip) from it, and an image named "@x.jpeg" would be read as an argument file.
        cl.setExpandAtFiles(false);
        extraSubcommands.forEach(cl::addSubcommand);
        cl.setOut(out);
        cl.setErr(err);
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof IOException || ex instanceof IllegalArgumentException
                    || ex instanceof org.pneumolens.core.model.ModelOutputException) {
                // Bad file, folder, model or value: the message is written for the user.
                commandLine.getErr().println("error: " + org.pneumolens.core.image.ImageLimits.printable(
                        String.valueOf(ex.getMessage())));
                return ExitCodes.BAD_INPUT;
            }
            org.slf4j.LoggerFactory.getLogger(PneumoLensCli.class).error("unexpected failure", ex);
            commandLine.getErr().println("error: unexpected failure: " + ex);
            return ExitCodes.INTERNAL;
        });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[]{"PneumoLens " + Version.get()};
        }
    }
}
