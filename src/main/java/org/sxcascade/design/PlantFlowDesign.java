package org.sxcascade.design;

import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.io.MassActionDesignSettings;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.MassActionPreload;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.NoConvergenceException;
import org.sxcascade.solver.SteadyState;

/**
 * Designs a mass-action cascade (docs/design.md, "Mass-action cascades"): Xu's design of the
 * equivalent constant-β problem, translated to plant flows, then verified and tuned by
 * mass-action simulation.
 *
 * <ol>
 * <li>β of every rare earth is its exchange constant: in the mass-action model
 *     D_j = K_j e³/h³ on every stage, so D_A/D_B = K_A/K_B exactly (docs/mass-action.md); the same
 *     holds for a correlation {@code D_j = K_j e^b/h^a} whose slopes a, b are the same for every
 *     rare earth. When the slopes differ, β varies with pH and free dimer, and the design uses β at
 *     a {@link Reference} condition ({@link #reference}), which the output states; the
 *     stage-by-stage mass-action verification below then uses the real, varying β. The CMER designer
 *     ({@link CascadeDesigner}) solves that problem with the case's feed and targets: S, W and
 *     the fewest stages n + m that meet both targets in the CMER model.</li>
 * <li>Plant flows ({@link #translate}): organic S·F/loading, saponification for 3 mol base per
 *     mol RE loaded plus a margin, strip acid 3 mol H⁺ per mol RE stripped plus an excess, p strip
 *     stages, and a reflux: Xu's W/S would return W of the S stripped as scrub, but the organic
 *     takes up about S·(1 + margin) (its base over 3), so the search starts from
 *     1 − (S − W)/(S·(1 + margin)), which leaves the product f'_A = S − W.</li>
 * <li>The mass-action flows only approximate Xu's, so the reflux is searched: the one at which
 *     both products miss or beat their targets by the same amount, measured in logit purity
 *     ln(P/(1 − P)), found by bracketing and false position (the difference rises monotonically
 *     with the reflux: more reflux purifies the strip product and spoils the raffinate). If that
 *     reflux misses the targets, stages are added to both sections, as many as Xu's per-stage
 *     enrichment (βE_M in extraction, β/E'_M in scrubbing) says the shortfall needs, and the
 *     reflux is searched again, up to the stage limit: the growth step of the shared stage search
 *     ({@link StageSearch#grow}), with the {@link TargetMargin#logit logit purities} as its measures.</li>
 * </ol>
 *
 * <p>Feeds and pre-load (docs/design.md, "Several feeds and a pre-load"). The constant-β problem
 * of step 1 takes the mixture of all aqueous feeds ({@link MassActionCase#feed()}); the plant flows
 * are in units of their total RE. The verification in step 3 simulates the real layout: each feed
 * keeps its offset from stage n that it has in the template ({@link #feedOffsets}): a feed without
 * a stage of its own enters stage n, a feed given at stage k of a template with n extraction
 * stages enters n' + (k − n) of the design, and n' and m' are at least what holds every feed in
 * the extraction and scrubbing sections. A pre-loaded organic ({@code flows.preload}) keeps its RE
 * concentration (mol/L of organic) and composition; its RE flow follows the designed organic flow,
 * and the saponification is sized as without it (the pre-load is made from the saponified organic,
 * replacing 3 M per RE, so the organic's exchange capacity is the same). What the mixture at stage
 * n and the barren organic of Xu's design do not hold, the reflux search and the added stages of
 * step 3 make up, as they do for the difference between mass action and constant β.
 *
 * <p>A reflux at which the solver reaches no steady state is taken as one below the feasible
 * range: too little reflux sends more RE to the strip product than the feed brings of the A
 * group, the raffinate's acid is used up and the solve fails there (docs/mass-action.md). The
 * searches then bisect towards refluxes that solve; the design never ends on an unsolved point,
 * and if no reflux solves, the last failure is thrown.
 */
