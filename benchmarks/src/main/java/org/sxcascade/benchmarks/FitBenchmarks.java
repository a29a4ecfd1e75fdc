package org.sxcascade.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
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
import org.sxcascade.equilibrium.BatchContact;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.fit.FitResult;
import org.sxcascade.fit.MassActionFit;
import org.sxcascade.fit.Shakeout;
import org.sxcascade.fit.ShakeoutData;
import org.sxcascade.fit.ShakeoutSelection;

/**
 * Issue 18's benchmark: a 100-point shake-out fit of 2 parameters (K_ex of Pr and Nd, mass action,
 * {@code sxcascade fit}'s Levenberg–Marquardt with its covariance and intervals). The 75 experiments
 * are made in {@code @Setup} from K_ex = {0.02, 0.03} with the fit's own equilibrium stage
 * ({@link BatchContact}) and seeded noise of 0.05 in log10 D: Pr alone, Nd alone and both (100
 * points), 0.5–1.5 mol/L extractant as monomer, O/A 0.5–2, initial acid 0.02–0.5 mol/L, one row in
 * seven saponified 20 % with Na (K_M = 0.001). As the baseline of the same run, the 75 contacts
 * solved once at the true constants: one model evaluation of the fit.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
public class FitBenchmarks {
    static final double[] K = {0.02, 0.03};
    static final double K_CATION = 0.001;

    /** The 75 synthetic shake-outs as the fit selects them. */
    @State(Scope.Thread)
    public static class Data {
        ShakeoutSelection selection;
        BatchContact contact;
        MassActionEquilibrium[] models;

        @Setup(Level.Trial)
        public void setUp() {
            Random random = new Random(18);
            contact = new BatchContact(2);
            double[] acids = {0.02, 0.05, 0.1, 0.2, 0.5};
            double[] feeds = {0.01, 0.05, 0.1, 0.2};
            double[] monomers = {0.5, 1.0, 1.5};
            double[] ratios = {0.5, 1, 2};
            models = new MassActionEquilibrium[monomers.length];
            for (int m = 0; m < monomers.length; m++) {
                models[m] = new MassActionEquilibrium(K, new double[] {3, 3}, new double[] {3, 3}, K_CATION,
                        monomers[m] / 2, 1);
            }
            List<Shakeout> rows = new ArrayList<>();
            for (int r = 0; r < 75; r++) {
                int kind = r % 3; // Pr alone, Nd alone, both
                double feed = feeds[(r / 5) % feeds.length];
                double[] initial = {kind == 1 ? 0 : feed, kind == 0 ? 0 : 1.5 * feed};
                double ratio = ratios[(r / 3) % ratios.length];
                double acid = acids[(r / 2) % acids.length];
                double sap = r % 7 == 6 ? 0.2 : 0;
                contact.solve(models[r % monomers.length], ratio, initial, sap, acid);
                double[] d = new double[2];
                for (int j = 0; j < 2; j++) {
                    d[j] = initial[j] > 0 ? Math.pow(10, contact.lnDistributionRatio(j) / Math.log(10)
                            + 0.05 * random.nextGaussian()) : Double.NaN;
                }
                rows.add(new Shakeout(r + 2, "s" + r, "synthetic", monomers[r % monomers.length], ratio, acid, sap,
                        sap > 0 ? "Na" : "", initial, d, 1, Set.of()));
            }
            selection = ShakeoutSelection.of(new ShakeoutData("synthetic", List.of("Pr", "Nd"), rows), null, null,
                    Set.of());
            Cases.check(selection.pointCount() == 100, "points " + selection.pointCount());
            FitResult fit = MassActionFit.fit(selection, MassActionFit.Law.MASS_ACTION, K_CATION, null);
            for (int j = 0; j < 2; j++) {
                FitResult.Parameter p = fit.parameters().get(j);
                Cases.check(p.valueLow() < K[j] * 1.3 && p.valueHigh() > K[j] / 1.3, p.name() + " " + p.value());
            }
            System.out.printf(Locale.ROOT, "%n[massActionFit100] %d points, K_ex Pr %.5f ± %.5f, Nd %.5f ± %.5f "
                            + "(ln SE), RMS log10 D %.4f, %d LM iterations, %d evaluations%n", selection.pointCount(),
                    fit.parameters().get(0).value(), fit.parameters().get(0).standardError(),
                    fit.parameters().get(1).value(), fit.parameters().get(1).standardError(), fit.rmsLog10D(),
                    fit.solution().iterations(), fit.solution().evaluations());
        }
    }

    /** The whole fit: start, Levenberg–Marquardt, covariance, intervals and β. */
    @Benchmark
    public FitResult massActionFit100(Data d) {
        return MassActionFit.fit(d.selection, MassActionFit.Law.MASS_ACTION, K_CATION, null);
    }

    /** Baseline: the 75 contacts solved once at the true constants (one model evaluation). */
    @Benchmark
    public double contacts75(Data d) {
        double sum = 0;
        List<Shakeout> rows = d.selection.rows();
        for (int r = 0; r < rows.size(); r++) {
            Shakeout s = rows.get(r);
            d.contact.solve(d.models[r % d.models.length], s.organicToAqueous(), d.selection.initial()[r],
                    s.saponification(), s.initialAcid());
            sum += d.contact.acidity();
        }
        return sum;
    }
}
