package org.sxcascade.design;

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
 * @param extractionStages    the n of the first curve, 1 … in order
 * @param aqueousPurity       P_B at each of those n (NaN where the solve failed)
 * @param scrubStages         the m of the second curve
 * @param organicPurity       P_A at each of those m (NaN where the solve failed)
 * @param failedSolves        points whose steady state did not converge
 */
public record StageCountScan(int verifiedExtraction, int verifiedScrub, double estimatedExtraction,
                             double estimatedScrub, double organicTarget, double aqueousTarget, int[] extractionStages,
                             double[] aqueousPurity, int[] scrubStages, double[] organicPurity, int failedSolves) {
    public StageCountScan {
        extractionStages = extractionStages.clone();
        aqueousPurity = aqueousPurity.clone();
        scrubStages = scrubStages.clone();
        organicPurity = organicPurity.clone();
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
    public static StageCountScan of(CascadeDesigner.Design design, java.util.function.BiConsumer<Integer, Integer> progress) {
        SeparationProblem problem = SeparationProblem.of(design.inputs());
        double s = design.xu().extractantFlow();
        double w = design.xu().scrubFlow();
        int vn = design.verified().extractionStages();
        int vm = design.verified().scrubStages();
        StageEstimate est = design.xu().correctedStages();
        int maxN = upTo(vn, est.extraction());
        int maxM = upTo(vm, est.scrub());
        NewtonCascadeSolver solver = new NewtonCascadeSolver();
        int[] ns = new int[maxN];
        double[] pb = new double[maxN];
        int[] ms = new int[maxM];
        double[] pa = new double[maxM];
        int failed = 0;
        for (int i = 0; i < maxN; i++) {
            ns[i] = i + 1;
            double[] p = purities(problem, solver, ns[i], vm, s, w);
            pb[i] = p[1];
            failed += Double.isNaN(p[1]) ? 1 : 0;
            progress.accept(i + 1, maxN + maxM);
        }
        for (int i = 0; i < maxM; i++) {
            ms[i] = i + 1;
            double[] p = purities(problem, solver, vn, ms[i], s, w);
            pa[i] = p[0];
            failed += Double.isNaN(p[0]) ? 1 : 0;
            progress.accept(maxN + i + 1, maxN + maxM);
        }
        return new StageCountScan(vn, vm, est.extraction(), est.scrub(), problem.purityA(), problem.purityB(), ns, pb,
                ms, pa, failed);
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

    @Override
    public int[] extractionStages() {
        return extractionStages.clone();
    }

    @Override
    public double[] aqueousPurity() {
        return aqueousPurity.clone();
    }

    @Override
    public int[] scrubStages() {
        return scrubStages.clone();
    }

    @Override
    public double[] organicPurity() {
        return organicPurity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
