package org.sxcascade.flowsheet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.StreamModel;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;

/**
 * Solves a {@link Flowsheet} of CMER or mass-action cascades: the cascades in the order listed, each
 * with its own {@link NewtonCascadeSolver} (reused from pass to pass; it hands mass-action networks
 * to its two-phase solver, as {@code simulate} does), and the recycles by tear-stream iteration.
 *
 * <p><b>Tears.</b> An inlet whose source is a cascade not yet solved in the current pass (the same
 * cascade or a later one) reads a <em>torn</em> stream: a guess, updated after each pass until the
 * tear residual, max over torn streams and components of |x_new − x_old| / max(x_new, 1e-14 ·
 * stream total), is at most the tolerance. The 1e-14 floor keeps trace components that no solve
 * can pin down relatively from holding the iteration up.
 *
 * <p><b>Start.</b> Under the CMER model a cascade's phase flows depend only on the RE totals of its
 * inlets, so the totals of every stream, torn ones included, are known exactly before any cascade
 * is solved ({@link Flowsheet#sourceTotal}). Each torn stream starts at its exact steady-state
 * total, with the composition of the flowsheet solved with sharp splits for cascades
 * ({@link FlowsheetSettings.TearStart#SHARP}, the default), of all fresh feeds mixed
 * ({@link FlowsheetSettings.TearStart#FEED}) or equal fractions of the fed components
 * ({@link FlowsheetSettings.TearStart#UNIFORM}). Every pass then builds every cascade with its
 * steady-state flows: no pass can meet a stage without flow (a flowsheet whose steady state has one
 * is refused when it is built), and only compositions are iterated. Under the mass-action model
 * a stream's volume is fixed instead ({@link Flowsheet#sourceTotal}), its RE, cation and acid are
 * not: torn streams start at their exact volumes as the fresh feeds' mixed solution, and every
 * component, RE, cation and H⁺, is iterated (no rescaling to a total).
 *
 * <p><b>Cascade solves.</b> Only the cascades of the recycles (they depend on a torn stream and
 * feed one) are solved in every pass; a cascade whose inlets depend on no torn stream is solved
 * once, before the first pass, and one that depends on a torn stream but feeds none once, with
 * the last pass's streams. Each pass solves its cascades from a cold start, so that a pass is a
 * function of its inlets alone (a warm start that already balances is returned unchanged and
 * would carry its error from pass to pass). In a flowsheet with recycles the cascades are solved
 * to 1 % of the tear tolerance ({@link #tightSettings}); trace components of the outlets are still only known to
 * about that tolerance times the cascade's conditioning, which puts a floor of roughly 1e-13 to
 * 1e-11 under the relative tear residual of a stream carrying traces. A residual that stalls there
 * ends the iteration early with a message saying so.
 *
 * <p><b>Update.</b> Successive substitution x ← g(x), accelerated per component by Wegstein's
 * method (Wegstein, Commun. ACM 1 (1958) 9): with the secant slope s = Δg/Δx of the last two
 * passes, q = s/(s − 1) clipped to [−5, 0] and x ← q x + (1 − q) g(x); only once two falling
 * residuals show that substitution contracts, and not for changes within 100 × the tolerance
 * (noise). The accelerated step is shortened per stream so that the guess stays feasible (no
 * component below a tenth of its plain value, the stream on its model's exact balances, an
 * organic's free extractant above a tenth of the plain value's: {@link #update}). An accelerated
 * pass that makes the residual grow is followed by plain passes until two falling residuals allow
 * acceleration again; only if a cascade fails to solve from an accelerated guess does the
 * iteration continue by plain substitution (and the report says so).
 *
 * <p>Instances are not thread-safe.
 */