public final class PlantFlowDesign {
    /** Largest number of times stages are added before the design gives up. */
    static final int MAX_ROUNDS = 12;
    /** Reflux search: stop when the two logit margins differ by less than this. */
    static final double BALANCE_TOLERANCE = 1e-4;
    /** Reflux range: stop when the purity is within this logit distance of its target. */
    static final double RANGE_TOLERANCE = 1e-3;
    /** Reflux search: stop when the bracket is narrower than this. */
    static final double REFLUX_TOLERANCE = 1e-12;
    /** Reflux search against a reflux that does not solve: stop when the bracket is narrower than this. */
    static final double EDGE_TOLERANCE = 1e-7;
    private static final int MAX_SEARCH_SOLVES = 80;
    private static final int MAX_BRACKET_STEPS = 40;

    /**
     * Plant flows translated from Xu's flows (F = the feed's RE, mol/h; C = the extractant's
     * concentration, mol/L dimer). Volumetric flows and the saponification are rounded to 4
     * significant digits, as a plant would set them; the reagents are what those rounded flows carry.
     *
     * @param feedRate        F, mol RE/h
     * @param extractantFlow  S, mol RE per mol RE fed
     * @param scrubFlow       W, mol RE per mol RE fed
     * @param loading         design loading of the organic, mol/L RE
     * @param organicFlow     Q_org = S·F / loading, L/h
     * @param saponification  degree s = 3·S·F·(1 + margin) / (2C·Q_org)
     * @param base            saponifying base the organic carries, 2C·s·Q_org, mol/h
     * @param stripAcid       strip acid, Q_strip × acidity, mol H⁺/h (3·S·F·(1 + excess) before rounding)
     * @param stripAcidity    mol/L H⁺
     * @param stripFlow       Q_strip = 3·S·F·(1 + excess) / acidity, L/h
     * @param stripStages     p
     * @param xuReflux        W/S: the fraction of the strip liquor (which carries the S stripped)
     *                        that returns W as scrub, in Xu's flows
     * @param startReflux     where the reflux search starts, 1 − f'_A / (S·(1 + margin)): the
     *                        saponified organic takes up about S·(1 + margin) mol RE per mol fed
     *                        (its base over 3), all stripped, and f'_A = S − W of it is the product
     */
    public record Plant(double feedRate, double extractantFlow, double scrubFlow, double loading, double organicFlow,
                        double saponification, double base, double stripAcid, double stripAcidity, double stripFlow,
                        int stripStages, double xuReflux, double startReflux) {
        /** The plant flows at a reflux. */
        public MassActionFlows flows(double reflux) {
            return new MassActionFlows(organicFlow, saponification, 0, 0, stripFlow, stripAcidity, reflux);
        }
    }

    /**
     * The condition at which β is taken when the rare earths' correlation slopes differ: the
     * organic at the design loading Y in equilibrium with an aqueous at the feed's RE
     * concentration x_F. Its free dimer is {@code e = C − 3Y} (all of the saponifying cation
     * exchanged, as in the loaded organic of the scrubbing section), and its pH the one at which
     * the feed's mean distribution ratio {@code Σ_j z_j D_j(pH, e)} equals {@code Y/x_F}.
     *
     * @param pH        reference pH
     * @param freeDimer reference free dimer e, mol/L
     */
    public record Reference(double pH, double freeDimer) {
    }

    /**
     * One stage count tried, at its balanced reflux.
     *
     * @param extractionStages n
     * @param scrubStages      m
     * @param reflux           the balanced reflux
     * @param purityA          strip product purity there
     * @param purityB          raffinate purity there
     * @param solves           steady states solved for this stage count
     */
    public record Round(int extractionStages, int scrubStages, double reflux, double purityA, double purityB,
                        int solves) {
    }

