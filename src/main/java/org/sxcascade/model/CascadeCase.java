package org.sxcascade.model;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;

/**
 * A complete, validated cascade to simulate: what a case file describes.
 *
 * <p>Validation across fields happens here, with field paths as in the case file: the
 * equilibrium model and the flows must fit each other; with the CMER model the flows must leave
 * both products a positive RE flow (aqueous feed: W &lt; S &lt; W + 1; organic feed:
 * S &lt; W &lt; S + 1, flow table of docs/theory.md) and there must be a scrubbing section.
 *
 * @param name          short title of the case
 * @param components    component names, in the order of the equilibrium model's parameters
 * @param equilibrium   the phase equilibrium
 * @param feed          the feed stream
 * @param cascade       stage counts n and m
 * @param flows         {@link XuFlows} for the CMER model, {@link VolumetricFlows} for the linear model
 * @param organicTarget purity target for the loaded-organic (A) product, or {@code null}
 * @param aqueousTarget purity target for the raffinate (B) product, or {@code null}
 * @param solver        solver settings
 * @param stageOptions  Murphree efficiencies and side draws ({@link StageOptions#NONE} for the plain
 *                      cascade)
 */
public record CascadeCase(String name, List<String> components, EquilibriumModel equilibrium, Feed feed,
                          Cascade cascade, OperatingFlows flows, ProductTarget organicTarget,
                          ProductTarget aqueousTarget, SolverSettings solver, StageOptions stageOptions)
        implements ModelCase {
    /** Most components a case may have. */
    public static final int MAX_COMPONENTS = 20;

    public CascadeCase {
        if (name == null || name.isBlank()) {
            name = "cascade";
        }
        if (components == null || components.isEmpty() || components.size() > MAX_COMPONENTS) {
            throw new InvalidInputException("components", components == null ? 0 : components.size(),
                    "from 1 to " + MAX_COMPONENTS + " components");
        }
        components = List.copyOf(components);
        Set<String> seen = new HashSet<>();
        for (int j = 0; j < components.size(); j++) {
            String c = components.get(j);
            if (c == null || c.isBlank()) {
                throw new InvalidInputException("components[" + j + "].name", c, "a non-empty name");
            }
            if (!seen.add(c)) {
                throw new InvalidInputException("components[" + j + "].name", c, "a name not used by another component");
            }
        }
        if (equilibrium == null || equilibrium.componentCount() != components.size()) {
            throw new InvalidInputException("components", components.size(),
                    "one equilibrium parameter per component");
        }
        if (feed == null || feed.composition().length != components.size()) {
            throw new InvalidInputException("feed.composition",
                    feed == null ? "(missing)" : feed.composition().length + " fractions",
                    "one mole fraction for each of the " + components.size() + " components");
        }
        if (cascade == null) {
            throw new InvalidInputException("cascade", "(missing)", "extractionStages and scrubStages");
        }
        if (solver == null) {
            solver = SolverSettings.defaults();
        }
        if (equilibrium instanceof ConstantSeparationFactors) {
            checkCmer(feed, cascade, flows);
        } else if (equilibrium instanceof ConstantDistributionRatios) {
            checkLinear(feed, cascade, flows);
        } else if (flows == null) {
            throw new InvalidInputException("flows", "(missing)", "flows for the equilibrium model");
        }
        checkTarget("targets.organic", organicTarget, components.size());
        checkTarget("targets.aqueous", aqueousTarget, components.size());
        if (stageOptions == null) {
            stageOptions = StageOptions.NONE;
        }
        int total = cascade.totalStages();
        for (int i = 0; i < stageOptions.sideDraws().size(); i++) {
            SideDraw d = stageOptions.sideDraws().get(i);
            SideDraw.checkStage("sideDraws[" + i + "].stage", d.stage(), d.phase(), total);
        }
    }

    /** A plain cascade: equilibrium stages, no side draws. */
    public CascadeCase(String name, List<String> components, EquilibriumModel equilibrium, Feed feed, Cascade cascade,
                       OperatingFlows flows, ProductTarget organicTarget, ProductTarget aqueousTarget,
                       SolverSettings solver) {
        this(name, components, equilibrium, feed, cascade, flows, organicTarget, aqueousTarget, solver,
                StageOptions.NONE);
    }

    private static void checkCmer(Feed feed, Cascade cascade, OperatingFlows flows) {
        if (!(flows instanceof XuFlows xu)) {
            throw new InvalidInputException("flows", flows == null ? "(missing)" : "volumetric flows only",
                    "extractant and scrub (S, W in mol RE per mol RE fed), or organicFlow, organicLoading, "
                            + "scrubFlow and scrubAcidity, for model separation-factors");
        }
        if (cascade.scrubStages() < 1) {
            throw new InvalidInputException("cascade.scrubStages", cascade.scrubStages(),
                    "an integer from 1 to " + (Cascade.MAX_STAGES - cascade.extractionStages())
                            + " for model separation-factors (the A product leaves the scrubbing section)");
        }
        double s = xu.extractant();
        double w = xu.scrub();
        boolean aqueousFeed = feed.phase() == FeedPhase.AQUEOUS;
        if (aqueousFeed) {
            // organic product S − W and raffinate W + 1 − S must both be positive
            if (!(s > w)) {
                throw outside(true, s, w, xu.engineering(),
                        "S > W for an aqueous feed, or no loaded organic (A product) leaves stage N");
            }
            if (!(s < w + 1)) {
                throw outside(true, s, w, xu.engineering(),
                        "S < W + 1 for an aqueous feed, or no raffinate (B product) leaves stage 1");
            }
        } else {
            // organic product S + 1 − W and raffinate W − S must both be positive
            if (!(w > s)) {
                throw outside(false, s, w, xu.engineering(),
                        "W > S for an organic feed, or no raffinate (B product) leaves stage 1");
            }
            if (!(w < s + 1)) {
                throw outside(false, s, w, xu.engineering(),
                        "W < S + 1 for an organic feed, or no loaded organic (A product) leaves stage N");
            }
        }
    }

    /**
     * S (aqueous feed) or W (organic feed) outside its interval, W < S < W + 1 or S < W < S + 1, as
     * the user wrote the flows: S and W, or with plant flows the organic flow (aqueous feed) or the
     * scrub flow (organic feed) and its allowed range in L/h, from S = Q_org·c_sat/(Q_feed·c_feed) and
     * W = Q_scrub·[H⁺]/(3·Q_feed·c_feed) ({@link EngineeringFlows}) with the other flows as given.
     */
    private static InvalidInputException outside(boolean aqueousFeed, double s, double w, EngineeringFlows plant,
                                                 String rule) {
        String[] f = apart(s, w, s + 1, w + 1); // digits that tell them apart
        if (plant == null) {
            return aqueousFeed
                    ? new InvalidInputException("flows.extractant", f[0], rule + sw(f) + "; allowed: " + f[1]
                            + " < S < " + f[3])
                    : new InvalidInputException("flows.scrub", f[1], rule + sw(f) + "; allowed: " + f[0]
                            + " < W < " + f[2]);
        }
        if (aqueousFeed) {
            double perS = plant.feedRate() / plant.organicLoading(); // L/h of organic per unit of S
            String[] q = apart(plant.organicFlow(), w * perS, (w + 1) * perS);
            return new InvalidInputException("flows.organicFlow", q[0] + " L/h", rule + sw(f) + "; with the "
                    + "scrub, feed and loading as given, allowed: " + q[1] + " L/h < organicFlow < " + q[2] + " L/h");
        }
        double perW = EngineeringFlows.PROTONS_PER_RE * plant.feedRate() / plant.scrubAcidity(); // L/h per unit of W
        String[] q = apart(plant.scrubFlow(), s * perW, (s + 1) * perW);
        return new InvalidInputException("flows.scrubFlow", q[0] + " L/h", rule + sw(f) + "; with the organic "
                + "flow, feed and acidity as given, allowed: " + q[1] + " L/h < scrubFlow < " + q[2] + " L/h");
    }

    /** The flows for an error message: " (S = …, W = …)". */
    private static String sw(String[] f) {
        return " (S = " + f[0] + ", W = " + f[1] + ")";
    }

    private static void checkLinear(Feed feed, Cascade cascade, OperatingFlows flows) {
        if (!(flows instanceof VolumetricFlows vol)) {
            throw new InvalidInputException("flows", flows == null ? "(missing)" : "S and W",
                    "feed.flow, flows.organicFlow and flows.scrubFlow in L/h for model distribution-ratios");
        }
        if (cascade.scrubStages() > 0 && !(vol.scrubFlow() > 0)) {
            throw new InvalidInputException("flows.scrubFlow", vol.scrubFlow(),
                    "greater than 0 L/h when there are scrub stages (cascade.scrubStages = "
                            + cascade.scrubStages() + ")");
        }
        if (feed.phase() == FeedPhase.ORGANIC && cascade.scrubStages() < 1) {
            throw new InvalidInputException("cascade.scrubStages", 0,
                    "at least 1 for an organic feed (it enters stage n + 1)");
        }
    }

    private static void checkTarget(String field, ProductTarget target, int count) {
        if (target == null) {
            return;
        }
        for (int i : target.components()) {
            if (i < 0 || i >= count) {
                throw new InvalidInputException(field + ".components", i, "a component of the case");
            }
        }
    }

    /**
     * The numbers as {@link #fmt} writes them, with more significant digits (up to 17) where six
     * would make two different numbers look the same.
     */
    static String[] apart(double... xs) {
        String[] out = new String[xs.length];
        for (int digits = 6; digits <= 17; digits++) {
            boolean distinct = true;
            for (int i = 0; i < xs.length; i++) {
                out[i] = String.format(java.util.Locale.ROOT, "%." + digits + "g", xs[i]);
                for (int j = 0; j < i && distinct; j++) {
                    distinct = xs[i] == xs[j] || !out[i].equals(out[j]);
                }
            }
            if (distinct) {
                break;
            }
        }
        return out;
    }

    public static String fmt(double x) {
        return String.format(java.util.Locale.ROOT, "%.6g", x);
    }

    /**
     * The product streams as {@code simulate} reports them: the loaded organic leaving stage N and
     * the raffinate leaving stage 1 (named {@code organic} and {@code aqueous}, after their targets),
     * then every side draw.
     */
    public List<MassActionCase.Outlet> outlets() {
        List<MassActionCase.Outlet> list = new java.util.ArrayList<>();
        list.add(new MassActionCase.Outlet("organic", FeedPhase.ORGANIC, cascade.totalStages(), organicTarget, false));
        list.add(new MassActionCase.Outlet("aqueous", FeedPhase.AQUEOUS, 1, aqueousTarget, false));
        for (int i = 0; i < stageOptions.sideDraws().size(); i++) {
            SideDraw d = stageOptions.sideDraws().get(i);
            list.add(new MassActionCase.Outlet(stageOptions.drawNames().get(i), d.phase(), d.stage(),
                    stageOptions.drawTargets().get(i), true));
        }
        return list;
    }

    /** Index of a component by name, or -1. */
    public int componentIndex(String componentName) {
        return components.indexOf(componentName);
    }

    /** The stage network of this case, as {@code simulate} solves it. */
    @Override
    public org.sxcascade.solver.CascadeNetwork network() {
        return org.sxcascade.solver.CascadeNetwork.of(this);
    }

    /** The report's view of a solved steady state of this case ({@link CascadeCaseView}). */
    @Override
    public CaseView view(org.sxcascade.solver.CascadeNetwork network, org.sxcascade.solver.SteadyState state) {
        return new CascadeCaseView(this, network, state);
    }
}