public final class FlowsheetSolver {
    /** Bounds of Wegstein's q. */
    static final double Q_MIN = -5;
    static final double Q_MAX = 0;
    /** Floor of the tear residual's denominator, relative to the stream's total. */
    static final double TRACE_FLOOR = 1e-14;
    /**
     * An accelerated guess keeps every component and the capacity of a torn stream at least this
     * share of its plain-substitution value (a trace may fall tenfold per pass, never to 0 or below).
     */
    static final double KEEP = 0.1;
    /** Passes of the sharp-split flowsheet that gives the first guess. */
    static final int SHARP_PASSES = 200;
    /** Relative changes below NOISE × the tear tolerance are not accelerated. */
    static final double NOISE = 100;
    /** The tightest tolerance a cascade solve is asked for. */
    static final double MIN_UNIT_TOLERANCE = 1e-14;
    /**
     * A residual within {@value #STALL_BAND} × the tolerance that has not halved for
     * {@value #STALL_PASSES} passes has stalled at the accuracy of the cascade solves.
     */
    static final int STALL_PASSES = 25;
    static final double STALL_BAND = 1000;
    /**
     * Fail fast: from pass 2 × {@value #RATE_PASSES} on, the best residual's fall over the last
     * {@value #RATE_PASSES} passes is extrapolated geometrically; a recycle that would need more than
     * {@value #RATE_SLACK} × maxTearIterations passes in all at that rate is reported at once, with the
     * rate and the passes it would need, instead of after every pass has been spent.
     */
    static final int RATE_PASSES = 50;
    static final double RATE_SLACK = 3;

    private NewtonCascadeSolver[] solvers;

    /**
     * Solves the flowsheet with its own settings.
     *
     * @throws FlowsheetConvergenceException if a cascade or the recycle iteration does not converge
     */
    public FlowsheetResult solve(Flowsheet fs) {
        return solve(fs, fs.settings());
    }

