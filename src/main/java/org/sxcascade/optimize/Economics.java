package org.sxcascade.optimize;

import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.SeparationProblem;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.CostModel;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.SectionFlows;

/**
 * Objective values, reagent use, phase ratios and the cost model of configurations, all from the
 * flows per mol RE fed (docs/theory.md, Conventions); the reagents are {@code design}'s (3 mol H⁺ or base per mol
 * RE, {@link CascadeDesigner#scrubAcid}, {@link CascadeDesigner#stripAcid},
 * {@link CascadeDesigner#saponification}).
 */
final class Economics {
    private final DesignInputs in;
    private final CostModel costs;
    private final double excess;
    /** L per mol RE fed of feed, organic (per unit S) and scrub liquor (per unit W), or NaN. */
    private final double feedVolume;
    private final double organicVolumePerS;
    private final double scrubVolumePerW;
    /** Model distribution-ratios: the problem that maps the coordinates S, W to volumetric flows; else null. */
    private final SeparationProblem linear;

    Economics(DesignInputs in, CostModel costs, double excess) {
        this.in = in;
        this.linear = in.distributionRatios() ? SeparationProblem.of(in) : null;
        this.costs = costs;
        this.excess = excess;
        Double c = in.feed().concentration();
        feedVolume = c == null ? Double.NaN : 1 / c;
        organicVolumePerS = in.organicLoading() == null ? Double.NaN : 1 / in.organicLoading();
        scrubVolumePerW = in.scrubAcidity() == null ? Double.NaN : EngineeringFlows.PROTONS_PER_RE / in.scrubAcidity();
    }

    /** True when feed flow and concentration, organic loading and scrub acidity are all given. */
    boolean hasPlantData() {
        return in.feed().molarFlow() != null && !Double.isNaN(feedVolume) && !Double.isNaN(organicVolumePerS)
                && !Double.isNaN(scrubVolumePerW);
    }

    /** The case-file fields plant units need, for messages. */
    static String plantFields() {
        return "feed.flow, feed.concentration, flows.organicLoading and flows.scrubAcidity";
    }

    /**
     * Volumetric O/A {extraction section, scrub section} at S and W, from the linear forms
     * {@link #phaseRatioForm}; needs plant data.
     */
    double[] phaseRatios(double s, double w) {
        double[] r = new double[2];
        for (int section = 0; section < 2; section++) {
            double[] f = phaseRatioForm(section, s - w);
            r[section] = (f[0] + f[1] * w) / (f[2] + f[3] * w);
        }
        return r;
    }

    /**
     * O/A of a section (0 extraction, 1 scrub) as (a0 + a1·W)/(b0 + b1·W) at S = W + shift, per
     * mol RE fed: organic volume S/c_sat, aqueous volume 3W/[H⁺], with the feed's volume in its
     * phase's section ({@link SectionFlows}). a0 and b0 are the section's flows at W = 0
     * (S = shift), a1 and b1 their growth per unit W.
     */
    double[] phaseRatioForm(int section, double shift) {
        SectionFlows atZero = volumes(shift, 0);
        return section == 0
                ? new double[] {atZero.extractionOrganic(), organicVolumePerS, atZero.extractionAqueous(), scrubVolumePerW}
                : new double[] {atZero.scrubOrganic(), organicVolumePerS, atZero.scrubAqueous(), scrubVolumePerW};
    }

    /** The volumes through each section at S and W, L per mol RE fed. */
    private SectionFlows volumes(double s, double w) {
        return SectionFlows.of(in.feed().phase(), feedVolume, s * organicVolumePerS, w * scrubVolumePerW);
    }

    /**
     * The extractant flow the objectives extractant and phi weigh: S (mol RE per mol RE fed), or for
     * model distribution-ratios the organic flow per feed flow O/F (both grow with the coordinate W).
     */
    double extractant(double s, double w) {
        return linear == null ? s : linear.linearFlows(s, w).organicPerFeed();
    }

    /** Acid, mol H⁺ per mol RE fed (none for model distribution-ratios, which has no cation exchange). */
    double acidUse(double s, double w) {
        if (linear != null) {
            return 0;
        }
        return CascadeDesigner.scrubAcid(w) + CascadeDesigner.stripAcid(in.feed().phase(), s, w, excess);
    }

    double baseUse(double s) {
        return linear != null ? 0 : CascadeDesigner.saponification(s, excess);
    }

    /** The objective at n + m stages and flows S, W (the cost objective needs plant data). */
    double objective(Objective objective, int n, int m, double s, double w) {
        return switch (objective) {
            case STAGES -> n + m;
            case EXTRACTANT -> extractant(s, w);
            case PHI -> extractant(s, w) * (n + m);
            case COST -> cost(n, m, s, w).total();
            case REAGENTS -> acidUse(s, w) + baseUse(s);
        };
    }

    /**
     * A lower bound of the objective over all splits of N stages at flows of at least S and W:
     * every objective grows with S and W, and the cost's stages are all counted at the smaller of
     * the two sections' stage volumes.
     */
    double lowerBound(Objective objective, int totalStages, double s, double w) {
        if (objective != Objective.COST) {
            return objective(objective, 1, totalStages - 1, s, w);
        }
        double extraction = cost(totalStages, 0, s, w).total();
        double scrub = cost(0, totalStages, s, w).total();
        return Math.min(extraction, scrub);
    }

    /** The cost model at n extraction and m scrub stages (needs plant data and a cost model). */
    Configuration.CostBreakdown cost(int n, int m, double s, double w) {
        double feedRate = in.feed().molarFlow(); // mol RE/h
        SectionFlows q = volumes(s, w); // L per mol RE fed
        return annualCost(costs, feedRate * (n * (q.extractionOrganic() + q.extractionAqueous())
                        + m * (q.scrubOrganic() + q.scrubAqueous())),
                feedRate * (n * q.extractionOrganic() + m * q.scrubOrganic()), feedRate * acidUse(s, w),
                feedRate * baseUse(s));
    }

    /**
     * The cost model ({@link CostModel}) of any cascade from its stage flows and reagents: the one
     * formula of {@code optimize --objective cost} for every model.
     *
     * @param stageThroughput   Σ over stages of (organic + aqueous) flow through the stage, L/h
     * @param organicThroughput Σ over stages of the organic flow, L/h
     * @param acid              acid, mol H⁺/h
     * @param base              saponification base, mol/h
     */
    static Configuration.CostBreakdown annualCost(CostModel costs, double stageThroughput, double organicThroughput,
                                                  double acid, double base) {
        double tau = costs.residenceTime();
        double stageVolume = tau * stageThroughput / 1000; // m³
        double organicVolume = tau * organicThroughput / 1000;
        double hours = costs.operatingHours();
        return new Configuration.CostBreakdown(stageVolume, organicVolume,
                costs.capitalCharge() * costs.stageVolumePrice() * stageVolume,
                costs.capitalCharge() * costs.organicPrice() * organicVolume, hours * costs.acidPrice() * acid,
                hours * costs.basePrice() * base, costs.currency());
    }

    /** A verified configuration with everything the report prints. */
    Configuration configuration(Objective objective, int n, int m, double s, double w, double organicPurity,
                                double aqueousPurity) {
        boolean costed = costs != null && hasPlantData();
        return new Configuration(n, m, s, w, organicPurity, aqueousPurity, objective(objective, n, m, s, w),
                extractant(s, w) * (n + m), acidUse(s, w), baseUse(s),
                linear != null ? null : CascadeDesigner.plantFlows(in, s, w, excess),
                costed ? cost(n, m, s, w) : null);
    }
}