    /**
     * A designed and verified mass-action cascade.
     *
     * @param cmer        the CMER design of the equivalent constant-β problem (Xu's S, W, stage counts)
     * @param settings    the design settings used
     * @param plant       the translated plant flows
     * @param rounds      every stage count tried, the last one the design's
     * @param designed    the designed case, ready for {@code simulate}
     * @param network     its stage network
     * @param state       its steady state
     * @param purityA     strip product purity (organic group) reached
     * @param purityB     raffinate purity (raffinate group) reached
     * @param met         whether both targets are met
     * @param refluxRange the reflux range over which both targets are met at the design's stages
     *                    {lowest, highest}, or {@code null} when they are not met
     * @param solves      steady states solved in all (reflux searches and range)
     * @param unsolved    refluxes at which no steady state was reached (taken as too low)
     * @param limitation  why no more stages were tried when the targets are not met, else {@code null}
     * @param reference   the condition at which β was taken, or {@code null} when the slopes are equal
     *                    (β exact on every stage)
     */
    public record Result(CascadeDesigner.Design cmer, MassActionDesignSettings settings, Plant plant,
                         List<Round> rounds, MassActionCase designed, CascadeNetwork network, SteadyState state,
                         double purityA, double purityB, boolean met, double[] refluxRange, int solves,
                         int unsolved, String limitation, Reference reference) {
        public Result {
            rounds = List.copyOf(rounds);
            refluxRange = refluxRange == null ? null : refluxRange.clone();
        }

        @Override
        public double[] refluxRange() {
            return refluxRange == null ? null : refluxRange.clone();
        }

        /** The designed reflux. */
        public double reflux() {
            return designed.flows().reflux();
        }

        /** Required purity of the strip product (P_A). */
        public double targetA() {
            return cmer.problem().purityA();
        }

        /** Required purity of the raffinate (P_B). */
        public double targetB() {
            return cmer.problem().purityB();
        }

        /**
         * The stage whose organic is most loaded (largest fraction of the extractant bound to RE,
         * 3Σ[RE]org / C) in the design's steady state, with its pH, loading and RE concentrations.
         */
        public MassActionCaseView.StageRow peakLoading() {
            MassActionCaseView.StageRow peak = null;
            for (MassActionCaseView.StageRow row : MassActionCaseView.of(designed.view(network, state))
                    .stages()) {
                if (peak == null || row.loading() > peak.loading()) {
                    peak = row;
                }
            }
            return peak;
        }

        /**
         * The fewest {n, m} that hold every feed at its offset from stage n ({1, 0} when every feed
         * enters stage n): where the verification starts when Xu's counts are fewer.
         */
        public int[] leastStages() {
            return PlantFlowDesign.leastStages(feedOffsets(designed));
        }

        /** The plant design's stage counts {n, m}. */
        public int[] stages() {
            return new int[] {designed.cascade().extractionStages(), designed.cascade().scrubStages()};
        }

        /** Stages added to the CMER design's {n, m} (to hold the feeds at their offsets, then to meet the targets). */
        public int[] addedStages() {
            return new int[] {designed.cascade().extractionStages() - cmer.verified().extractionStages(),
                    designed.cascade().scrubStages() - cmer.verified().scrubStages()};
        }
    }

    /**
     * A mass-action design as {@code design} prints it: the result with the case file's YAML tree,
     * from which the designed case file is written (every field the design does not set kept as given).
     *
     * @param result the design
     * @param tree   the case file's YAML tree, or {@code null} when no case file is to be written
     */
    public record Designed(Result result, com.fasterxml.jackson.databind.JsonNode tree) implements DesignResult {
        public Designed {
            tree = tree == null ? null : tree.deepCopy();
        }

        @Override
        public com.fasterxml.jackson.databind.JsonNode tree() {
            return tree == null ? null : tree.deepCopy();
        }

        @Override
        public boolean met() {
            return result.met();
        }

        @Override
        public String caseName() {
            return result.designed().name() == null ? "mass-action cascade" : result.designed().name();
        }

        @Override
        public String model() {
            return "mass-action";
        }

        @Override
        public List<String> header() {
            return PlantFlowDesignSections.header(result);
        }

        @Override
        public XuDesign xu() {
            return result.cmer().xu();
        }

        @Override
        public String xuTitle() {
            return "Xu's design of the same problem at constant β (flows in mol RE per mol RE fed)";
        }

