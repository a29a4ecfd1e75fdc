package org.sxcascade.solver;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;

/**
 * Issue 15, acceptance: a seeded random set of plant-like mass-action cascades
 * ({@link RandomMassActionCases}: 2–8 rare earths, 20–1000 stages, saponification 0–80 %,
 * loading 20–95 %, reflux or acid scrub, pre-load, Murphree efficiencies) solved from a cold start
 * the way {@code simulate} solves them ({@link SteadyStateSolver#solveFallingBackOnRows}).
 *
 * <p>Criteria: at least 99.9 % converge; every failure is a {@link NoConvergenceException} (exit 3
 * in the CLI) thrown within {@value #FAILURE_SECONDS} s; on every converged case the RE, H⁺, cation
 * and extractant balances close to 1e-10 on every stage ({@link SimulationReport}).
 *
 * <p>System properties: {@code survey.cases} (default 2000), {@code survey.seed} (first seed, default
 * 1), {@code survey.timeout} (seconds after which a solve is abandoned and counted as "too slow",
 * default 60), {@code survey.out} (output directory, default {@code target/survey}),
 * {@code survey.dumpAll} (write every case's YAML, not only the failing ones'). The output:
 * {@code cases.csv} (one row per case), {@code failures.txt} (one line per failure: seed, sizes,
 * outcome, time, reason), {@code seed-S.yaml} for each failing seed (run it with {@code sxcascade
 * simulate}, or rebuild it with {@code RandomMassActionCases.caseFor(S)}) and {@code summary.txt}.
 *
 * <p><b>In CI, a sample; the whole set as a script.</b> {@link #ciSampleConvergesAndBalances} runs
 * the first {@value #CI_CASES} seeds in every build and holds all of them to the criteria (they all
 * converge). The whole set runs only when {@code survey.cases} is given
 * ({@code scripts/convergence-survey.sh}), and there the 99.9 % criterion is not met yet: 99.55 %
 * of seeds 0–1999 converge (docs/mass-action.md, Convergence survey).
 */
class MassActionConvergenceSurveyTest {
    /** A failure must be reported within this many seconds. */
    static final double FAILURE_SECONDS = 10;
    static final double BALANCE = 1e-10;

    /** How one case ended. */
    enum Outcome { CONVERGED, NO_CONVERGENCE, TOO_SLOW, ERROR }

    /** One solved (or not) case. */
    record Result(RandomMassActionCases.Sample sample, Outcome outcome, double seconds, double cpuSeconds,
                  String method, int iterations, double worstBalance, String reason) {
        boolean failed() {
            return outcome != Outcome.CONVERGED;
        }

        /** The criteria this case breaks, or an empty string. */
        String violation() {
            if (outcome == Outcome.CONVERGED) {
                return worstBalance <= BALANCE ? "" : String.format(Locale.ROOT, "balance %.2e > 1e-10", worstBalance);
            }
            if (outcome != Outcome.NO_CONVERGENCE) {
                return outcome + " (not a NoConvergenceException)";
            }
            return seconds <= FAILURE_SECONDS ? ""
                    : String.format(Locale.ROOT, "failure after %.1f s > %.0f s", seconds, FAILURE_SECONDS);
        }

        String line() {
            return String.format(Locale.ROOT, "%s | %s %.2f s (CPU %.2f s) | %s", sample.describe(), outcome, seconds,
                    cpuSeconds,
                    reason == null ? "" : reason.replace('\n', ' '));
        }
    }

    /** Seeds of the CI sample (1 … CI_CASES): 2–8 rare earths, 20–1000 stages, all converging today. */
    static final int CI_CASES = 100;

    @Test
    void ciSampleConvergesAndBalances() throws Exception {
        List<Result> results = survey(1, CI_CASES, 60, Path.of("target/survey-ci"));
        List<String> broken = results.stream().filter(r -> r.failed() || !r.violation().isEmpty())
                .map(Result::line).toList();
        assertThat(broken).as("cases of the CI sample that fail or break a criterion").isEmpty();
        assertThat(results).hasSize(CI_CASES);
        assertThat(results.stream().mapToInt(r -> r.sample().stages()).max().orElse(0)).isGreaterThan(500);
    }

