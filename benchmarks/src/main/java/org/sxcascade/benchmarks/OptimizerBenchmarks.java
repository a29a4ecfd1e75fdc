package org.sxcascade.benchmarks;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.optimize.MetalFlowSearch;
import org.sxcascade.optimize.Objective;
import org.sxcascade.optimize.OptimizerSettings;
import org.sxcascade.optimize.Optimum;

/**
 * {@code optimize} on the Nd/Pr case of issue 4 (β = 1.5, Pr:Nd = 1:3, 99.9 % both ways, plant
 * units as cases/pr-nd-p507.yaml): the minimum of Xu's Φ = S·(n + m) and the fewest stages, each
 * a whole optimization from the inputs (design baseline included). The baseline in the same run
 * is {@code design} on the same inputs (Xu's √β flows and the verified fewest stages).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class OptimizerBenchmarks {

    /** The Nd/Pr inputs. */
    @State(Scope.Thread)
    public static class PrNd {
        DesignInputs inputs;

        @Setup(Level.Trial)
        public void setUp() {
            inputs = new DesignInputs("Nd/Pr in P507-HCl", List.of("Pr", "Nd"), new double[] {1, 1.5},
                    new Feed(FeedPhase.AQUEOUS, new double[] {0.25, 0.75}, 100.0, 1.0),
                    new ProductTarget(List.of(1), 0.999, null), new ProductTarget(List.of(0), 0.999, null), 0.17, 3.5);
            Optimum o = new MetalFlowSearch().optimize(inputs, OptimizerSettings.of(Objective.PHI));
            if (o.best().totalStages() != 57 || Math.abs(o.best().objectiveValue() - 207.3829) > 1e-3
                    || o.best().organicPurity() < 0.999 || o.best().aqueousPurity() < 0.999) {
                throw new IllegalStateException("unexpected optimum " + o.best());
            }
            System.out.printf(Locale.ROOT, "%n[prNdPhi] n = %d, m = %d, S = %.6f, W = %.6f, Φ = %.4f, "
                            + "%d steady states; design baseline N = %d%n", o.best().extractionStages(),
                    o.best().scrubStages(), o.best().extractantFlow(), o.best().scrubFlow(), o.best().objectiveValue(),
                    o.steadyStates(), o.baseline().totalStages());
        }
    }

    @Benchmark
    public Optimum prNdPhi(PrNd s) {
        return new MetalFlowSearch().optimize(s.inputs, OptimizerSettings.of(Objective.PHI));
    }

    @Benchmark
    public Optimum prNdStages(PrNd s) {
        return new MetalFlowSearch().optimize(s.inputs, OptimizerSettings.of(Objective.STAGES));
    }

    @Benchmark
    public CascadeDesigner.Design prNdDesign(PrNd s) {
        return new CascadeDesigner().design(s.inputs, FlowChoice.optimum(), 1000);
    }
}