    /** Solves the flowsheet with the given settings (e.g. another tear start). */
    public FlowsheetResult solve(Flowsheet fs, FlowsheetSettings settings) {
        int u = fs.units().size();
        if (solvers == null || solvers.length != u) {
            solvers = new NewtonCascadeSolver[u];
            for (int i = 0; i < u; i++) {
                solvers[i] = new NewtonCascadeSolver();
            }
        }
        List<Integer> torn = fs.tornSources();
        double[][] x = initialTears(fs, settings.tearStart());
        // a cascade whose inlets depend on no torn stream is the same in every pass: solved once, first;
        // one that depends on a torn stream but feeds none is solved once, after the recycles converged
        boolean[] depends = dependsOnTear(fs);
        boolean[] feeds = feedsTear(fs);
        boolean[] once = new boolean[u];
        boolean[] loop = new boolean[u];
        boolean[] after = new boolean[u];
        for (int i = 0; i < u; i++) {
            once[i] = !depends[i];
            loop[i] = depends[i] && feeds[i];
            after[i] = depends[i] && !feeds[i];
        }
        UnitResult[] results = new UnitResult[u];
        double[][] flows = freshFlows(fs);
        solveUnits(fs, settings, once, x, results, flows, 1, Double.NaN);
        if (torn.isEmpty()) {
            return new FlowsheetResult(fs, List.of(results), rareEarths(fs, flows), 1, 0, new double[] {0}, "no recycle: one pass");
        }
        boolean wegstein = settings.acceleration() == FlowsheetSettings.Acceleration.WEGSTEIN;
        String acceleration = wegstein ? "successive substitution with bounded Wegstein acceleration (q in [-5, 0])"
                : "plain successive substitution";
        double[][] xPrev = null;
        double[][] gPrev = null;
        boolean accelerated = false;
        int refused = 0;
        int acceleratedPasses = 0;
        double last = Double.POSITIVE_INFINITY;
        double beforeLast = Double.POSITIVE_INFINITY;
        double best = Double.POSITIVE_INFINITY;
        int bestPass = 0;
        double[] history = new double[settings.maxTearIterations()];
        double[] bestHistory = new double[settings.maxTearIterations()];
        int[] worst = new int[2];
        for (int k = 1; k <= settings.maxTearIterations(); k++) {
            try {
                solveUnits(fs, settings, loop, x, results, flows, k, last);
            } catch (FlowsheetConvergenceException e) {
                if (!accelerated) {
                    throw e;
                }
                // a cascade failed from an accelerated guess: go on by plain substitution
                wegstein = false;
                acceleration = "successive substitution; Wegstein acceleration switched off at pass " + k
                        + " (a cascade did not solve from the accelerated guess)";
                x = copy(gPrev);
                accelerated = false;
                solveUnits(fs, settings, loop, x, results, flows, k, last);
            }
            double[][] g = new double[torn.size()][];
            for (int m = 0; m < torn.size(); m++) {
                g[m] = flows[torn.get(m)].clone();
            }
            double r = residual(fs, x, g, worst);
            history[k - 1] = r;
            if (r <= settings.tearTolerance()) {
                solveUnits(fs, settings, after, x, results, flows, k, last);
                return new FlowsheetResult(fs, List.of(results), rareEarths(fs, flows), k, r, Arrays.copyOf(history, k),
                        acceleration + accelerationCount(settings, acceleratedPasses, refused));
            }
            if (r < best / 2) {
                best = r;
                bestPass = k;
            }
            bestHistory[k - 1] = Math.min(r, k > 1 ? bestHistory[k - 2] : r);
            if (k == settings.maxTearIterations()) {
                break;
            }
            if (k >= 2 * RATE_PASSES && bestHistory[k - 1] >= STALL_BAND * settings.tearTolerance()) {
                double now = bestHistory[k - 1];
                double then = bestHistory[k - 1 - RATE_PASSES];
                double rate = Math.pow(now / then, 1.0 / RATE_PASSES);
                double needed = rate < 1 ? Math.log(settings.tearTolerance() / now) / Math.log(rate)
                        : Double.POSITIVE_INFINITY;
                if (k + needed > RATE_SLACK * settings.maxTearIterations()) {
                    throw slowRecycle(fs, settings, k, r, now, then, rate, needed, torn, worst);
                }
            }
            if (best < STALL_BAND * settings.tearTolerance() && k - bestPass >= STALL_PASSES) {
                throw new FlowsheetConvergenceException(String.format(Locale.ROOT,
                        "the recycle did not converge: the tear residual stalled at %.3e (tolerance %.1e) for the "
                                + "last %d of %d passes (largest at %s, component %s): that is the accuracy to which "
                                + "the cascade solves pin down the stream's trace components",
                        r, settings.tearTolerance(), k - bestPass, k, fs.sources().get(torn.get(worst[0])).name(),
                        fs.streamComponents().get(worst[1])),
                        String.format(Locale.ROOT, "Loosen solver.tearTolerance in the flowsheet file (e.g. to %.0e).",
                                Math.pow(10, Math.ceil(Math.log10(best * 10)))),
                        k, r, null);
            }
            if (accelerated && r > last) {
                // the accelerated guess made things worse (often a trace's relative change): plain passes
                // until the residual falls twice again
                refused++;
            }
            // accelerate only where plain substitution is seen to contract (two falling residuals)
            boolean accelerate = wegstein && xPrev != null && r < last && last < beforeLast;
            beforeLast = last;
            last = r;
            double[][] next = update(fs, x, g, xPrev, gPrev, accelerate, settings.tearTolerance());
            accelerated = accelerate;
            acceleratedPasses += accelerate ? 1 : 0;
            xPrev = x;
            gPrev = g;
            x = next;
        }
        int n = settings.maxTearIterations();
        String stream = fs.sources().get(torn.get(worst[0])).name();
        throw new FlowsheetConvergenceException(String.format(Locale.ROOT,
                "the recycle did not converge: tear residual %.3e after %d passes (largest at %s, component %s), "
                        + "tolerance %.1e; %s", history[n - 1], n, stream, fs.streamComponents().get(worst[1]),
                settings.tearTolerance(), acceleration + accelerationCount(settings, acceleratedPasses, refused)),
                "Raise solver.maxTearIterations (or loosen solver.tearTolerance) in the flowsheet file to go on.",
                n, history[n - 1], null);
    }