        @Override
        public StageCounts stages() {
            MassActionCase c = result.designed();
            List<Integer> feeds = new ArrayList<>();
            for (int i = 0; i < c.feeds().size(); i++) {
                feeds.add(c.feedStage(i));
            }
            return new StageCounts(c.cascade().extractionStages(), c.cascade().scrubStages(), c.stripStages(),
                    "aqueous", feeds);
        }

        /** The plant flows of the design, as the case file names them. */
        @Override
        public List<Quantity> flows() {
            MassActionFlows f = result.designed().flows();
            return List.of(new Quantity("organic", f.organicFlow(), null, "L/h", "flows.organicFlow"),
                    new Quantity("saponification", f.saponification(), null, "", "flows.saponification"),
                    new Quantity("strip acid", f.stripFlow(), null, "L/h", "flows.stripFlow"),
                    new Quantity("strip acidity", f.stripAcidity(), null, "mol/L", "flows.stripAcidity"),
                    new Quantity("reflux", f.reflux(), "%.6f", "", "flows.reflux"));
        }

        @Override
        public List<Purity> purities() {
            MassActionCase c = result.designed();
            return List.of(new Purity("P_A, strip liquor " + names(c, result.cmer().inputs().organicTarget()
                            .components()), result.purityA(), result.targetA()),
                    new Purity("P_B, raffinate " + names(c, result.cmer().inputs().aqueousTarget().components()),
                            result.purityB(), result.targetB()));
        }

        private static String names(MassActionCase c, List<Integer> group) {
            return String.join("+", group.stream().map(c.rareEarths()::get).toList());
        }

        @Override
        public SteadyState state() {
            return result.state();
        }

        @Override
        public int steadyStates() {
            return result.solves();
        }

        @Override
        public List<Section> sections() {
            return PlantFlowDesignSections.sections(result);
        }

        @Override
        public String caseFileDescription() {
            return "Designed case";
        }

        @Override
        public String[] shortfall() {
            return result.met() ? null : new String[] {String.format(java.util.Locale.ROOT,
                    "P_A = %.6f, P_B = %.6f reached", result.purityA(), result.purityB()),
                    PlantFlowDesignSections.shortfall(result).strip()};
        }
    }

    private final NewtonCascadeSolver solver = new NewtonCascadeSolver();
    private int solves;
    private int unsolved;
    private NoConvergenceException lastFailure;

