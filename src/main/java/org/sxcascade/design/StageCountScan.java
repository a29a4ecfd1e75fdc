package org.sxcascade.design;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;

/**
 * Purity against stage count at a design's flows, around the verified cascade: the raffinate's
 * purity P_B as the extraction section grows (n = 1 … , m held at the verified m) and the loaded
 * organic's purity P_A as the scrubbing section grows (m = 1 … , n held at the verified n). Each
 * point is a steady state; the two curves show where each target is crossed and how far Xu's
 * estimate is from the exact count.
 *
 * @param verifiedExtraction  the verified n
 * @param verifiedScrub       the verified m
 * @param estimatedExtraction Xu's corrected estimate of n (not rounded)
 * @param estimatedScrub      Xu's corrected estimate of m
 * @param organicTarget       P_A required
 * @param aqueousTarget       P_B required
 * @param aqueousPurity       P_B with n = 1, 2, … extraction stages (element n − 1; NaN where the solve failed)
 * @param organicPurity       P_A with m = 1, 2, … scrub stages (element m − 1; NaN where the solve failed)
 */
public record StageCountScan(int verifiedExtraction, int verifiedScrub, double estimatedExtraction,
                             double estimatedScrub, double organicTarget, double aqueousTarget,
                             List<Double> aqueousPurity, List<Double> organicPurity) {
    public StageCountScan {
        aqueousPurity = List.copyOf(aqueousPurity);
        organicPurity = List.copyOf(organicPurity);
    }

    /** Points whose steady state did not converge. */
    public int failedSolves() {
        return (int) java.util.stream.Stream.concat(aqueousPurity.stream(), organicPurity.stream())
                .filter(p -> p.isNaN()).count();
    }

    /**
     * Scans a verified design: n from 1 to a bit beyond both the verified n and the estimate (a
     * third more, at least 3 stages), likewise m.
     */
    public static StageCountScan of(CascadeDesigner.Design design) {
        return of(design, (done, total) -> { });
    }

    /**
     * As {@link #of(CascadeDesigner.Design)}, telling {@code progress} after each steady state how
     * many of how many are done (for a progress bar: a long cascade takes hundreds of solves).
     */
    public static StageCountScan of(CascadeDesigner.Design design, BiConsumer<Integer, Integer> progress) {
        SeparationProblem problem = design.problem();
        double s = design.extractantFlow();
        double w = design.scrubFlow();
        int vn = design.verified().extractionStages();
        int vm = design.verified().scrubStages();
        StageEstimate est = design.estimate();
        int maxN = upTo(vn, est.extraction());
        int maxM = upTo(vm, est.scrub());
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        List<Double> pb = new ArrayList<>();
        List<Double> pa = new ArrayList<>();
        for (int n = 1; n <= maxN; n++) {
            pb.add(purities(problem, solver, n, vm, s, w)[1]);
            progress.accept(n, maxN + maxM);
        }
        for (int m = 1; m <= maxM; m++) {
            pa.add(purities(problem, solver, vn, m, s, w)[0]);
            progress.accept(maxN + m, maxN + maxM);
        }
        return new StageCountScan(vn, vm, est.extraction(), est.scrub(), problem.purityA(), problem.purityB(), pb, pa);
    }

    private static int upTo(int verified, double estimate) {
        double top = Math.max(verified, Double.isFinite(estimate) ? estimate : verified);
        return (int) Math.min(Math.ceil(top + Math.max(3, top / 3)), 2 * top + 10);
    }

    private static double[] purities(SeparationProblem problem, NewtonCascadeSolver solver, int n, int m, double s,
                                     double w) {
        try {
            return problem.purities(solver.solve(CascadeNetwork.of(problem.cascadeCase(n, m, s, w)),
                    SolverSettings.defaults()), n + m);
        } catch (NoConvergenceException e) {
            return new double[] {Double.NaN, Double.NaN};
        }
    }
}
