package org.sxcascade.cli;

import java.io.PrintWriter;
import org.sxcascade.dynamics.TransientFailureException;
import org.sxcascade.fit.FitFailedException;
import org.sxcascade.io.CaseFileException;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.solver.NoConvergenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code sxcascade} command line. */
@Command(name = "sxcascade", mixinStandardHelpOptions = true, version = org.sxcascade.Version.TEXT,
        description = "Simulator and design tool for countercurrent solvent-extraction cascades "
                + "(mixer-settler batteries), after Xu Guangxian's theory of countercurrent extraction.",
        footer = {"", "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 no convergence."})
public final class SxCascade implements Runnable {
    /** Exit code for input that cannot describe a cascade. */
    public static final int EXIT_BAD_INPUT = 2;
    /** Exit code for a case the solver could not bring to steady state. */
    public static final int EXIT_NO_CONVERGENCE = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Columns of the --help text. */
    static final int HELP_WIDTH = 120;

    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true"); // charts never need a display
        }
        System.exit(run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** The subcommands' names, in the order of the help. */
    private static final java.util.List<String> SUBCOMMANDS = java.util.List.of("simulate", "design", "optimize",
            "transient", "report", "sweep", "fit", "help");

    /**
     * A new subcommand of that name. A switch, not a table of constructor references: linking
     * those would load every command class at start-up.
     */
    private static Object subcommand(String name) {
        return switch (name) {
            case "simulate" -> new SimulateCommand();
            case "design" -> new DesignCommand();
            case "optimize" -> new OptimizeCommand();
            case "transient" -> new TransientCommand();
            case "report" -> new ReportCommand();
            case "sweep" -> new SweepCommand();
            case "fit" -> new FitCommand();
            case "help" -> new CommandLine.HelpCommand();
            default -> throw new IllegalArgumentException("no subcommand " + name);
        };
    }

    /** The whole command line, every subcommand in it. */
    public static CommandLine commandLine() {
        return commandLine(SUBCOMMANDS);
    }

    /**
     * The command line for {@code args}: when they name a subcommand (other than {@code help}) it
     * alone is built, since picocli reads the annotations of every subcommand it is given, and that
     * is a good part of a short run's start-up (docs/performance.md, "Start-up"); {@code --version}
     * alone needs none; otherwise (no subcommand, {@code help}, a misspelt name) all of them, for the
     * listing and the suggestions.
     */
    static CommandLine commandLine(String... args) {
        boolean version = false;
        boolean help = false;
        for (String a : args) {
            if (a.startsWith("-")) {
                // root options (--help, --version) come before a subcommand
                version |= a.equals("-V") || a.equals("--version");
                help |= a.equals("-h") || a.equals("--help");
                continue;
            }
            if (SUBCOMMANDS.contains(a) && !a.equals("help")) {
                return commandLine(java.util.List.of(a));
            }
            return commandLine();
        }
        // no subcommand: --version alone needs none, the listing of --help (or a bare call) all
        return version && !help ? commandLine(java.util.List.of()) : commandLine();
    }

    private static CommandLine commandLine(java.util.Collection<String> names) {
        CommandLine cli = new CommandLine(new SxCascade());
        for (String name : names) {
            cli.addSubcommand(name, subcommand(name));
        }
        return cli;
    }

    /** Runs the command line with the given streams; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        // wide enough that no --help example is wrapped mid-token (they are meant to be copied)
        cli.setUsageHelpWidth(HELP_WIDTH);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            PrintWriter e = commandLine.getErr();
            if (ex instanceof InvalidInputException || ex instanceof CaseFileException) {
                e.println("error: " + ex.getMessage());
                e.flush();
                return EXIT_BAD_INPUT;
            }
            if (ex instanceof NoConvergenceException) {
                e.println("error: " + ex.getMessage());
                NoConvergenceException nc = (NoConvergenceException) ex;
                e.println(nc.limitReached()
                        ? "No result was written. Raise solver.maxIterations in the case file to go on."
                        : !Double.isFinite(nc.residual())
                        ? "No result was written. Numbers left the floating-point range: look for a value in the "
                                + "case many orders of magnitude from the others (e.g. an efficiency of 1e-30)."
                        : "No result was written. This is a known limitation of the Newton solver on some long "
                                + "cascades (docs/theory.md, Known limitations).");
                e.flush();
                return EXIT_NO_CONVERGENCE;
            }
            if (ex instanceof FitFailedException) {
                e.println("error: " + ex.getMessage());
                e.flush();
                return EXIT_NO_CONVERGENCE;
            }
            if (ex instanceof TransientFailureException) {
                e.println("error: " + ex.getMessage());
                e.println("No result was written.");
                e.flush();
                return EXIT_NO_CONVERGENCE;
            }
            // a bug, not a user error: one line, the trace only on request
            e.println("internal error (please report it with the case file): " + ex);
            if (System.getenv("SXCASCADE_DEBUG") != null) {
                ex.printStackTrace(e);
            }
            e.flush();
            return 1;
        });
        return cli.execute(args);
    }
}