    /**
     * The condition at which β is taken (see {@link Reference}), or {@code null} when every rare
     * earth has the same slopes (then β = K_i/K_j on every stage).
     */
    public static Reference reference(MassActionCase c, MassActionDesignSettings s) {
        MassActionEquilibrium eq = c.equilibrium();
        if (eq.hasEqualSlopes()) {
            return null;
        }
        double e = eq.extractantConcentration() - 3 * s.loading(); // > 0: the loading is below C/3
        double[] z = c.feed().composition();
        double wanted = s.loading() / c.feed().concentration();
        // Σ z_j D_j rises with pH (every a_j > 0): bisect on a bracket wide enough for any input
        double lo = -50;
        double hi = 50;
        for (int it = 0; it < 200 && hi - lo > 1e-13; it++) {
            double mid = 0.5 * (lo + hi);
            double mean = 0;
            for (int j = 0; j < z.length; j++) {
                mean += z[j] * eq.distributionRatio(j, mid, e);
            }
            if (mean < wanted) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new Reference(0.5 * (lo + hi), e);
    }

    /**
     * The CMER problem equivalent to a mass-action case: separation factors K_j / min K, the
     * case's feed, the strip product as the organic (A) product and the raffinate as B. With
     * slopes that differ between rare earths, β is D_j/min D at the {@code reference} condition.
     *
     * @param reference where β is taken when the slopes differ ({@link #reference}); ignored, and may
     *                  be {@code null}, when they are equal
     * @throws InvalidInputException if a target is missing
     */
    public static DesignInputs equivalentProblem(MassActionCase c, Reference reference) {
        if (c.stripTarget() == null) {
            throw new InvalidInputException("targets.strip", "(missing)",
                    "a purity (or recovery) target for the strip product (design needs both targets)");
        }
        if (c.raffinateTarget() == null) {
            throw new InvalidInputException("targets.aqueous", "(missing)",
                    "a purity (or recovery) target for the raffinate (design needs both targets)");
        }
        MassActionEquilibrium eq = c.equilibrium();
        int r = eq.rareEarthCount();
        double[] d = new double[r];
        double min = Double.POSITIVE_INFINITY;
        for (int j = 0; j < r; j++) {
            d[j] = eq.hasEqualSlopes() ? eq.exchangeConstant(j)
                    : eq.distributionRatio(j, reference.pH(), reference.freeDimer());
            min = Math.min(min, d[j]);
        }
        double[] beta = new double[r];
        for (int j = 0; j < r; j++) {
            beta[j] = d[j] / min;
        }
        return new DesignInputs(c.name(), c.rareEarths(), beta, c.feed(), c.stripTarget(), c.raffinateTarget(),
                null, null);
    }

    /**
     * Plant flows from Xu's S and W (docs/theory.md, Conventions: 3 mol H⁺ or base per mol RE³⁺).
     *
     * @param c template case: feed and extractant
     */
    public static Plant translate(MassActionCase c, MassActionDesignSettings s, double extractantFlow, double scrubFlow) {
        double f = c.feedRate();
        double conc = c.equilibrium().extractantConcentration();
        double loaded = extractantFlow * f; // mol RE/h through the extraction and scrubbing sections
        double organic = round4(loaded / s.loading());
        double saponification = round4(EngineeringFlows.PROTONS_PER_RE * loaded * (1 + s.saponificationMargin())
                / (2 * conc * organic));
        double stripFlow = round4(EngineeringFlows.PROTONS_PER_RE * loaded * (1 + s.stripExcess()) / s.stripAcidity());
        return new Plant(f, extractantFlow, scrubFlow, s.loading(), organic, saponification,
                2 * conc * saponification * organic, stripFlow * s.stripAcidity(), s.stripAcidity(), stripFlow,
                s.stripStages(), scrubFlow / extractantFlow,
                1 - (extractantFlow - scrubFlow) / (extractantFlow * (1 + s.saponificationMargin())));
    }

    /** x rounded to 4 significant digits. */
    static double round4(double x) {
        return Double.parseDouble(String.format(java.util.Locale.ROOT, "%.3e", x));
    }

    /**
     * Designs and verifies.
     *
     * @param in        the case read for design (template case and settings)
     * @param choice    how Xu's flows are chosen (the √β optimum by default)
     * @param maxStages largest n + m
     * @throws InvalidInputException for targets, groups or flows the design cannot use, or a stage
     *         limit the CMER design already exceeds
     * @throws StageSearch.NoFeasibleConfigurationException from the CMER design
     * @throws NoConvergenceException if a mass-action steady state is not reached (the message
     *         says at which stages and reflux)
     */
    public Result design(MassActionCase template, MassActionDesignSettings settings, FlowChoice choice,
                         int maxStages) {
        solves = 0;
        unsolved = 0;
        lastFailure = null;
        Reference reference = reference(template, settings);
        DesignInputs in = equivalentProblem(template, reference);
        CascadeDesigner.Design cmer;
        try {
            cmer = new CascadeDesigner().design(in, choice, maxStages, 0);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field().replace("targets.organic", "targets.strip"), e.value(),
                    e.allowed());
        }
        XuDesign xu = cmer.xu();
        Plant plant = translate(template, settings, xu.extractantFlow(), xu.scrubFlow());
        SeparationProblem problem = cmer.problem();
        double logitA = TargetMargin.logit(problem.purityA());
        double logitB = TargetMargin.logit(problem.purityB());
        Integer[] offsets = feedOffsets(template);
        int[] least = leastStages(offsets);
        int n = Math.max(cmer.verified().extractionStages(), least[0]);
        int m = Math.max(cmer.verified().scrubStages(), least[1]);
        if (n + m > maxStages) {
            throw new InvalidInputException("--max-stages", maxStages, f("at least n + m = %d: the feeds at their "
                    + "offsets from stage n need n ≥ %d and m ≥ %d, and Xu's design n = %d, m = %d", n + m, least[0],
                    least[1], cmer.verified().extractionStages(), cmer.verified().scrubStages()));
        }
        int p = settings.stripStages();
        MassActionPreload preload = template.preload();
        if (preload != null && !template.equilibrium().preloadFits(plant.saponification(), preload.concentration())) {
            throw new InvalidInputException("flows.preload.concentration", preload.concentration(),
                    template.equilibrium().preloadRange(plant.saponification()) + " (s as designed from design.loading "
                            + "and design.saponificationMargin)");
        }
        if (n + m + p > Cascade.MAX_STAGES) {
            throw new InvalidInputException("design.stripStages", p, "at most " + (Cascade.MAX_STAGES - n - m)
                    + " with the designed n + m = " + (n + m) + " (at most " + Cascade.MAX_STAGES + " stages in all)");
        }
        List<Round> rounds = new ArrayList<>();
        // the point last solved, and its sections (for the growth's edge test)
        Point[] last = {null};
        Sections[] lastSections = {null};
        double[] reflux = {plant.startReflux()};
        StageSearch.Simulator balanced = (gn, gm) -> {
            int before = solves;
            Sections sections = new Sections(template, offsets, plant, gn, gm, p, problem);
            Point pt = sections.balance(reflux[0], logitA, logitB);
            if (pt.state == null) {
                throw lastFailure;
            }
            reflux[0] = pt.reflux;
            rounds.add(new Round(gn, gm, pt.reflux, pt.purityA(), pt.purityB(), solves - before));
            last[0] = pt;
            lastSections[0] = sections;
            return new double[] {pt.logitA, pt.logitB};
        };
        StageSearch.Grown grown = new StageSearch(balanced, logitA, logitB, maxStages).grow(n, m, (gn, gm, lambda,
                round) -> {
            if (lastSections[0].edgeReached) {
                // the balance lies where no steady state solves: more stages cannot help
                return StageSearch.Step.stop(f("no steady state was reached below a reflux of %.6f at n = %d, m = %d, "
                        + "and above it the products do not balance, so no stages were added (other design settings "
                        + "may help: design.loading, saponificationMargin, stripExcess)", last[0].reflux, gn, gm));
            }
            if (round >= MAX_ROUNDS) {
                return StageSearch.Step.stop(round + " stage counts tried");
            }
            // Xu: per stage the purity ratio rises by about βE_M (extraction) and β/E'_M (scrubbing);
            // at the balanced reflux both products are short by about the same logit amount
            double shortfall = Math.max(logitA - lambda[0], logitB - lambda[1]);
            int addN = Math.max(1, (int) Math.ceil(shortfall / Math.log(xu.separationFactor() * xu.extractionRatio())));
            int addM = Math.max(1, (int) Math.ceil(shortfall / Math.log(xu.separationFactor() / xu.scrubRatio())));
            int room = Math.min(maxStages - gn - gm, Cascade.MAX_STAGES - gn - gm - p);
            if (room < 2) {
                return StageSearch.Step.stop(f("the stage limit: n + m at most %d (--max-stages), n + m + p at most %d",
                        maxStages, Cascade.MAX_STAGES));
            }
            if (addN + addM > room) {
                addN = Math.max(1, (int) Math.floor((double) room * addN / (addN + addM)));
                addM = room - addN;
            }
            return StageSearch.Step.add(addN, addM);
        });
        n = grown.extractionStages();
        m = grown.scrubStages();
        String limitation = grown.limitation();
        Point at = last[0];
        boolean met = at.logitA >= logitA && at.logitB >= logitB;
        double[] range = null;
        if (met) {
            Sections sections = new Sections(template, offsets, plant, n, m, p, problem);
            double r0 = at.reflux;
            // lowest reflux meeting P_A (λ_A rises with the reflux) and highest meeting P_B (λ_B falls)
            double lo = sections.root(pt -> pt.logitA - logitA, r0, -1);
            double hi = sections.root(pt -> logitB - pt.logitB, r0, +1);
            range = new double[] {lo, hi};
        }
        return new Result(cmer, settings, plant, rounds, at.c, at.network, at.state, at.purityA(), at.purityB(), met,
                range, solves, unsolved, met ? null : limitation, reference);
    }