    /** The fail-fast error of a recycle whose residual falls too slowly to reach the tolerance in time. */
    private static FlowsheetConvergenceException slowRecycle(Flowsheet fs, FlowsheetSettings settings, int k, double r,
                                                             double now, double then, double rate, double needed,
                                                             List<Integer> torn, int[] worst) {
        String at = String.format(Locale.ROOT, "largest at %s, component %s", fs.sources().get(torn.get(worst[0])).name(),
                fs.streamComponents().get(worst[1]));
        String pace = rate < 1
                ? String.format(Locale.ROOT, "at that pace the tolerance %.1e needs about %.0f more passes, beyond "
                        + "solver.maxTearIterations = %d", settings.tearTolerance(), Math.ceil(needed),
                        settings.maxTearIterations())
                : String.format(Locale.ROOT, "it did not fall at all, so the tolerance %.1e will not be reached",
                        settings.tearTolerance());
        String hint = rate < 1 && k + needed <= FlowsheetSettings.MAX_TEAR_ITERATIONS_LIMIT
                ? String.format(Locale.ROOT, "To let it run, raise solver.maxTearIterations to about %.0f (or loosen "
                        + "solver.tearTolerance). A recycle that feeds a cascade its own outlet (e.g. its organic drawn "
                        + "at stage n and returned at n + 1) contracts slowly: consider changing the flowsheet instead.",
                        Math.ceil(1.2 * (k + needed)))
                : "The tear iteration does not contract: check that the recycle can balance (docs/flowsheets.md, "
                        + "\"How a flowsheet is solved\"); a recycle that feeds a cascade its own outlet contracts slowly or not at all.";
        return new FlowsheetConvergenceException(String.format(Locale.ROOT,
                "the recycle is not converging fast enough: the best tear residual fell from %.2e to %.2e over the "
                        + "last %d of %d passes (×%.3f per pass; this pass %.2e, %s); %s",
                then, now, RATE_PASSES, k, rate, r, at, pace), hint, k, r, null);
    }

    /**
     * The first guess of the torn streams. CMER: their exact RE totals with the start's
     * composition. Mass action (RE totals not known before solving; {@code sharp} taken as
     * {@code feed}): each torn stream at its exact volume as the fresh feeds' mixed solution (their
     * RE concentration and acidity; composition that of the fresh RE, or equal fractions of the
     * fed rare earths for {@code uniform}), no cation.
     */
    static double[][] initialTears(Flowsheet fs, FlowsheetSettings.TearStart start) {
        if (start == FlowsheetSettings.TearStart.SHARP && fs.streams().exactTotals()) {
            return sharpSplitTears(fs);
        }
        List<Integer> torn = fs.tornSources();
        double[] fresh = fs.freshFeed();
        double[] z = fresh.clone();
        if (start == FlowsheetSettings.TearStart.UNIFORM) {
            int fed = 0;
            for (double f : fresh) {
                fed += f > 0 ? 1 : 0;
            }
            for (int j = 0; j < z.length; j++) {
                z[j] = fresh[j] > 0 ? 1.0 / fed : 0;
            }
        }
        // the fresh feeds' mixed solution, where they come as solutions (mass action)
        double volume = 0;
        double acid = 0;
        for (FreshFeed f : fs.feeds()) {
            if (f.solution() != null) {
                volume += f.solution().flow();
                acid += f.solution().flow() * f.solution().acidity();
            }
        }
        double[][] x = new double[torn.size()][];
        for (int m = 0; m < torn.size(); m++) {
            x[m] = fs.streams().startStream(fs.sourceTotal(torn.get(m)), z, fs.feedTotal(), volume, acid,
                    fs.sources().get(torn.get(m)).phase());
        }
        return x;
    }

