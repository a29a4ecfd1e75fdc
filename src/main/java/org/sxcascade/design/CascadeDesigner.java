package org.sxcascade.design;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.SectionFlows;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.report.Summary.Purity;
import org.sxcascade.report.Summary.Quantity;
import org.sxcascade.report.Summary.Section;
import org.sxcascade.report.Summary.StageCounts;
import org.sxcascade.solver.SteadyState;

/**
 * Designs a cascade from purity targets: Xu's static design for the key pair (flows, ratios,
 * minimum flows, stage estimates), then the exact stage counts from the steady-state solver,
 * simulating every component.
 *
 * <p>With more than two components the targets name the groups (e.g. Ce, Pr | Nd): the key pair
 * is the least extractable component of the organic group and the most extractable of the
 * raffinate group; Xu's formulas use the key pair's separation factor and the groups' feed
 * fractions (docs/design.md).
 */
public final class CascadeDesigner {

    /**
     * A verified design.
     *
     * @param problem       what was asked: groups, key pair and purity targets
     * @param xu            Xu's static design for the key pair
     * @param verified      the fewest stages meeting both targets at the designed flows
     * @param cascadeCase   the verified cascade, ready for {@code simulate}
     * @param state         its steady state
     * @param plant         plant flows and reagents, or {@code null} without plant data
     * @param linear        model distribution-ratios: the volumetric flows designed (then {@code xu} is Xu's
     *                      design of the constant-β equivalent, β = D_A/D_B); {@code null} for the CMER model
     */
    public record Design(SeparationProblem problem, XuDesign xu, StageSearch.Result verified,
                         CascadeCase cascadeCase, SteadyState state, PlantFlows plant, KremserFlows linear)
            implements DesignResult {
        /** The coordinate S of the designed flows ({@link SeparationProblem#cascadeCase}). */
        public double extractantFlow() {
            return linear == null ? xu.extractantFlow() : problem.coordinates(linear)[0];
        }

        /** The coordinate W of the designed flows. */
        public double scrubFlow() {
            return linear == null ? xu.scrubFlow() : problem.coordinates(linear)[1];
        }

        /** The stage estimate the search started from (real numbers, equilibrium stages). */
        public StageEstimate estimate() {
            return linear == null ? xu.correctedStages() : linear.estimate();
        }

        /** A verified design meets both targets (one that cannot is an exception, not a design). */
        @Override
        public boolean met() {
            return true;
        }

        /** What was asked. */
        public DesignInputs inputs() {
            return problem.inputs();
        }

        /** Index of the key component of the organic group. */
        public int keyA() {
            return problem.keyA();
        }

        /** Index of the key component of the raffinate group. */
        public int keyB() {
            return problem.keyB();
        }

        @Override
        public String caseName() {
            return inputs().name();
        }

        @Override
        public String model() {
            return linear == null ? "separation-factors" : "distribution-ratios";
        }

        @Override
        public List<String> header() {
            return VerifiedDesignSections.header(this);
        }

        @Override
        public String xuTitle() {
            return linear == null ? "Xu's static design (flows in mol RE per mol RE fed)"
                    : "Xu's static design of the constant-β equivalent, β = D_A/D_B (CMER flows in mol RE per mol RE "
                    + "fed, for comparison)";
        }

        @Override
        public StageCounts stages() {
            FeedPhase phase = inputs().feed().phase();
            int n = verified.extractionStages();
            return new StageCounts(n, verified.scrubStages(), 0, phase.label(),
                    List.of(phase == FeedPhase.AQUEOUS ? n : n + 1));
        }

        /**
         * S and W (and the plant's organic and scrub liquor, L/h, with plant data), or for
         * distribution ratios the volumetric flows.
         */
        @Override
        public List<Quantity> flows() {
            if (linear != null) {
                double feed = inputs().feed().volumetricFlow();
                return List.of(new Quantity("organic", linear.organicPerFeed() * feed, null, "L/h", "flows.organicFlow"),
                        new Quantity("scrub liquor", linear.scrubPerFeed() * feed, null, "L/h", "flows.scrubFlow"));
            }
            List<Quantity> q = new ArrayList<>();
            q.add(new Quantity("S", extractantFlow(), "%.6f", "mol RE per mol RE fed", "flows.extractant"));
            q.add(new Quantity("W", scrubFlow(), "%.6f", "mol RE per mol RE fed", "flows.scrub"));
            if (plant != null && plant.organicFlow() != null) {
                q.add(new Quantity("organic", plant.organicFlow(), null, "L/h", "flows.organicFlow"));
                if (plant.scrubFlow() != null) {
                    q.add(new Quantity("scrub liquor", plant.scrubFlow(), null, "L/h", "flows.scrubFlow"));
                }
            }
            return q;
        }

        @Override
        public List<Purity> purities() {
            return List.of(new Purity("P_A", verified.organicPurity(), problem.purityA()),
                    new Purity("P_B", verified.aqueousPurity(), problem.purityB()));
        }

        @Override
        public int steadyStates() {
            return verified.simulations();
        }

        @Override
        public List<Section> sections() {
            return VerifiedDesignSections.sections(this);
        }

        @Override
        public String caseFileDescription() {
            return "Verified design";
        }

        @Override
        public String[] shortfall() {
            return null;
        }
    }