    /**
     * Each feed's offset from stage n in the template: {@code null} for a feed without a stage of
     * its own (it enters stage n whatever n is), else its stage − n.
     */
    public static Integer[] feedOffsets(MassActionCase template) {
        List<MassActionFeed> feeds = template.feeds();
        Integer[] offsets = new Integer[feeds.size()];
        for (int i = 0; i < offsets.length; i++) {
            Integer stage = feeds.get(i).stage();
            offsets[i] = stage == null ? null : stage - template.cascade().extractionStages();
        }
        return offsets;
    }

    /** The fewest {n, m} that hold every feed at its offset: stage n + d within 1 … n + m. */
    static int[] leastStages(Integer[] offsets) {
        int n = 1;
        int m = 0;
        for (Integer d : offsets) {
            if (d != null) {
                n = Math.max(n, 1 - d);
                m = Math.max(m, d);
            }
        }
        return new int[] {n, m};
    }

    /** The template at n + m + p stages, each feed with a stage of its own moved to n + its offset. */
    static MassActionCase layout(MassActionCase template, Integer[] offsets, int n, int m, int p) {
        List<MassActionFeed> feeds = new ArrayList<>(template.feeds());
        for (int i = 0; i < offsets.length; i++) {
            if (offsets[i] != null) {
                MassActionFeed fd = feeds.get(i);
                feeds.set(i, new MassActionFeed(fd.name(), fd.feed(), fd.acidity(), n + offsets[i]));
            }
        }
        // one construction: the moved feeds are checked against the new stage counts only
        MassActionCase t = template;
        return new MassActionCase(t.name(), t.rareEarths(), t.equilibrium(), t.cation(), feeds, new Cascade(n, m), p,
                t.flows(), t.preload(), t.efficiency(), t.raffinateTarget(), t.stripTarget(), t.sideDraws(), t.solver());
    }