    /**
     * Torn streams of the flowsheet with every cascade replaced by a sharp split (infinitely many
     * stages): each outlet keeps its exact total from the metal balance; the raffinate is filled with
     * the least extractable components first, the loaded organic with the most extractable, and the
     * side draws share what is left. The split flowsheet is iterated by substitution (cheap, no
     * cascade is solved) from the fresh-feed start, at most {@value #SHARP_PASSES} times.
     */
    static double[][] sharpSplitTears(Flowsheet fs) {
        double[][] x = initialTears(fs, FlowsheetSettings.TearStart.FEED);
        List<Integer> torn = fs.tornSources();
        int c = fs.components().size();
        Integer[] order = new Integer[c];
        for (int j = 0; j < c; j++) {
            order[j] = j;
        }
        Arrays.sort(order, (a, b) -> Double.compare(fs.streams().extractability(a), fs.streams().extractability(b)));
        for (int iteration = 0; iteration < SHARP_PASSES; iteration++) {
            double[][] flows = freshFlows(fs);
            for (int i = 0; i < fs.units().size(); i++) {
                FlowsheetUnit unit = fs.units().get(i);
                double[] in = new double[c];
                for (double[] f : inletFlows(fs, i, flows, x)) {
                    for (int j = 0; j < c; j++) {
                        in[j] += f[j];
                    }
                }
                int raff = fs.raffinateSource(i);
                int org = fs.organicSource(i);
                flows[raff] = new double[c];
                flows[org] = new double[c];
                double room = fs.sourceTotal(raff);
                for (int o = 0; o < c && room > 0; o++) {
                    double take = Math.min(in[order[o]], room);
                    flows[raff][order[o]] = take;
                    in[order[o]] -= take;
                    room -= take;
                }
                room = fs.sourceTotal(org);
                for (int o = c - 1; o >= 0 && room > 0; o--) {
                    double take = Math.min(in[order[o]], room);
                    flows[org][order[o]] = take;
                    in[order[o]] -= take;
                    room -= take;
                }
                // the other outlets (side draws) share what is left in proportion to their totals
                int outlets = unit.outlets().size();
                double drawn = 0;
                for (int o = 2; o < outlets; o++) {
                    drawn += fs.sourceTotal(fs.outletSource(i, o));
                }
                for (int o = 2; o < outlets; o++) {
                    int s = fs.outletSource(i, o);
                    flows[s] = new double[c];
                    for (int j = 0; j < c; j++) {
                        flows[s][j] = in[j] * fs.sourceTotal(s) / drawn;
                    }
                }
            }
            double change = 0;
            for (int m = 0; m < torn.size(); m++) {
                double[] g = flows[torn.get(m)];
                double floor = TRACE_FLOOR * fs.sourceTotal(torn.get(m));
                for (int j = 0; j < c; j++) {
                    change = Math.max(change, Math.abs(g[j] - x[m][j]) / Math.max(g[j], floor));
                }
                x[m] = g.clone();
            }
            if (change <= 1e-12) {
                break;
            }
        }
        return x;
    }

    /** Component flows of the fresh feeds (other sources left null). */
    private static double[][] freshFlows(Flowsheet fs) {
        double[][] flows = new double[fs.sources().size()][];
        for (int s = 0; s < flows.length; s++) {
            Source src = fs.sources().get(s);
            if (!src.isOutlet()) {
                flows[s] = fs.freshStream(src.feed());
            }
        }
        return flows;
    }

    /**
     * Cascades whose inlets depend on a torn stream: they read one, or an outlet of such a cascade
     * solved before them.
     */
    static boolean[] dependsOnTear(Flowsheet fs) {
        boolean[] depends = new boolean[fs.units().size()];
        for (int i = 0; i < depends.length; i++) {
            for (int k = 0; k < fs.units().get(i).inlets().size(); k++) {
                Source src = fs.sources().get(fs.inletSource(i, k));
                depends[i] |= fs.readsTear(i, k) || src.isOutlet() && depends[src.unit()];
            }
        }
        return depends;
    }

