package org.sxcascade.dynamics;

import java.util.List;
import java.util.function.IntToDoubleFunction;
import org.sxcascade.solver.SteadyState;

/**
 * When a run that ended before a product reached its target (or before the steady state) would
 * get there, projected from the last part of the run.
 *
 * <p>Late in a start-up every deviation from the steady state decays as the slowest mode of the
 * linearised cascade, e(t) ≈ e(t₁)·exp(−λ(t − t₁)) (docs/theory.md, "Start-up dynamics"). The rate λ is
 * measured on the last 30 % of the run, on each third of it (from states recorded for the
 * purpose, whatever the sampling interval); only when the deviation falls
 * on every third and the three rates agree within {@value #RATE_AGREEMENT} relative is the slowest
 * mode taken to govern, and the projection is
 * t_end + ln(e(t_end)/e_allowed)/λ, provided it lies within {@value #REACH} times the simulated
 * time. Otherwise (a cascade still filling, an oscillation, a
 * deviation that grows) there is no projection, and {@link #reason()} says why.
 *
 * @param hours  the projected time since the start, h, or {@code null} where no estimate can be made
 * @param reason in words: how it was estimated (the rate, as a time constant) or why not
 */
public record Projection(Double hours, String reason) {
    /** Largest relative difference of the windows' rate estimates for the slowest mode to count as governing. */
    static final double RATE_AGREEMENT = 0.05;
    /** The share of the run, counted from its end, whose deviation gives the rate. */
    private static final double TAIL = 0.3;
    /** How far a projection may reach, as a multiple of the simulated time. */
    static final double REACH = 2;
    /** The number of successive windows of that tail whose rates must agree. */
    private static final int WINDOWS = 3;

    /** Whether there is an estimate. */
    public boolean estimated() {
        return hours != null;
    }

    /**
     * When product {@code i} would be on target: its purity at or above the target and its RE flow
     * within 1 % of its steady flow (as {@link TargetTime}). The deviation is the larger of the purity
     * shortfall over the steady purity's margin and the flow shortfall over 1 % of the steady flow.
     */
    static Projection toTarget(TransientResult r, int i, double target) {
        TransientResult.Product p = r.products().get(i);
        double steadyPurity = steadyPurity(r.steadyState(), p, r.model().graded().size());
        if (!(steadyPurity >= target)) {
            return new Projection(null, String.format(java.util.Locale.ROOT, "never at these settings: the steady "
                    + "state itself gives purity %.4f%%, below the target", 100 * steadyPurity));
        }
        double margin = steadyPurity - target;
        double steadyFlow = r.steadyProductFlows()[i];
        int graded = r.model().graded().size();
        List<TransientSample> tail = r.tail();
        return project(r, k -> {
            TransientSample s = tail.get(k);
            double flow = 0;
            for (int j = 0; j < graded; j++) {
                flow += s.productFlow(i, j);
            }
            double flowShort = (steadyFlow - flow) / (r.settings().productFlowTolerance() * steadyFlow);
            double purity = s.purity(i);
            if (Double.isNaN(purity)) {
                return Double.POSITIVE_INFINITY;
            }
            double purityShort = margin > 0 ? (steadyPurity - purity) / margin
                    : purity >= target ? 0 : Double.POSITIVE_INFINITY;
            return Math.max(flowShort, purityShort);
        });
    }

    /** When every stage would be within the steady-state tolerance of the final steady state. */
    static Projection toSteadyState(TransientResult r) {
        double tolerance = r.settings().steadyStateTolerance();
        List<TransientSample> tail = r.tail();
        return project(r, k -> tail.get(k).distanceToSteadyState() / tolerance);
    }

    /**
     * The projection of a deviation {@code e(k)} at sample k that is on target where e ≤ 1.
     */
    static Projection project(List<TransientSample> tail, IntToDoubleFunction e) {
        int last = tail.size() - 1;
        if (last < WINDOWS) {
            return new Projection(null, "the run ended before its last part could be measured");
        }
        return project(tail, e, last);
    }

