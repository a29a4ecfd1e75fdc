package org.sxcascade.design;

import java.util.List;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.SteadyState;

/**
 * A two-product separation as {@code design} and {@code optimize} see it: the organic group
 * (A, leaving in the loaded organic) and the raffinate group (B), the key pair, the group feed
 * fraction f_A and the purity targets P_A and P_B (recovery targets converted through the product
 * split, docs/design.md).
 *
 * <p>With more than two components the key pair is the least extractable component of the
 * organic group and the most extractable of the raffinate group; Xu's formulas use the key pair's
 * separation factor and the groups' feed fractions.
 *
 * @param inputs        what was asked
 * @param keyA          index of the key component of the organic group
 * @param keyB          index of the key component of the raffinate group
 * @param keyBeta       separation factor of the key pair, β(keyA)/β(keyB) &gt; 1
 * @param feedFractionA f_A, the feed fraction of the organic group
 * @param purityA       P_A, the organic group's purity target in the loaded organic
 * @param purityB       P_B, the raffinate group's purity target in the raffinate
 * @param equilibrium   the components' separation factors (or, for model distribution-ratios, distribution
 *                      ratios) as the model every {@link #cascadeCase} shares
 */
public record SeparationProblem(DesignInputs inputs, int keyA, int keyB, double keyBeta, double feedFractionA,
                                double purityA, double purityB, EquilibriumModel equilibrium) {

    /**
     * Checks the groups and targets of a case and finds the key pair.
     *
     * @throws InvalidInputException for equal separation factors, overlapping or incomplete
     *         groups, a key pair that does not separate, or targets that fix no product split
     */
    public static SeparationProblem of(DesignInputs in) {
        double[] beta = in.separationFactors();
        boolean separates = false;
        for (double b : beta) {
            separates |= b != beta[0];
        }
        if (!separates) {
            throw new InvalidInputException(in.distributionRatios() ? "components[*].distributionRatio"
                    : "components[*].separationFactor", beta[0],
                    "at least two different separation factors: with equal factors nothing separates");
        }
        List<Integer> groupA = in.organicTarget().components();
        List<Integer> groupB = in.aqueousTarget().components();
        int c = beta.length;
        for (int j = 0; j < c; j++) {
            boolean a = groupA.contains(j);
            boolean b = groupB.contains(j);
            if (a && b) {
                throw new InvalidInputException("targets.aqueous.components", in.components().get(j),
                        "components not already counted in targets.organic.components");
            }
            if (!a && !b && in.feed().fraction(j) > 0) {
                throw new InvalidInputException("targets", in.components().get(j),
                        "every fed component in one of the two groups (targets.organic.components or "
                                + "targets.aqueous.components)");
            }
        }
        int keyA = groupA.get(0);
        for (int j : groupA) {
            if (beta[j] < beta[keyA]) {
                keyA = j;
            }
        }
        int keyB = groupB.get(0);
        for (int j : groupB) {
            if (beta[j] > beta[keyB]) {
                keyB = j;
            }
        }
        double keyBeta = beta[keyA] / beta[keyB];
        if (!(keyBeta > 1)) {
            throw new InvalidInputException("components", in.components().get(keyA) + "/" + in.components().get(keyB)
                    + " β = " + keyBeta, "a key-pair separation factor > 1: every component of the organic group "
                    + "must be more extractable than every component of the raffinate group");
        }
        double fA = 0;
        for (int j : groupA) {
            fA += in.feed().fraction(j);
        }
        double[] targets = purities(in.organicTarget(), in.aqueousTarget(), fA);
        return new SeparationProblem(in, keyA, keyB, keyBeta, fA, targets[0], targets[1],
                in.distributionRatios() ? new ConstantDistributionRatios(beta) : new ConstantSeparationFactors(beta));
    }

    /** Phase of the feed. */
    public FeedPhase feedPhase() {
        return inputs.feed().phase();
    }

    /**
     * f'_A: the fraction of the fed RE in the loaded organic when both products are exactly at
     * their targets (overall balance, docs/design.md).
     */
    public double productSplit() {
        return XuDesign.outletFractionA(feedFractionA, purityA, purityB);
    }

    /**
     * S − W at the product split: f'_A for an aqueous feed, f'_A − 1 for an organic feed
     * (docs/theory.md, Conventions: the metal flows of the products).
     */
    public double extractantMinusScrub() {
        return feedPhase() == FeedPhase.AQUEOUS ? productSplit() : productSplit() - 1;
    }

    /** Xu's static design for the key pair with the given flow choice. */
    public XuDesign xu(FlowChoice choice) {
        return XuDesign.of(keyBeta, feedFractionA, feedPhase(), purityA, purityB, choice);
    }

    /** Whether the cascades are of model distribution-ratios (volumetric flows, {@link KremserFlows}). */
    public boolean linear() {
        return inputs.distributionRatios();
    }

    /**
     * The simulate case with n extraction and m scrub stages at S and W (mol RE per mol RE fed), with
     * the case's Murphree efficiencies. For model distribution-ratios S and W are coordinates of the
     * flows: the free ratio of {@link KremserFlows} is W for an aqueous feed and S for an organic
     * feed (so that the other one follows from the product split, as for the CMER model).
     */
    public CascadeCase cascadeCase(int extractionStages, int scrubStages, double extractant, double scrub) {
        return new CascadeCase(inputs.name(), inputs.components(), equilibrium, inputs.feed(),
                new Cascade(extractionStages, scrubStages), linear()
                ? linearFlows(extractant, scrub).volumetric(inputs.feed().volumetricFlow())
                : new XuFlows(extractant, scrub), inputs.organicTarget(), inputs.aqueousTarget(),
                SolverSettings.defaults(), inputs.stageOptions());
    }

    /** Model distribution-ratios: the volumetric flows at the coordinates S and W (see {@link #cascadeCase}). */
    public KremserFlows linearFlows(double extractant, double scrub) {
        return KremserFlows.at(feedPhase() == FeedPhase.AQUEOUS ? "flows.scrub" : "flows.extractant", keyBeta,
                inputs.separationFactors()[keyA], feedPhase(), enrichmentA(), enrichmentB(),
                feedPhase() == FeedPhase.AQUEOUS ? scrub : extractant);
    }

    /** Model distribution-ratios: the volumetric flows of a flow choice. */
    public KremserFlows linearFlows(FlowChoice choice) {
        return KremserFlows.of(choice, keyBeta, inputs.separationFactors()[keyA], feedPhase(), enrichmentA(),
                enrichmentB());
    }

    /** The coordinates {S, W} of linear flows (see {@link #cascadeCase}). */
    public double[] coordinates(KremserFlows flows) {
        double shift = extractantMinusScrub();
        return feedPhase() == FeedPhase.AQUEOUS ? new double[] {flows.free() + shift, flows.free()}
                : new double[] {flows.free(), flows.free() - shift};
    }

    /** The smallest scrub coordinate W at which the cascade separates at all (infinite stages). */
    public double minScrubCoordinate(XuDesign xu) {
        if (!linear()) {
            return xu.minScrubFlow();
        }
        double min = KremserFlows.minimum(keyBeta);
        return feedPhase() == FeedPhase.AQUEOUS ? min : min - extractantMinusScrub();
    }

    /** Xu's enrichment factor a = [P_A/(1 − P_A)]/(f_A/f_B) of the organic product. */
    private double enrichmentA() {
        return purityA / (1 - purityA) / (feedFractionA / (1 - feedFractionA));
    }

    /** Xu's enrichment factor b = [P_B/(1 − P_B)]/(f_B/f_A) of the raffinate. */
    private double enrichmentB() {
        return purityB / (1 - purityB) / ((1 - feedFractionA) / feedFractionA);
    }

    /**
     * The stage estimate that starts the stage search: Xu's corrected estimate (CMER at the flows of
     * {@code xu}) or that of {@link KremserFlows}, divided by each section's Murphree efficiency (a
     * stage of efficiency E does about E of an equilibrium stage's work).
     */
    public int[] startEstimate(XuDesign xu, KremserFlows linear) {
        StageEstimate e = linear != null ? linear.estimate() : xu.correctedStages();
        return new int[] {StageEstimate.roundUp(e.extraction() / inputs.stageOptions().extractionEfficiency()),
                StageEstimate.roundUp(e.scrub() / inputs.stageOptions().scrubEfficiency())};
    }

    /** Group purities {loaded organic from stage N, raffinate from stage 1} of a steady state. */
    public double[] purities(SteadyState state, int totalStages) {
        return new double[] {organicShare(state, totalStages, inputs.organicTarget().components()),
                aqueousShare(state, inputs.aqueousTarget().components())};
    }

    /**
     * Group impurities {loaded organic, raffinate}: the raffinate group's fraction in the loaded
     * organic and the organic group's fraction in the raffinate, summed from the component
     * fractions themselves (not 1 − purity, which loses the digits of a trace impurity).
     */
    public double[] impurities(SteadyState state, int totalStages) {
        return new double[] {organicShare(state, totalStages, inputs.aqueousTarget().components()),
                aqueousShare(state, inputs.organicTarget().components())};
    }

    private static double organicShare(SteadyState state, int totalStages, List<Integer> group) {
        double sum = 0;
        for (int j : group) {
            sum += state.organicFraction(totalStages, j);
        }
        return sum;
    }

    private static double aqueousShare(SteadyState state, List<Integer> group) {
        double sum = 0;
        for (int j : group) {
            sum += state.aqueousFraction(1, j);
        }
        return sum;
    }

    /**
     * P_A and P_B from exactly two of P_A, P_B, Y_A, Y_B with at least one purity, through the
     * product split (mass balances; docs/design.md): A in the organic product f'_A·P_A = Y_A·f_A, B in
     * the raffinate f'_B·P_B = Y_B·f_B, f'_A + f'_B = 1.
     */
    static double[] purities(ProductTarget organic, ProductTarget aqueous, double fA) {
        Double pA = organic.purity();
        Double pB = aqueous.purity();
        Double yA = organic.recovery();
        Double yB = aqueous.recovery();
        int given = (pA != null ? 1 : 0) + (pB != null ? 1 : 0) + (yA != null ? 1 : 0) + (yB != null ? 1 : 0);
        if (given != 2 || pA == null && pB == null) {
            throw new InvalidInputException("targets", given + (given == 1 ? " number" : " numbers")
                    + (pA == null && pB == null ? " without a purity" : ""),
                    "exactly two of targets.organic.purity (P_A), targets.aqueous.purity (P_B), "
                            + "targets.organic.recovery (Y_A), targets.aqueous.recovery (Y_B), at least one a purity");
        }
        double fB = 1 - fA;
        double outA; // f'_A
        if (pA != null && pB != null) {
            return new double[] {pA, pB};
        } else if (pA != null && yA != null) {
            outA = yA * fA / pA;
        } else if (pB != null && yB != null) {
            outA = 1 - yB * fB / pB;
        } else if (pA != null) { // and Y_B: B in the organic product is f_B(1 − Y_B) = f'_A(1 − P_A)
            outA = fB * (1 - yB) / (1 - pA);
        } else { // P_B and Y_A: A in the raffinate is f_A(1 − Y_A) = f'_B(1 − P_B)
            outA = 1 - fA * (1 - yA) / (1 - pB);
        }
        if (!(outA > 0 && outA < 1)) {
            throw new InvalidInputException("targets", "a product split f'_A = " + outA,
                    "targets that leave both products a positive flow (0 < f'_A < 1)");
        }
        double outB = 1 - outA;
        double a = pA != null ? pA : (yA != null ? yA * fA / outA : (outA - fB * (1 - yB)) / outA);
        double b = pB != null ? pB : (yB != null ? yB * fB / outB : (outB - fA * (1 - yA)) / outB);
        return new double[] {a, b};
    }

}