    /**
     * Cascades whose outlets reach a torn stream: one of them is torn, or is read by such a cascade
     * solved after them.
     */
    static boolean[] feedsTear(Flowsheet fs) {
        boolean[] feeds = new boolean[fs.units().size()];
        for (int s : fs.tornSources()) {
            feeds[fs.sources().get(s).unit()] = true;
        }
        // a cascade is read (untorn) only by later ones, so going backwards each is final when reached
        for (int i = feeds.length - 1; i >= 0; i--) {
            for (int k = 0; feeds[i] && k < fs.units().get(i).inlets().size(); k++) {
                Source src = fs.sources().get(fs.inletSource(i, k));
                if (src.isOutlet() && !fs.readsTear(i, k)) {
                    feeds[src.unit()] = true;
                }
            }
        }
        return feeds;
    }

    /** Component flows of cascade i's inlets: each its share of its source, a torn source at x. */
    private static List<double[]> inletFlows(Flowsheet fs, int i, double[][] flows, double[][] x) {
        FlowsheetUnit unit = fs.units().get(i);
        List<double[]> list = new ArrayList<>();
        for (int k = 0; k < unit.inlets().size(); k++) {
            int s = fs.inletSource(i, k);
            double[] from = fs.readsTear(i, k) ? x[fs.tornSources().indexOf(s)] : flows[s];
            double[] f = new double[from.length];
            for (int j = 0; j < f.length; j++) {
                f[j] = unit.inlets().get(k).fraction() * from[j];
            }
            list.add(f);
        }
        return list;
    }

    /**
     * Solves, in order, the cascades marked in {@code which}, torn streams at x: each one's result
     * replaces its entry in {@code results} and its outlets' component flows theirs in {@code flows}.
     */
    private void solveUnits(Flowsheet fs, FlowsheetSettings settings, boolean[] which, double[][] x,
                            UnitResult[] results, double[][] flows, int k, double lastResidual) {
        int c = fs.streamComponents().size();
        SolverSettings unitSettings = fs.tornSources().isEmpty() ? settings.unitSettings() : tightSettings(settings);
        for (int i = 0; i < fs.units().size(); i++) {
            if (!which[i]) {
                continue;
            }
            FlowsheetUnit unit = fs.units().get(i);
            List<double[]> inletFlows = inletFlows(fs, i, flows, x);
            CascadeNetwork net;
            try {
                net = fs.network(i, inletFlows);
            } catch (InvalidInputException e) {
                throw fs.unitError(i, e);
            }
            SteadyState previous = results[i] == null ? null : results[i].state();
            SteadyState state = solveUnit(fs, i, net, unitSettings, settings.unitSettings(), previous, k, lastResidual);
            UnitResult r = new UnitResult(unit, net, state, inletFlows);
            results[i] = r;
            for (int o = 0; o < unit.outlets().size(); o++) {
                int s = fs.outletSource(i, o);
                flows[s] = new double[c];
                for (int j = 0; j < c; j++) {
                    flows[s][j] = r.outlet(o, j);
                }
            }
        }
    }

    /**
     * The cascades' settings inside a recycle: a solve stops as soon as every stage balances to its
     * tolerance, and the outlets' trace components are only as exact as that tolerance times the
     * cascade's conditioning (easily 100 to 1000 for a trace leaving at the "wrong" end). A tear
     * residual below that would be noise. Inside a recycle the cascades are therefore solved to 1 %
     * of the tear tolerance (not below 1e-14, the solver's limit, nor above the case's tolerance).
     */
    static SolverSettings tightSettings(FlowsheetSettings settings) {
        double tol = Math.max(MIN_UNIT_TOLERANCE, Math.min(settings.tolerance(), 0.01 * settings.tearTolerance()));
        return new SolverSettings(SolverSettings.Method.NEWTON, tol, settings.maxIterations());
    }