    /** As {@link #project(List, IntToDoubleFunction)}, for a run whose events all lie before its tail. */
    private static Projection project(TransientResult r, IntToDoubleFunction e) {
        List<TransientEvent> events = r.settings().events();
        if (r.tail().size() <= WINDOWS) {
            return new Projection(null, "the run ended before its last part could be measured");
        }
        // an event at the tail's first time changes the outflows there at once: it counts as in the tail
        if (!events.isEmpty() && events.get(events.size() - 1).hours() >= r.tail().get(0).hours()) {
            return new Projection(null, String.format(java.util.Locale.ROOT, "no estimate: an event falls in the "
                    + "last %.0f %% of the run, from which the rate would be measured", 100 * TAIL));
        }
        return project(r.tail(), e);
    }

    private static Projection project(List<TransientSample> tail, IntToDoubleFunction e, int last) {
        double eEnd = e.applyAsDouble(last);
        if (!(eEnd > 1)) {
            return new Projection(tail.get(last).hours(), "on target at the end of the run");
        }
        // the decay rate over each window of the tail, oldest first
        double[] rates = new double[WINDOWS];
        for (int w = 0; w < WINDOWS; w++) {
            double eFrom = e.applyAsDouble(w);
            double eTo = e.applyAsDouble(w + 1);
            if (!Double.isFinite(eFrom) || !(eFrom > eTo)) {
                return new Projection(null, "no estimate yet: the deviation is not yet falling steadily (the "
                        + "cascade is still filling, or the approach oscillates)");
            }
            rates[w] = Math.log(eFrom / eTo) / (tail.get(w + 1).hours() - tail.get(w).hours());
        }
        double rate = rates[WINDOWS - 1];
        for (double r : rates) {
            if (Math.abs(r - rate) > RATE_AGREEMENT * rate) {
                return new Projection(null, String.format(java.util.Locale.ROOT, "no estimate yet: the decay rate "
                        + "is still changing (time constant %s, then %s over the last %.0f %% of the run)",
                        Times.format(1 / rates[0]), Times.format(1 / rate), 100 * TAIL));
            }
        }
        double end = tail.get(last).hours();
        double hours = end + Math.log(eEnd) / rate;
        if (hours > REACH * end) {
            // a slow nonlinear drift can look exponential over a short tail (the 1974 cascade's
            // inventory mode slows from a time constant of 35 d to 435 d and speeds up to 110 d)
            return new Projection(null, String.format(java.util.Locale.ROOT, "no estimate yet: at the present "
                    + "rate (time constant %s) it lies beyond %s, more than %.0f times the simulated time; simulate "
                    + "longer", Times.format(1 / rate), Times.format(hours), REACH));
        }
        return new Projection(hours, String.format(java.util.Locale.ROOT, "if the slowest mode keeps its time "
                + "constant of %s", Times.format(1 / rate)));
    }

    /**
     * The times, h, at which a run of {@code simulatedHours} records its tail for projections: the
     * start of the last {@value #TAIL} of the run and the ends of its {@value #WINDOWS} equal windows.
     */
    static double[] tailTimes(double simulatedHours) {
        double[] t = new double[WINDOWS + 1];
        for (int w = 0; w <= WINDOWS; w++) {
            t[w] = simulatedHours * (1 - TAIL * (WINDOWS - w) / WINDOWS);
        }
        t[WINDOWS] = simulatedHours;
        return t;
    }

    /** A product's purity at the steady state: its purity group's share of the graded flows at its stage. */
    static double steadyPurity(SteadyState steady, TransientResult.Product p, int graded) {
        double re = 0;
        double group = 0;
        for (int j = 0; j < graded; j++) {
            re += p.organic() ? steady.organicFlow(p.stage(), j) : steady.aqueousFlow(p.stage(), j);
        }
        for (int j : p.purityOf()) {
            group += p.organic() ? steady.organicFlow(p.stage(), j) : steady.aqueousFlow(p.stage(), j);
        }
        return group / re;
    }
}