    /**
     * Plant flows and reagents for a design (3 mol H⁺ or base per mol RE³⁺, docs/theory.md, Conventions).
     *
     * @param feedRate        RE fed, mol/h
     * @param organicFlow     Q_org, L/h (needs the organic loading)
     * @param scrubFlow       Q_scrub = 3·W·F / [H⁺], L/h (needs the scrub acidity)
     * @param extractionRatio O/A by volume in the extraction section
     * @param scrubRatio      O/A by volume in the scrubbing section
     * @param scrubAcid       mol H⁺/h in the scrub liquor, 3·W·F (it defines W, so no excess)
     * @param stripAcid       mol H⁺/h to strip the loaded organic product, 3·(organic product RE)·(1 + excess)
     * @param saponification  mol base/h to saponify the organic for S, 3·S·F·(1 + excess)
     * @param organicProduct  RE in the loaded organic product, mol/h
     * @param aqueousProduct  RE in the raffinate, mol/h
     * @param oxideFed        oxide (REO) fed, kg/h, or {@code null} when a component is not an RE
     *                        element symbol (La … Lu, Y, Sc)
     * @param reagentExcess   fraction of strip acid and saponification base above 3 mol per mol RE
     */
    public record PlantFlows(double feedRate, Double organicFlow, Double scrubFlow, Double extractionRatio,
                             Double scrubRatio, double scrubAcid, double stripAcid, double saponification,
                             double organicProduct, double aqueousProduct, Double oxideFed, double reagentExcess) {
    }

    private final NewtonCascadeSolver solver = new NewtonCascadeSolver();

    /**
     * @param maxStages largest n + m to consider (at most 1000)
     * @throws InvalidInputException for targets, groups or flows Xu's design cannot use
     * @throws StageSearch.NoFeasibleConfigurationException if no cascade within the limit meets
     *         both targets at the designed flows
     */
    public Design design(DesignInputs in, FlowChoice choice, int maxStages) {
        return design(in, choice, maxStages, 0);
    }

    /**
     * As {@link #design(DesignInputs, FlowChoice, int)}, with strip acid and saponification base at
     * (1 + excess) times the stoichiometric 3 mol per mol RE (the scrub acid defines W and stays
     * stoichiometric).
     */
    public Design design(DesignInputs in, FlowChoice choice, int maxStages, double reagentExcess) {
        if (maxStages < 2 || maxStages > Cascade.MAX_STAGES) {
            throw new InvalidInputException("--max-stages", maxStages, "an integer from 2 to " + Cascade.MAX_STAGES);
        }
        if (!(reagentExcess >= 0 && reagentExcess <= 10)) {
            throw new InvalidInputException("--reagent-excess", reagentExcess, "a fraction from 0 to 10");
        }
        SeparationProblem problem = SeparationProblem.of(in);
        double pA = problem.purityA();
        double pB = problem.purityB();
        XuDesign xu;
        KremserFlows linear = null;
        double s;
        double w;
        try {
            // model distribution-ratios: Xu's design of the constant-β equivalent (β = D_A/D_B), flows of KremserFlows
            xu = problem.xu(problem.linear() ? FlowChoice.optimum() : choice);
            if (problem.linear()) {
                linear = problem.linearFlows(choice);
                double[] sw = problem.coordinates(linear);
                s = sw[0];
                w = sw[1];
            } else {
                s = xu.extractantFlow();
                w = xu.scrubFlow();
            }
        } catch (InvalidInputException e) {
            throw new InvalidInputException(caseField(e.field()), e.value(), e.allowed());
        }

        // every steady state kept (the search may ask for a point again and keeps none): the verified
        // cascade's is the answer, and a second search (for the message below) reuses what the first
        // solved
        Map<Long, SteadyState> states = new HashMap<>();
        StageSearch.Simulator simulator = (n, m) -> problem.purities(states.computeIfAbsent((long) n << 32 | m,
                key -> solver.solve(CascadeNetwork.of(problem.cascadeCase(n, m, s, w)), SolverSettings.defaults())),
                n + m);
        int[] estimate = problem.startEstimate(xu, linear);
        int estimateN = estimate[0];
        int estimateM = estimate[1];
        StageSearch.Result verified;
        try {
            verified = new StageSearch(simulator, pA, pB, maxStages).minimalStages(estimateN, estimateM);
        } catch (StageSearch.NoFeasibleConfigurationException e) {
            if (maxStages >= Cascade.MAX_STAGES) {
                throw e;
            }
            // say what the targets need: the search without the user's limit
            StageSearch.Result needed = new StageSearch(simulator, pA, pB, Cascade.MAX_STAGES)
                    .minimalStages(estimateN, estimateM);
            throw new InvalidInputException("--max-stages", maxStages, "needs at least " + needed.totalStages()
                    + " stages at these flows (n = " + needed.extractionStages() + ", m = " + needed.scrubStages()
                    + "); the limit is " + maxStages);
        }
        int n = verified.extractionStages();
        int m = verified.scrubStages();
        return new Design(problem, xu, verified, problem.cascadeCase(n, m, s, w),
                states.get((long) n << 32 | m), linear != null ? null : plantFlows(in, s, w, reagentExcess), linear);
    }