    private static String f(String format, Object... args) {
        return String.format(java.util.Locale.ROOT, format, args);
    }

    /** A solved point: the case, its steady state and the logit purities of both products. */
    private record Point(double reflux, MassActionCase c, CascadeNetwork network, SteadyState state, double logitA,
                         double logitB) {
        double purityA() {
            return TargetMargin.purity(logitA);
        }

        double purityB() {
            return TargetMargin.purity(logitB);
        }
    }

    /** Cascades of fixed stage counts and plant flows, solved at any reflux. */
    private final class Sections {
        private final MassActionCase base;
        private final Plant plant;
        private final SeparationProblem problem;
        private final int n;
        private final int m;
        private final int p;
        /** Whether the last search ended against a reflux that does not solve. */
        boolean edgeReached;

        private final List<Integer> groupA;
        private final List<Integer> restA;
        private final List<Integer> groupB;
        private final List<Integer> restB;

        Sections(MassActionCase template, Integer[] offsets, Plant plant, int n, int m, int p,
                 SeparationProblem problem) {
            this.base = layout(template.withFlows(plant.flows(plant.startReflux())), offsets, n, m, p);
            groupA = problem.inputs().organicTarget().components();
            groupB = problem.inputs().aqueousTarget().components();
            restA = rest(groupA);
            restB = rest(groupB);
            this.plant = plant;
            this.problem = problem;
            this.n = n;
            this.m = m;
            this.p = p;
        }