    @Test
    @EnabledIfSystemProperty(named = "survey.cases", matches = "[0-9]+")
    void randomPlantLikeCascadesConvergeFromColdStart() throws Exception {
        int cases = Integer.getInteger("survey.cases", 2000);
        long firstSeed = Long.getLong("survey.seed", 1L);
        double timeout = Double.parseDouble(System.getProperty("survey.timeout", "60"));
        Path out = Path.of(System.getProperty("survey.out", "target/survey"));
        List<Result> results = survey(firstSeed, cases, timeout, out);

        long converged = results.stream().filter(r -> !r.failed()).count();
        List<String> violations = results.stream().filter(r -> !r.violation().isEmpty())
                .map(r -> r.sample().describe() + ": " + r.violation()).toList();
        assertThat(violations).as("cases breaking a criterion (see %s)", out.resolve("failures.txt")).isEmpty();
        assertThat((double) converged / cases).as("converged fraction, %d of %d (see %s)", converged, cases,
                out.resolve("failures.txt")).isGreaterThanOrEqualTo(0.999);
    }

    /**
     * Solves the cases of seeds {@code firstSeed …} and writes the outputs listed in the class
     * comment to {@code out}; a solve still running after {@code timeout} s is abandoned.
     */
    static List<Result> survey(long firstSeed, int cases, double timeout, Path out) throws IOException {
        Files.createDirectories(out);
        boolean dumpAll = Boolean.getBoolean("survey.dumpAll");
        List<Result> results = new ArrayList<>();
        StringBuilder csv = new StringBuilder("seed,rareEarths,n,m,p,stages,saponification,loading,reflux,preload,"
                + "efficiency,flowFactor,outcome,seconds,cpuSeconds,method,iterations,worstBalance\n");
        StringBuilder failures = new StringBuilder();
        Worker worker = new Worker();
        try {
            for (long seed = firstSeed; seed < firstSeed + cases; seed++) {
                RandomMassActionCases.Sample sample = RandomMassActionCases.caseFor(seed);
                Result r = worker.solve(sample, timeout);
                results.add(r);
                RandomMassActionCases.Sample s = r.sample();
                csv.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%d,%d,%.4f,%.4f,%.5f,%.5g,%.4f,%.4f,%s,%.3f,%.3f,%s,%d,%.3e%n",
                        s.seed(), s.rareEarths(), s.n(), s.m(), s.p(), s.stages(), s.saponification(), s.loading(),
                        s.reflux(), s.preload(), s.efficiency(), s.flowFactor(), r.outcome(), r.seconds(),
                        r.cpuSeconds(), r.method(), r.iterations(), r.worstBalance()));
                if (r.failed() || !r.violation().isEmpty()) {
                    failures.append(r.line()).append(r.violation().isEmpty() ? "" : " | " + r.violation())
                            .append('\n');
                }
                if (r.failed() || !r.violation().isEmpty() || dumpAll) {
                    Files.writeString(out.resolve("seed-" + seed + ".yaml"), s.yaml());
                }
                // written as it goes, so a run cut short still leaves its record
                Files.writeString(out.resolve("cases.csv"), csv);
                Files.writeString(out.resolve("failures.txt"), failures);
            }
        } finally {
            worker.close();
        }
        String summary = summary(results);
        Files.writeString(out.resolve("summary.txt"), summary);
        System.out.print(summary);
        return results;
    }

    /** Counts, time distribution, worst balance. */
    static String summary(List<Result> results) {
        StringBuilder b = new StringBuilder();
        int n = results.size();
        b.append(String.format(Locale.ROOT, "mass-action convergence survey: %d cases%n", n));
        for (Outcome o : Outcome.values()) {
            long k = results.stream().filter(r -> r.outcome() == o).count();
            b.append(String.format(Locale.ROOT, "  %-15s %6d  %7.3f %%%n", o, k, 100.0 * k / Math.max(1, n)));
        }
        double[] t = results.stream().mapToDouble(Result::seconds).sorted().toArray();
        double[] tc = results.stream().filter(r -> !r.failed()).mapToDouble(Result::seconds).sorted().toArray();
        double[] cpu = results.stream().filter(r -> !r.failed()).mapToDouble(Result::cpuSeconds).sorted().toArray();
        b.append("  wall time per case, s (all):       ").append(percentiles(t)).append('\n');
        b.append("  wall time per case, s (converged): ").append(percentiles(tc)).append('\n');
        b.append("  CPU time per case, s (converged):  ").append(percentiles(cpu)).append('\n');
        b.append(String.format(Locale.ROOT, "  total solve time %.1f s%n", Arrays.stream(t).sum()));
        double worst = results.stream().filter(r -> !r.failed()).mapToDouble(Result::worstBalance).max().orElse(0);
        b.append(String.format(Locale.ROOT, "  worst stage balance of a converged case (RE, H+, cation, extractant): %.2e%n",
                worst));
        long violations = results.stream().filter(r -> !r.violation().isEmpty()).count();
        b.append(String.format(Locale.ROOT, "  cases breaking a criterion: %d%n", violations));
        return b.toString();
    }

    private static String percentiles(double[] sorted) {
        if (sorted.length == 0) {
            return "-";
        }
        StringBuilder b = new StringBuilder();
        for (double q : new double[] {0.5, 0.9, 0.99}) {
            b.append(String.format(Locale.ROOT, "p%.0f %.3f  ", 100 * q, sorted[(int) Math.min(sorted.length - 1,
                    Math.floor(q * sorted.length))]));
        }
        return b.append(String.format(Locale.ROOT, "max %.3f", sorted[sorted.length - 1])).toString();
    }

    /** The worst of the four stage balances of a converged case. */
    static double worstBalance(MassActionCase c, CascadeNetwork net, SteadyState state) {
        SimulationReport report = new SimulationReport(c, net, state);
        return Math.max(Math.max(report.listedStageBalance(), MassActionCaseView.of(report.view()).hydrogenBalance()),
                Math.max(MassActionCaseView.of(report.view()).cationBalance(), MassActionCaseView.of(report.view()).extractantBalance()));
    }

    /**
     * Runs each solve in a worker thread and abandons it after the time limit. The solvers have no
     * cancellation point, so an abandoned thread is interrupted and, if it is still running a second
     * later, stopped ({@link Thread#stop()}, test code only: the solver holds no shared state and its
     * objects are dropped), so that abandoned solves do not compete for the CPU with the next cases.
     */
    static final class Worker implements AutoCloseable {
        private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
        private final AtomicReference<Thread> thread = new AtomicReference<>();
        private ExecutorService executor = newExecutor();

        private ExecutorService newExecutor() {
            return Executors.newSingleThreadExecutor(task -> {
                Thread t = new Thread(task, "survey-solve");
                t.setDaemon(true);
                thread.set(t);
                return t;
            });
        }

        Result solve(RandomMassActionCases.Sample sample, double timeout) {
            MassActionCase c = sample.massAction();
            long start = System.nanoTime();
            Future<Result> future = executor.submit(() -> {
                long cpuStart = CPU.getCurrentThreadCpuTime();
                CascadeNetwork net = CascadeNetwork.massAction(c);
                List<String> notes = new ArrayList<>();
                try {
                    SteadyState state = SteadyStateSolver.solveFallingBackOnRows(net, c.solver(), notes::add);
                    double seconds = (System.nanoTime() - start) * 1e-9;
                    double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
                    return new Result(sample, Outcome.CONVERGED, seconds, cpu, state.method(), state.iterations(),
                            worstBalance(c, net, state), notes.isEmpty() ? null : String.join(" ", notes));
                } catch (NoConvergenceException e) {
                    double seconds = (System.nanoTime() - start) * 1e-9;
                    double cpu = (CPU.getCurrentThreadCpuTime() - cpuStart) * 1e-9;
                    return new Result(sample, Outcome.NO_CONVERGENCE, seconds, cpu, e.method(), e.iterations(), Double.NaN,
                            (notes.isEmpty() ? "" : String.join(" ", notes) + " ") + e.getMessage());
                }
            });
            try {
                return future.get((long) (timeout * 1000), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                Thread t = thread.get();
                double cpu = t == null ? Double.NaN : CPU.getThreadCpuTime(t.getId()) * 1e-9;
                double seconds = (System.nanoTime() - start) * 1e-9;
                abandon(future);
                return new Result(sample, Outcome.TOO_SLOW, seconds, cpu, "-", 0, Double.NaN,
                        String.format(Locale.ROOT, "too slow: abandoned after %.0f s", timeout));
            } catch (ExecutionException e) {
                Throwable cause = e.getCause();
                return new Result(sample, Outcome.ERROR, (System.nanoTime() - start) * 1e-9, Double.NaN, "-", 0,
                        Double.NaN,
                        cause.getClass().getSimpleName() + ": " + cause.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("survey interrupted", e);
            }
        }

        @SuppressWarnings({"deprecation", "removal"})
        private void abandon(Future<Result> future) {
            future.cancel(true);
            Thread t = thread.get();
            executor.shutdownNow();
            try {
                if (!executor.awaitTermination(1, TimeUnit.SECONDS) && t != null) {
                    t.stop(); // Java 17: ThreadDeath in the runaway solve
                    t.join(5000);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            executor = newExecutor();
        }

        @Override
        public void close() {
            executor.shutdownNow();
        }
    }
}