    /**
     * One cascade's Newton solve. Cold first, so that each pass is a function of its inlets alone
     * (for a cascade with one feed stage the solver's split-shooting start is exact to rounding).
     * Should that fail (long cascades with extreme traces can defeat the cold start), from the
     * cascade's state of the last pass, then at the case's own tolerance.
     */
    private SteadyState solveUnit(Flowsheet fs, int i, CascadeNetwork net, SolverSettings settings,
                                  SolverSettings loose, SteadyState previous, int k, double lastResidual) {
        NoConvergenceException first;
        try {
            return solvers[i].solve(net, settings);
        } catch (NoConvergenceException e) {
            first = e;
        }
        List<SolverSettings> tries = loose.tolerance() > settings.tolerance() ? List.of(settings, loose) : List.of(settings);
        for (SolverSettings s : tries) {
            if (previous != null && net.isPlain()) {
                try {
                    return solvers[i].solve(net, s, previous.lnAqueous());
                } catch (NoConvergenceException e) {
                    // next
                }
            }
        }
        if (loose.tolerance() > settings.tolerance()) {
            try {
                return solvers[i].solve(net, loose);
            } catch (NoConvergenceException e) {
                // report the first failure
            }
        }
        FlowsheetUnit u = fs.units().get(i);
        throw new FlowsheetConvergenceException(String.format(Locale.ROOT,
                "cascade %s (cascades[%d]) did not converge in pass %d through the flowsheet%s: %s", u.name(),
                i, k, Double.isFinite(lastResidual) ? String.format(Locale.ROOT,
                        " (tear residual %.3e after pass %d)", lastResidual, k - 1) : "", first.getMessage()),
                first.limitReached() ? "Raise solver.maxIterations in the flowsheet file to go on."
                        : "This is a known limitation of the Newton solver on some long cascades "
                        + "(docs/theory.md, Known limitations).",
                k, lastResidual, first);
    }

    /**
     * max over torn streams and components of |g − x| / max(g, 1e-14 · total); where = {stream,
     * component}. The total is the stream's exact RE total (CMER) or the sum of its component
     * flows, RE, cation and acid (mass action).
     */
    static double residual(Flowsheet fs, double[][] x, double[][] g, int[] where) {
        double worst = 0;
        for (int m = 0; m < g.length; m++) {
            double floor = TRACE_FLOOR * streamTotal(fs, m, g[m]);
            for (int j = 0; j < g[m].length; j++) {
                double r = Math.abs(g[m][j] - x[m][j]) / Math.max(g[m][j], floor);
                if (!(r <= worst)) {
                    worst = Double.isNaN(r) ? Double.POSITIVE_INFINITY : r;
                    where[0] = m;
                    where[1] = j;
                }
            }
        }
        return worst;
    }

    /** Torn stream m's total for the trace floor: its exact RE total (CMER), else the sum of its flows g. */
    private static double streamTotal(Flowsheet fs, int m, double[] g) {
        if (fs.streams().exactTotals()) {
            return fs.sourceTotal(fs.tornSources().get(m));
        }
        double sum = 0;
        for (double v : g) {
            sum += v;
        }
        return sum;
    }

    /** How many passes were accelerated and how many of those made the residual grow, for the report. */
    private static String accelerationCount(FlowsheetSettings settings, int accelerated, int refused) {
        if (settings.acceleration() != FlowsheetSettings.Acceleration.WEGSTEIN) {
            return "";
        }
        return String.format(Locale.ROOT, "; %d passes accelerated, %d of them followed by plain passes (the residual "
                + "grew)", accelerated, refused);
    }