        Point solve(double reflux) {
            MassActionCase c = base.withFlows(plant.flows(reflux));
            CascadeNetwork net = CascadeNetwork.massAction(c);
            SteadyState st;
            try {
                st = solver.solve(net, c.solver());
            } catch (NoConvergenceException e) {
                // counted as a reflux below the feasible range (see the class comment)
                unsolved++;
                lastFailure = new NoConvergenceException(e.method() + String.format(java.util.Locale.ROOT,
                        " (design verification at n = %d, m = %d, p = %d, reflux = %.8f)", n, m, p, reflux),
                        "no steady state", e.iterations(), e.residual(), e.tolerance(), e.worstStage(),
                        e.worstComponent(), e.componentName(), e.limitReached());
                return new Point(reflux, c, net, null, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY);
            }
            solves++;
            // λ = ln(group / rest of the RE), from the logarithmic flows so trace impurities keep their digits
            double la = st.lnAqueousFlow(n + m + 1, groupA) - st.lnAqueousFlow(n + m + 1, restA);
            double lb = st.lnAqueousFlow(1, groupB) - st.lnAqueousFlow(1, restB);
            return new Point(reflux, c, net, st, la, lb);
        }

        /** The rare earths not in {@code group}. */
        private List<Integer> rest(List<Integer> group) {
            List<Integer> rest = new ArrayList<>();
            for (int j = 0; j < base.equilibrium().rareEarthCount(); j++) {
                if (!group.contains(j)) {
                    rest.add(j);
                }
            }
            return rest;
        }

        /** The reflux at which both products' logit margins are equal (see the class comment). */
        Point balance(double start, double logitA, double logitB) {
            return search(pt -> (pt.logitA - logitA) - (pt.logitB - logitB), start, 0, BALANCE_TOLERANCE);
        }

        /**
         * The reflux where {@code g} (of a solved point) changes sign, searched from {@code start}:
         * direction −1 or +1 says on which side of the start to bracket (0: the side g's sign points to,
         * g rising with the reflux).
         */
        double root(ToDoubleFunction<Point> g, double start, int direction) {
            return search(g, start, direction, RANGE_TOLERANCE).reflux;
        }

        private Point search(ToDoubleFunction<Point> g, double start, int direction,
                             double tolerance) {
            edgeReached = false;
            Point a = solve(start);
            double ga = g.applyAsDouble(a);
            if (Math.abs(ga) <= tolerance) {
                return a;
            }
            // bracket: step away from the start, doubling, towards 0 or 1 without reaching either
            int dir = direction != 0 ? direction : ga < 0 ? +1 : -1;
            double step = 1e-3;
            Point b = a;
            double gb = ga;
            for (int steps = 0; Math.signum(gb) == Math.signum(ga); steps++) {
                a = b;
                ga = gb;
                double r = dir > 0 ? Math.min(a.reflux + step, (a.reflux + 1) / 2) : Math.max(a.reflux - step, a.reflux / 2);
                if (r == a.reflux || steps >= MAX_BRACKET_STEPS) {
                    throw new InvalidInputException("flows.reflux", a.reflux, "no reflux found where the products "
                            + "balance (searched " + (dir > 0 ? "up" : "down") + " from " + start + ")");
                }
                b = solve(r);
                gb = g.applyAsDouble(b);
                step *= 2;
            }
            // a and b bracket the root (ga, gb of opposite signs): false position, Illinois variant
            for (int i = 0; i < MAX_SEARCH_SOLVES; i++) {
                if (Math.abs(gb) <= tolerance) {
                    return b;
                }
                boolean edge = a.state == null || b.state == null;
                if (Math.abs(b.reflux - a.reflux) <= (edge ? EDGE_TOLERANCE : REFLUX_TOLERANCE)) {
                    edgeReached = edge;
                    return Math.abs(ga) < Math.abs(gb) ? a : b;
                }
                double r = b.reflux - gb * (b.reflux - a.reflux) / (gb - ga);
                if (!(r > Math.min(a.reflux, b.reflux) && r < Math.max(a.reflux, b.reflux))) {
                    r = (a.reflux + b.reflux) / 2;
                }
                Point c = solve(r);
                double gc = g.applyAsDouble(c);
                if (Math.signum(gc) == Math.signum(gb)) {
                    ga /= 2; // a is kept again: halve its weight (Illinois), so the bracket shrinks from both sides
                } else {
                    a = b;
                    ga = gb;
                }
                b = c;
                gb = gc;
            }
            return Math.abs(ga) < Math.abs(gb) ? a : b;
        }
    }
}