    /**
     * Plant flows and reagents at extractant S and scrub W (mol RE per mol RE fed), or
     * {@code null} when the case has no feed flow and concentration.
     *
     * @param excess fraction of strip acid and saponification base above 3 mol per mol RE
     */
    public static PlantFlows plantFlows(DesignInputs in, double s, double w, double excess) {
        FeedPhase phase = in.feed().phase();
        Double rate = in.feed().molarFlow();
        if (rate == null) {
            return null;
        }
        double organicProduct = organicProduct(phase, s, w) * rate;
        double aqueousProduct = rate - organicProduct;
        Double qOrg = in.organicLoading() == null ? null : s * rate / in.organicLoading();
        Double qScrub = in.scrubAcidity() == null ? null
                : EngineeringFlows.PROTONS_PER_RE * w * rate / in.scrubAcidity();
        Double oaExtraction = null;
        Double oaScrub = null;
        if (qOrg != null && qScrub != null) {
            SectionFlows q = SectionFlows.of(phase, in.feed().volumetricFlow(), qOrg, qScrub);
            oaExtraction = q.extractionRatio();
            oaScrub = q.scrubRatio();
        }
        Double oxide = 0.0;
        for (int j = 0; j < in.components().size() && oxide != null; j++) {
            Double grams = OxideMasses.gramsPerMol(in.components().get(j));
            oxide = grams == null ? null : oxide + rate * in.feed().fraction(j) * grams / 1000;
        }
        return new PlantFlows(rate, qOrg, qScrub, oaExtraction, oaScrub, scrubAcid(w) * rate,
                stripAcid(phase, s, w, excess) * rate, saponification(s, excess) * rate, organicProduct,
                aqueousProduct, oxide, excess);
    }

    /** RE in the loaded organic product per mol RE fed: S − W (aqueous feed), S + 1 − W (organic feed); docs/theory.md. */
    public static double organicProduct(FeedPhase phase, double s, double w) {
        return phase == FeedPhase.AQUEOUS ? s - w : s + 1 - w;
    }

    // Reagents per mol RE fed, 3 mol H⁺ or base per mol RE³⁺ (docs/theory.md, Conventions). In the CMER model all
    // scrub acid strips RE from the organic: the scrub acid *is* W, so it stays stoichiometric
    // (simulate converts it back to the same W). The excess applies to strip acid and base.

    /** Scrub acid, mol H⁺ per mol RE fed: 3W. */
    public static double scrubAcid(double w) {
        return EngineeringFlows.PROTONS_PER_RE * w;
    }

    /** Strip acid, mol H⁺ per mol RE fed: 3 × organic product × (1 + excess). */
    public static double stripAcid(FeedPhase phase, double s, double w, double excess) {
        return EngineeringFlows.PROTONS_PER_RE * (1 + excess) * organicProduct(phase, s, w);
    }

    /** Saponification base, mol per mol RE fed: 3S × (1 + excess). */
    public static double saponification(double s, double excess) {
        return EngineeringFlows.PROTONS_PER_RE * (1 + excess) * s;
    }

    /** The case-file or command-line name of a field of Xu's design. */
    private static String caseField(String field) {
        return switch (field) {
            case "purityA" -> "targets.organic.purity";
            case "purityB" -> "targets.aqueous.purity";
            case "feedFractionA" -> "feed.composition";
            case "separationFactor" -> "components (key-pair separation factor)";
            case "flows.scrub" -> "--scrub";
            case "flows.extractant" -> "--extractant";
            case "flows.margin" -> "--margin";
            case "scrubRatio" -> "E'_M (scrub-section extraction ratio at these flows)";
            case "extractionRatio" -> "E_M (extraction-section extraction ratio at these flows)";
            default -> field;
        };
    }
}