    /**
     * The next guess: Wegstein per component (q clipped to [−5, 0]) or plain substitution, kept
     * feasible. The accelerated step is w_j = −q_j (g_j − x_j) from the plain value g; it is
     * shortened to g + a·w, one a in [0, 1] per stream ({@link #feasibleShare}), so that the
     * guess stays inside what a stream can be: no component below {@value #KEEP} of its plain
     * value, the stream on its model's exact balances ({@link StreamModel#project}: a CMER stream's
     * RE total, a mass-action organic's extractant sites) and its capacity
     * ({@link StreamModel#capacity}: a mass-action organic's free extractant) above {@value #KEEP}
     * of the plain value's. Per-component slopes of coupled components can point outside that set
     * (a trace pushed below zero, an organic loaded beyond its extractant); the plain value g
     * itself left a solved cascade and is feasible, so a = 0 always is.
     */
    static double[][] update(Flowsheet fs, double[][] x, double[][] g, double[][] xPrev, double[][] gPrev,
                             boolean wegstein, double tearTolerance) {
        StreamModel model = fs.streams();
        double[][] next = new double[g.length][];
        for (int m = 0; m < g.length; m++) {
            int source = fs.tornSources().get(m);
            FeedPhase phase = fs.sources().get(source).phase();
            double fixed = fs.sourceTotal(source);
            double total = streamTotal(fs, m, g[m]);
            double[] plain = g[m];
            double[] w = new double[plain.length];
            if (wegstein && xPrev != null) {
                for (int j = 0; j < w.length; j++) {
                    double dx = x[m][j] - xPrev[m][j];
                    double q = 0;
                    // a secant through changes near the solves' own accuracy is noise: no acceleration there
                    if (Math.abs(dx) > Math.max(TRACE_FLOOR * total, NOISE * tearTolerance * Math.abs(g[m][j]))) {
                        double s = (g[m][j] - gPrev[m][j]) / dx;
                        q = s == 1 ? Q_MIN : s / (s - 1);
                        q = Double.isNaN(q) ? 0 : Math.max(Q_MIN, Math.min(Q_MAX, q));
                    }
                    // x ← q x + (1 − q) g = g − q (g − x); a component absent from g stays absent
                    w[j] = g[m][j] > 0 ? -q * (g[m][j] - x[m][j]) : 0;
                }
            }
            double a = feasibleShare(model, plain, w, fixed, phase);
            double[] v = new double[plain.length];
            for (int j = 0; j < v.length; j++) {
                v[j] = plain[j] + a * w[j];
            }
            model.project(v, fixed, phase);
            next[m] = v;
        }
        return next;
    }

    /**
     * The largest a in [0, 1] such that plain + a·w keeps every component at least {@value #KEEP}
     * of its plain value and, put on its balances ({@link StreamModel#project}, affine where
     * {@link StreamModel#capacity} is not 0), the stream's capacity at least {@value #KEEP} of the
     * plain value's. Each bound is linear in a, so it follows from the values at a = 0 and a = 1.
     */
    static double feasibleShare(StreamModel model, double[] plain, double[] w, double fixed, FeedPhase phase) {
        double a = 1;
        double[] full = new double[plain.length];
        for (int j = 0; j < full.length; j++) {
            full[j] = plain[j] + w[j];
            a = shorter(a, plain[j], full[j]);
        }
        double[] base = plain.clone();
        model.project(base, fixed, phase);
        model.project(full, fixed, phase);
        return shorter(a, model.capacity(base, phase), model.capacity(full, phase));
    }

    /** The largest share ≤ a of the step from {@code at0} to {@code at1} that keeps the value ≥ KEEP · at0. */
    private static double shorter(double a, double at0, double at1) {
        if (at1 >= KEEP * at0) {
            return a;
        }
        // at0 + a (at1 − at0) ≥ KEEP at0; at0 ≤ 0 (a component absent, no capacity) allows no step down
        return at0 > 0 ? Math.min(a, (1 - KEEP) * at0 / (at0 - at1)) : 0;
    }

    /** The RE part of every source's component flows (mass-action streams also carry cation and acid). */
    private static double[][] rareEarths(Flowsheet fs, double[][] flows) {
        int r = fs.components().size();
        double[][] re = new double[flows.length][];
        for (int s = 0; s < flows.length; s++) {
            re[s] = Arrays.copyOf(flows[s], r);
        }
        return re;
    }

    private static double[][] copy(double[][] a) {
        double[][] b = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i].clone();
        }
        return b;
    }

}
