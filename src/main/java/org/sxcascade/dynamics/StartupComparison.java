package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.sxcascade.model.InvalidInputException;

/**
 * Start-up strategies compared side by side ({@code transient --compare}): each strategy's run of
 * the same case, with its time to each purity target (or, where the run ended first, the projected
 * time) and what it used until then: the RE of the initial fill, the RE fed, and the reagents of
 * the model ({@link TransientModel#reagentNames()}).
 *
 * <p>Amounts are in the model's amount unit; where that is relative to the feed (no plant data),
 * in units of the full feed rate of the case (h of feed), so that a ramped feed compares with the rest.
 *
 * @param strategies the strategies, in the order run
 * @param rows       each strategy's outcome, in that order
 */
public record StartupComparison(List<StartupStrategy> strategies, List<Row> rows, List<String> skipped) {
    public StartupComparison {
        strategies = List.copyOf(strategies);
        rows = List.copyOf(rows);
        skipped = List.copyOf(skipped);
    }

    /**
     * One strategy's outcome.
     *
     * @param strategy  the strategy
     * @param result    its run
     * @param targets   per purity target: the time and what was used until then
     * @param steady    the time to steady state (within the run's tolerance) and what was used until then
     * @param fill      RE held at t = 0 (the initial fill), amount unit
     */
    public record Row(StartupStrategy strategy, TransientResult result, List<Use> targets, Use steady, double fill) {
        public Row {
            targets = List.copyOf(targets);
        }
    }

    /**
     * The time to a target and what was used until then.
     *
     * @param name       the target: the product's label and its purity group (e.g. {@code raffinate Pr}),
     *                   or {@code steady state}
     * @param target     the purity target (NaN for the steady state)
     * @param hours      the time reached in the run, or projected (see {@code status}), or {@code null}
     * @param status     {@code reached}, {@code projected} (the run ended first; projected from its
     *                   slowest mode) or {@code not yet on target} (no estimate: {@code reason} says why)
     * @param reason     how the time was found, or why there is none
     * @param finalPurity the purity at the end of the run (NaN for the steady state)
     * @param feedUsed   RE fed from t = 0 to {@code hours} (to the end of the run where there is no time)
     * @param reagents   each reagent fed until then, in the order of {@link TransientModel#reagentNames()}
     */
    public record Use(String name, double target, Double hours, String status, String reason, double finalPurity,
                      double feedUsed, double[] reagents) {
        public Use {
            reagents = reagents.clone();
        }

        @Override
        public double[] reagents() {
            return reagents.clone();
        }

        /** Whether the time was reached in the run. */
        public boolean reached() {
            return status.equals(REACHED);
        }
    }

    public static final String REACHED = "reached";
    public static final String PROJECTED = "projected";
    public static final String NOT_YET = "not yet on target";

    /**
     * Runs every strategy on {@code tc} with {@code run} (the solver of the case's method, with any
     * progress shown by the caller).
     *
     * @param applicableOnly whether a strategy that does not suit the case is left out (told in
     *                       {@link #skipped()}) rather than an error
     * @throws InvalidInputException where a strategy does not suit the case (unless
     *         {@code applicableOnly}), or the case has events (a start-up comparison runs the case's
     *         own flows): the message names the strategy
     */
    public static StartupComparison run(TransientCase tc, List<StartupStrategy> strategies, boolean applicableOnly,
                                        BiFunction<TransientCase, StartupStrategy, TransientResult> run) {
        if (strategies.isEmpty()) {
            throw new InvalidInputException("--compare", "(none)", StartupStrategy.ALL);
        }
        if (!tc.settings().events().isEmpty()) {
            throw new InvalidInputException("transient.events", tc.settings().events().size() + " events",
                    "none for --compare: the strategies are compared on the case's own flows (remove the events, "
                            + "or run them without --compare)");
        }
        List<Row> rows = new ArrayList<>();
        List<StartupStrategy> run2 = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (StartupStrategy s : strategies) {
            TransientResult r;
            try {
                r = run.apply(tc, s);
            } catch (InvalidInputException e) {
                InvalidInputException named = e.field().startsWith(s.label()) ? e : e.under(s.label());
                if (applicableOnly) {
                    skipped.add(s.label() + " left out: " + named.getMessage());
                    continue;
                }
                throw named;
            }
            run2.add(s);
            rows.add(row(s, r));
        }
        if (rows.isEmpty()) {
            throw new InvalidInputException("--compare", "(every strategy)", "at least one strategy that suits the "
                    + "case: " + String.join("; ", skipped));
        }
        return new StartupComparison(run2, rows, skipped);
    }

    /** A strategy's outcome from its run. */
    static Row row(StartupStrategy s, TransientResult r) {
        TransientModel model = r.model();
        int last = model.configurations() - 1;
        // amounts relative to the feed are given per full (final) feed rate
        double unit = r.amountUnit().equals("mol") ? 1 : 1 / model.perOwnUnit(last);
        boolean relativeReagents = !r.amountUnit().equals("mol") && model.reagentNames().get(0).contains("per mol/h");
        List<Use> uses = new ArrayList<>();
        for (TargetTime t : r.targets()) {
            Projection p = r.projection(t);
            String name = TransientResult.label(t.product()) + " " + String.join("+", t.purityOf());
            uses.add(use(r, name, t.target(), t.reached(), p, t.finalPurity(), unit, relativeReagents));
        }
        Projection ps = r.projectionToSteadyState();
        Use steady = use(r, "steady state", Double.NaN, r.hoursToSteadyState() != null, ps, Double.NaN, unit,
                relativeReagents);
        TransientSample first = r.samples().get(0);
        double fill = 0;
        int graded = model.graded().size();
        for (double[] section : first.sectionInventories()) {
            for (int j = 0; j < graded; j++) {
                fill += section[j];
            }
        }
        return new Row(s, r, uses, steady, fill * unit);
    }

    private static Use use(TransientResult r, String name, double target, boolean reached, Projection p,
                           double finalPurity, double unit, boolean relativeReagents) {
        String status = reached ? REACHED : p.estimated() ? PROJECTED : NOT_YET;
        double until = p.estimated() ? p.hours() : r.settings().simulatedHours();
        TransientModel model = r.model();
        List<TransientEvent> events = r.settings().events();
        double feed = 0;
        double[] reagents = new double[model.reagentNames().size()];
        double from = 0;
        for (int i = 0; i < model.configurations() && from < until; i++) {
            double to = i < events.size() ? Math.min(events.get(i).hours(), until) : until;
            double dt = to - from;
            feed += model.perOwnUnit(i) * dt;
            double[] rates = model.reagentRates(i);
            for (int x = 0; x < reagents.length; x++) {
                reagents[x] += rates[x] * dt;
            }
            from = to;
        }
        if (relativeReagents) {
            for (int x = 0; x < reagents.length; x++) {
                reagents[x] *= unit;
            }
        }
        return new Use(name, target, p.hours(), status, p.reason(), finalPurity,
                feed * (r.amountUnit().equals("mol") ? 1 : unit), reagents);
    }
}
