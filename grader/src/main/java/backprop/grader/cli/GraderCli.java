package backprop.grader.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code java -jar grader.jar <command>}. Exit codes: 0 graded (whatever the score), 2 bad usage or
 * unreadable input, 3 the grader itself failed.
 */
@Command(name = "grader", mixinStandardHelpOptions = true, versionProvider = GraderCli.Version.class,
        description = "Grades backpropagation assignments: gradient checks, the reference oracle and the documents' worked examples.",
        subcommands = {GradeCommand.class, BatchCommand.class, StarterCommand.class, Classroom50Command.class,
                GradescopeCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:graded (a low score is not an error)", "2:bad usage or unreadable submission", "3:internal grader error"})
public final class GraderCli implements Runnable {
    public static final int GRADED = 0;
    public static final int USAGE = 2;
    public static final int INTERNAL = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        backprop.grader.engine.Timing.mark("JVM started");
        if (args.length > 0 && args[0].equals("grade")) {
            // The checks are discovered on another core while picocli reads the command line.
            backprop.grader.engine.Grader.prefetch();
        }
        int code = run(args);
        backprop.grader.compile.CompilerProcess.closeIdle();
        backprop.grader.engine.Timing.mark("done");
        System.exit(code);
    }

    /** Runs the command line without exiting, for tests and embedding. */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    /** The command line with its handlers and help layout, not yet run. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new GraderCli());
        HelpLayout.install(cli);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
            commandLine.getErr().println("grader: internal error: " + e);
            return INTERNAL;
        });
        cli.setParameterExceptionHandler((e, args1) -> {
            e.getCommandLine().getErr().println("grader: " + e.getMessage());
            String command = e.getCommandLine().getCommandName();
            e.getCommandLine().getErr().println("Try 'grader help" + ("grader".equals(command) ? "" : " " + command)
                    + "' for the options.");
            return USAGE;
        });
        return cli;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command: try grade, batch, starter, classroom50 or gradescope (see grader help)");
    }

    /** The version baked in at build time. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"backprop-lab grader " + backprop.grader.engine.Grader.version()};
        }
    }
}
