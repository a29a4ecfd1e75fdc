package org.sxcascade.solver;

import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.StageFeed;
import org.sxcascade.model.StageOptions;
import java.util.List;
import org.sxcascade.model.SectionFlows;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;

/**
 * The stage-by-stage structure a steady-state solver works on: N stages in a line, organic
 * flowing 1 → N, aqueous N → 1, each stage with its phase flows (in the equilibrium model's
 * basis) and the component flows fed to it (mol per mol of total feed). Products are the
 * aqueous leaving stage 1 (raffinate, B product) and the organic leaving stage N (loaded
 * organic, A product).
 *
 * <p>Beyond the plain cascade of docs/theory.md (Conventions) a network may carry, per stage (see the {@code with…}
 * methods): a Murphree stage efficiency on the organic phase, side draws (a fraction of a
 * phase's outflow taken off as a product: the three-outlet process, or the strip liquor not
 * refluxed) and the organic-phase part of the feeds, which sets the composition of the organic
 * entering a stage for the efficiency. A network with efficiencies below 1 or side draws is not
 * {@link #isPlain() plain}; {@link TwoPhaseNewtonSolver} solves it.
 *
 * <p>Arrays are indexed from 0 (stage k is index k−1); component flows are stage-major,
 * {@code feed[(k−1)·C + j]}. The arrays are owned by this object; do not modify them.
 */
public final class CascadeNetwork {
    private final int stages;
    private final int components;
    private final double[] organicFlow;
    private final double[] aqueousFlow;
    private final double[] feed;
    /** Total flow of each component fed to the cascade, summed once: solvers ask per stage. */
    private final double[] totalFeed;
    private final EquilibriumModel equilibrium;
    /*
     * The per-stage arrays below are null where every entry has its default (efficiency 1, the
     * others 0), as in a plain cascade fed in the aqueous phase: a sweep builds one network per
     * point, and these five arrays were most of what it allocated (issue 16, item 12).
     */
    /** Murphree efficiency of each stage (organic phase), 1 = equilibrium stage; null: all 1. */
    private final double[] efficiency;
    /** Fraction of the organic (aqueous) outflow of each stage taken off as a side product; null: all 0. */
    private final double[] organicDraw;
    private final double[] aqueousDraw;
    /** Component flows fed to each stage with the organic phase (part of {@link #feed}); null: all 0. */
    private final double[] organicFeed;
    /** Organic phase flow fed to each stage (model basis): the fresh organic at stage 1, organic feeds; null: all 0. */
    private final double[] organicInlet;
    /** Component names for messages, or {@code null} where the builder knows none. */
    private final List<String> componentNames;
    /**
     * The stage (1-based) whose aqueous draw is a reflux split, the part not drawn flowing on as
     * scrub liquor (the strip liquor of a mass-action cascade), or 0 if the network has none; kept
     * so that a solver can vary the reflux ({@link #withReflux}).
     */
    private final int refluxStage;
    private final boolean plain;

    /**
     * @param organicFlow  organic phase flow leaving each stage (model basis)
     * @param aqueousFlow  aqueous phase flow leaving each stage (model basis)
     * @param feed         component flows fed to each stage, N×C, summing to 1
     */
    public CascadeNetwork(EquilibriumModel equilibrium, double[] organicFlow, double[] aqueousFlow, double[] feed) {
        this(equilibrium, organicFlow.clone(), aqueousFlow.clone(), feed.clone(), true);
    }

    /**
     * The public constructor on arrays the network may keep, not copied: built by the caller for
     * it alone and not changed afterwards ({@code owned} only tells the two constructors apart).
     */
    private CascadeNetwork(EquilibriumModel equilibrium, double[] organicFlow, double[] aqueousFlow, double[] feed,
                           boolean owned) {
        this.stages = organicFlow.length;
        this.components = equilibrium.componentCount();
        if (aqueousFlow.length != stages || feed.length != stages * components || stages < 1) {
            throw new IllegalArgumentException("inconsistent network dimensions");
        }
        for (int k = 0; k < stages; k++) {
            if (!(organicFlow[k] > 0) || !(aqueousFlow[k] > 0)) {
                throw new IllegalArgumentException("stage " + (k + 1) + " has a phase flow ≤ 0");
            }
        }
        this.equilibrium = equilibrium;
        this.organicFlow = organicFlow;
        this.aqueousFlow = aqueousFlow;
        this.feed = feed;
        this.totalFeed = new double[components];
        for (int k = 0; k < stages; k++) {
            for (int j = 0; j < components; j++) {
                totalFeed[j] += feed[k * components + j];
            }
        }
        this.efficiency = null;
        this.organicDraw = null;
        this.aqueousDraw = null;
        this.organicFeed = null;
        this.organicInlet = null;
        this.componentNames = null;
        this.refluxStage = 0;
        this.plain = true;
    }

    private CascadeNetwork(CascadeNetwork base, double[] efficiency, double[] organicDraw, double[] aqueousDraw,
                           double[] organicFeed, double[] organicInlet) {
        this(base, efficiency, organicDraw, aqueousDraw, organicFeed, organicInlet, base.componentNames);
    }

    private CascadeNetwork(CascadeNetwork base, double[] efficiency, double[] organicDraw, double[] aqueousDraw,
                           double[] organicFeed, double[] organicInlet, List<String> componentNames) {
        this(base, efficiency, organicDraw, aqueousDraw, organicFeed, organicInlet, componentNames, base.refluxStage);
    }

    private CascadeNetwork(CascadeNetwork base, double[] efficiency, double[] organicDraw, double[] aqueousDraw,
                           double[] organicFeed, double[] organicInlet, List<String> componentNames, int refluxStage) {
        this.stages = base.stages;
        this.components = base.components;
        this.equilibrium = base.equilibrium;
        this.organicFlow = base.organicFlow;
        this.aqueousFlow = base.aqueousFlow;
        this.feed = base.feed;
        this.totalFeed = base.totalFeed;
        this.efficiency = unlessAll(efficiency, 1.0);
        this.organicDraw = unlessAll(organicDraw, 0.0);
        this.aqueousDraw = unlessAll(aqueousDraw, 0.0);
        this.organicFeed = unlessAll(organicFeed, 0.0);
        this.organicInlet = unlessAll(organicInlet, 0.0);
        this.componentNames = componentNames;
        this.refluxStage = refluxStage;
        this.plain = this.efficiency == null && this.organicDraw == null && this.aqueousDraw == null;
    }

    /** {@code a}, or null (the default) when it is null or every entry is {@code value}. */
    private static double[] unlessAll(double[] a, double value) {
        if (a != null) {
            for (double x : a) {
                if (x != value) {
                    return a;
                }
            }
        }
        return null;
    }

    /** Entry i of a per-stage array that is null where all its entries are 0. */
    private static double at(double[] a, int i) {
        return a == null ? 0 : a[i];
    }

    /**
     * This network with Murphree efficiencies on the organic phase: on stage k the organic leaves
     * with {@code y_k = y_in + E_k (y*_k − y_in)}, y* in equilibrium with the aqueous leaving the
     * stage and y_in the composition of the organic entering it (from stage k − 1 and any organic
     * feed), compositions in the model's basis (mole fractions for CMER, concentrations for the
     * volumetric models). Where no organic enters a stage in the model's basis (the barren organic
     * of a CMER cascade carries no RE) the stage is at equilibrium.
     *
     * @param efficiency one value per stage, in (0, 1]
     */
    public CascadeNetwork withEfficiency(double[] efficiency) {
        if (efficiency.length != stages) {
            throw new IllegalArgumentException("efficiency needs " + stages + " values");
        }
        for (int k = 0; k < stages; k++) {
            if (!(efficiency[k] > 0 && efficiency[k] <= 1)) {
                throw new IllegalArgumentException("stage " + (k + 1) + " efficiency " + efficiency[k] + " not in (0, 1]");
            }
        }
        return new CascadeNetwork(this, efficiency.clone(), organicDraw, aqueousDraw, organicFeed, organicInlet);
    }

    /**
     * This network with side draws: the fraction {@code organicDraw[k−1]} of the organic leaving
     * stage k (and {@code aqueousDraw[k−1]} of the aqueous) is taken off as a product; the rest
     * flows on (a fraction of 1 takes all of it: nothing flows on). The phase flows of the network are the stage outflows before the draw.
     */
    public CascadeNetwork withSideDraws(double[] organicDraw, double[] aqueousDraw) {
        if (organicDraw.length != stages || aqueousDraw.length != stages) {
            throw new IllegalArgumentException("side draws need " + stages + " values per phase");
        }
        for (int k = 0; k < stages; k++) {
            if (!(organicDraw[k] >= 0 && organicDraw[k] <= 1) || !(aqueousDraw[k] >= 0 && aqueousDraw[k] <= 1)) {
                throw new IllegalArgumentException("stage " + (k + 1) + " draw fraction not in [0, 1]");
            }
        }
        return new CascadeNetwork(this, efficiency, organicDraw.clone(), aqueousDraw.clone(), organicFeed, organicInlet);
    }

    /**
     * This network with the organic-phase part of its feeds known: {@code organicFeed} (N×C, part of
     * the network's feed) enters each stage with the organic phase, in a phase flow
     * {@code organicInlet[k−1]} (model basis; the fresh organic at stage 1 included). Only the
     * Murphree efficiency uses it, for the composition of the organic entering a stage.
     */
    public CascadeNetwork withOrganicInlet(double[] organicInlet, double[] organicFeed) {
        checkOrganicInlet(organicInlet, organicFeed);
        return new CascadeNetwork(this, efficiency, organicDraw, aqueousDraw, organicFeed.clone(), organicInlet.clone());
    }

    private void checkOrganicInlet(double[] organicInlet, double[] organicFeed) {
        if (organicInlet.length != stages || organicFeed.length != stages * components) {
            throw new IllegalArgumentException("organic inlet needs " + stages + " flows and " + stages * components
                    + " component flows");
        }
        for (int i = 0; i < organicFeed.length; i++) {
            if (!(organicFeed[i] >= 0 && organicFeed[i] <= feed[i] * (1 + 1e-12) + Double.MIN_NORMAL)) {
                throw new IllegalArgumentException("organic feed exceeds the feed at stage " + (i / components + 1));
            }
        }
    }

    /** {@link #withOrganicInlet} on arrays built for this network alone, checked the same way and not copied. */
    private CascadeNetwork withOwnOrganicInlet(double[] organicInlet, double[] organicFeed) {
        checkOrganicInlet(organicInlet, organicFeed);
        return new CascadeNetwork(this, efficiency, organicDraw, aqueousDraw, organicFeed, organicInlet);
    }

    /**
     * Whether stage k (1-based) is a copy of both its neighbours: no feed, no organic inlet, no side
     * draw, and the same phase flows and efficiency as the stages on either side. Such stages can be
     * left out of the network (or more of them put in) without changing what the others see, only
     * how long the run of them is. Stages 1 and N never are.
     */
    boolean isRepeatedStage(int stage) {
        int k = stage - 1;
        if (k == 0 || k == stages - 1 || at(organicDraw, k) != 0 || at(aqueousDraw, k) != 0 || at(organicInlet, k) != 0) {
            return false;
        }
        for (int j = 0; j < components; j++) {
            if (feed[k * components + j] != 0 || at(organicFeed, k * components + j) != 0) {
                return false;
            }
        }
        for (int i = k - 1; i <= k + 1; i += 2) {
            if (organicFlow[i] != organicFlow[k] || aqueousFlow[i] != aqueousFlow[k]
                    || efficiency(i + 1) != efficiency(k + 1)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The network of the given stages of this one (1-based, strictly increasing), each with its
     * flows, feeds, side draws and efficiency; the stages left out must be
     * {@link #isRepeatedStage repeated stages}, so the result is the same cascade with shorter
     * runs of them (e.g. shorter sections).
     */
    CascadeNetwork ofStages(int[] kept) {
        int m = kept.length;
        int c = components;
        double[] org = new double[m];
        double[] aq = new double[m];
        double[] fd = new double[m * c];
        double[] eff = new double[m];
        double[] od = new double[m];
        double[] ad = new double[m];
        double[] ofd = new double[m * c];
        double[] inlet = new double[m];
        for (int i = 0; i < m; i++) {
            int k = kept[i] - 1;
            if (i > 0 && kept[i] <= kept[i - 1]) {
                throw new IllegalArgumentException("stages not increasing");
            }
            org[i] = organicFlow[k];
            aq[i] = aqueousFlow[k];
            eff[i] = efficiency(k + 1);
            od[i] = at(organicDraw, k);
            ad[i] = at(aqueousDraw, k);
            inlet[i] = at(organicInlet, k);
            System.arraycopy(feed, k * c, fd, i * c, c);
            if (organicFeed != null) {
                System.arraycopy(organicFeed, k * c, ofd, i * c, c);
            }
        }
        int reflux = 0;
        for (int i = 0; i < m; i++) {
            if (kept[i] == refluxStage) {
                reflux = i + 1;
            }
        }
        CascadeNetwork base = new CascadeNetwork(equilibrium, org, aq, fd, true);
        return new CascadeNetwork(base, eff, od, ad, ofd, inlet, componentNames, reflux);
    }

    /**
     * The stage whose aqueous draw is a reflux split (1-based), or 0 if none: the part of the
     * aqueous leaving it that is not drawn flows on to the stage below as scrub liquor.
     */
    int refluxStage() {
        return refluxStage;
    }

    /**
     * The reflux of this network: the fraction of the aqueous leaving {@link #refluxStage()} that
     * flows on, or NaN if the network has no reflux split.
     */
    double reflux() {
        return refluxStage == 0 ? Double.NaN : 1 - aqueousDraw(refluxStage);
    }

    /**
     * This network with {@code factor} times the organic: every stage's organic flow, every organic
     * inlet and the components it brings (for mass action the saponified extractant's cation and
     * any pre-load) scaled by the factor, the aqueous as it is. Only for models whose phase flows
     * are volumes (mass action, constant D); a solver uses it for a continuation in the organic
     * flow, whose last member (factor 1) is this network.
     */
    CascadeNetwork withOrganicScaled(double factor) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("organic factor " + factor);
        }
        double[] org = organicFlow.clone();
        for (int k = 0; k < stages; k++) {
            org[k] *= factor;
        }
        double[] fd = feed.clone();
        double[] ofd = null;
        double[] inlet = null;
        if (organicFeed != null) {
            ofd = organicFeed.clone();
            for (int i = 0; i < ofd.length; i++) {
                ofd[i] *= factor;
                fd[i] += ofd[i] - organicFeed[i];
            }
        }
        if (organicInlet != null) {
            inlet = organicInlet.clone();
            for (int k = 0; k < stages; k++) {
                inlet[k] *= factor;
            }
        }
        CascadeNetwork base = new CascadeNetwork(equilibrium, org, aqueousFlow, fd, true);
        return new CascadeNetwork(base, efficiency, organicDraw, aqueousDraw, ofd, inlet, componentNames, refluxStage);
    }

    /**
     * This network at another reflux: the aqueous leaving the reflux stage s is drawn in the fraction
     * 1 − reflux, and every stage below s carries (reflux − R)·L_s more aqueous (L_s the flow
     * leaving s, R this network's reflux), the refluxed liquor being part of the aqueous of every
     * stage below the split. Only for models whose phase flows are volumes (mass action, constant D),
     * where the flow below the split is the sum of the streams that make it up; a solver uses it for
     * a continuation in the reflux, whose last member is this network itself.
     *
     * @throws IllegalStateException if the network has no reflux split
     */
    CascadeNetwork withReflux(double reflux) {
        if (refluxStage == 0) {
            throw new IllegalStateException("no reflux split");
        }
        if (!(reflux >= 0 && reflux < 1)) {
            throw new IllegalArgumentException("reflux " + reflux + " not in [0, 1)");
        }
        int s = refluxStage - 1;
        double more = (reflux - reflux()) * aqueousFlow[s];
        double[] aq = aqueousFlow.clone();
        for (int k = 0; k < s; k++) {
            aq[k] += more;
            if (!(aq[k] > 0)) {
                throw new IllegalArgumentException("reflux " + reflux + " leaves stage " + (k + 1) + " without aqueous");
            }
        }
        double[] ad = aqueousDraw.clone();
        ad[s] = 1 - reflux;
        CascadeNetwork base = new CascadeNetwork(equilibrium, organicFlow, aq, feed, true);
        return new CascadeNetwork(base, efficiency, organicDraw, ad, organicFeed, organicInlet, componentNames,
                refluxStage);
    }

    /**
     * This network with its components named (for messages such as a solver's failure), in the
     * equilibrium model's component order.
     */
    public CascadeNetwork withComponentNames(List<String> names) {
        if (names.size() != components) {
            throw new IllegalArgumentException(components + " component names needed, " + names.size() + " given");
        }
        return new CascadeNetwork(this, efficiency, organicDraw, aqueousDraw, organicFeed, organicInlet,
                List.copyOf(names));
    }

    /**
     * How messages name component j (0-based): its name where the network was given names
     * ({@link #withComponentNames}), else its number from 1.
     */
    public String componentName(int j) {
        return componentNames != null ? componentNames.get(j) : Integer.toString(j + 1);
    }

    /** This network with equilibrium stages and no side draws (same phase flows and feeds). */
    CascadeNetwork plainVersion() {
        return plain ? this : new CascadeNetwork(this, null, null, null, organicFeed, organicInlet, componentNames, 0);
    }

    /** Whether every stage is an equilibrium stage without side draws (the plain cascade of docs/theory.md). */
    public boolean isPlain() {
        return plain;
    }

    /** Murphree efficiency of a stage (1-based). */
    public double efficiency(int stage) {
        return efficiency == null ? 1.0 : efficiency[stage - 1];
    }

    /** Fraction of the organic leaving a stage (1-based) that is drawn off. */
    public double organicDraw(int stage) {
        return at(organicDraw, stage - 1);
    }

    /** Fraction of the aqueous leaving a stage (1-based) that is drawn off. */
    public double aqueousDraw(int stage) {
        return at(aqueousDraw, stage - 1);
    }

    /**
     * The fraction of the {@code phase} leaving {@code stage} (1-based) that a product takes: the
     * draw fraction for a drawn product (a side draw, the strip liquor not refluxed), else what the
     * draws leave (the raffinate, the organic leaving stage N).
     */
    public double share(FeedPhase phase, int stage, boolean drawn) {
        double d = phase == FeedPhase.ORGANIC ? organicDraw(stage) : aqueousDraw(stage);
        return drawn ? d : 1 - d;
    }

    /** Component j fed to a stage (1-based) with the organic phase. */
    public double organicFeed(int stage, int j) {
        return at(organicFeed, (stage - 1) * components + j);
    }

    /**
     * Organic phase flow entering a stage (1-based, model basis): the part of stage k − 1's organic
     * not drawn off plus the organic fed to the stage.
     */
    public double organicInflow(int stage) {
        double in = at(organicInlet, stage - 1);
        if (stage > 1) {
            in += (1 - organicDraw(stage - 1)) * organicFlow[stage - 2];
        }
        return in;
    }

    /**
     * Builds the stage flows of a case from the flow table (docs/theory.md): for the CMER model the RE metal flows of
     * the flow table (aqueous feed: organic S, aqueous W + 1 below the feed and W above it,
     * organic product S − W, raffinate W + 1 − S; organic feed: organic S + 1 above the feed);
     * for the linear model the volumetric flows.
     */
    public static CascadeNetwork of(CascadeCase c) {
        return unnamedOf(c).withComponentNames(c.components());
    }

    private static CascadeNetwork unnamedOf(CascadeCase c) {
        CascadeNetwork plain = plainOf(c);
        StageOptions options = c.stageOptions();
        if (options.isPlain()) {
            return plain;
        }
        int n = c.cascade().extractionStages();
        int total = plain.stages;
        CascadeNetwork net = plain;
        if (!options.sideDraws().isEmpty()) {
            if (c.equilibrium() instanceof ConstantSeparationFactors eq) {
                XuFlows xu = (XuFlows) c.flows();
                FeedPhase phase = c.feed().phase();
                net = cmer(eq, total, xu.extractant(), xu.scrub(),
                        List.of(StageFeed.ofMetal(c.cascade().feedStage(phase), phase, c.feed().composition())),
                        options.sideDraws());
            } else {
                net = volumetricDraws(plain, options.sideDraws());
            }
        }
        double[] e = new double[total];
        for (int k = 0; k < total; k++) {
            e[k] = k < n ? options.extractionEfficiency() : options.scrubEfficiency();
        }
        return net.withEfficiency(e);
    }

    /**
     * Side draws in a volumetric basis (L/h): a draw of D lowers the phase flow of every stage
     * downstream of it (the aqueous below, the organic above) by what of D would have reached that
     * stage: all of it, and past a draw fraction f the {@code plain} network already has (the strip
     * liquor not refluxed) only (1 − f)·D. The network keeps its draw fractions and adds each
     * draw's D over the flow leaving its stage.
     *
     * @throws InvalidInputException naming {@code sideDraws[i].flow} when a draw is not smaller
     *                               than the flow that reaches it
     */
    private static CascadeNetwork volumetricDraws(CascadeNetwork plain, List<SideDraw> draws) {
        int total = plain.stages;
        double[] organic = plain.organicFlow.clone();
        double[] aqueous = plain.aqueousFlow.clone();
        double[] organicDrawn = new double[total];
        double[] aqueousDrawn = new double[total];
        for (SideDraw d : draws) {
            int k = d.stage() - 1;
            double reach = d.flow();
            if (d.phase() == FeedPhase.ORGANIC) {
                organicDrawn[k] += d.flow();
                for (int i = k + 1; i < total; i++) {
                    organic[i] -= reach;
                    reach *= 1 - plain.organicDraw(i + 1);
                }
            } else {
                aqueousDrawn[k] += d.flow();
                for (int i = k - 1; i >= 0; i--) {
                    aqueous[i] -= reach;
                    reach *= 1 - plain.aqueousDraw(i + 1);
                }
            }
        }
        double[] organicDraw = new double[total];
        double[] aqueousDraw = new double[total];
        // what may be drawn: the flow leaving the stage less the part the network already takes;
        // each phase checked in its direction of flow, so the first failure is a stage with a draw
        for (int k = 0; k < total; k++) {
            double free = organic[k] * (1 - plain.organicDraw(k + 1));
            if (!(free > organicDrawn[k])) {
                throw tooLarge(draws, k + 1, FeedPhase.ORGANIC, Math.max(0, free));
            }
            organicDraw[k] = plain.organicDraw(k + 1) + organicDrawn[k] / organic[k];
        }
        for (int k = total - 1; k >= 0; k--) {
            double free = aqueous[k] * (1 - plain.aqueousDraw(k + 1));
            if (!(free > aqueousDrawn[k])) {
                throw tooLarge(draws, k + 1, FeedPhase.AQUEOUS, Math.max(0, free));
            }
            aqueousDraw[k] = plain.aqueousDraw(k + 1) + aqueousDrawn[k] / aqueous[k];
        }
        CascadeNetwork flows = new CascadeNetwork(plain.equilibrium, organic, aqueous, plain.feed, true);
        // the reflux split stays one unless a side draw shares its stage
        int reflux = plain.refluxStage != 0 && aqueousDrawn[plain.refluxStage - 1] == 0 ? plain.refluxStage : 0;
        return new CascadeNetwork(flows, plain.efficiency, plain.organicDraw, plain.aqueousDraw, plain.organicFeed,
                plain.organicInlet, plain.componentNames, reflux).withSideDraws(organicDraw, aqueousDraw);
    }

    /**
     * The error for draws of {@code phase} at {@code stage} that are not smaller than the flow that
     * reaches them ({@code available}, L/h): named {@code sideDraws[i].flow} for a single draw,
     * {@code sideDraws} for several on one stage.
     */
    private static InvalidInputException tooLarge(List<SideDraw> draws, int stage, FeedPhase phase, double available) {
        List<Integer> here = new java.util.ArrayList<>();
        double sum = 0;
        for (int i = 0; i < draws.size(); i++) {
            if (draws.get(i).stage() == stage && draws.get(i).phase() == phase) {
                here.add(i);
                sum += draws.get(i).flow();
            }
        }
        String reaches = "the " + phase.label() + " flow leaving stage " + stage + " after the draws upstream of it, "
                + CascadeCase.fmt(available) + " L/h";
        if (here.size() == 1) {
            return new InvalidInputException("sideDraws[" + here.get(0) + "].flow", CascadeCase.fmt(sum) + " L/h",
                    "greater than 0 and less than " + reaches);
        }
        return new InvalidInputException("sideDraws", "draws totalling " + CascadeCase.fmt(sum) + " L/h from the "
                + phase.label() + " of stage " + stage, "a total less than " + reaches);
    }

    /** The plain network of a case: flow-table flows (docs/theory.md), equilibrium stages, no side draws. */
    private static CascadeNetwork plainOf(CascadeCase c) {
        int n = c.cascade().extractionStages();
        int total = c.cascade().totalStages();
        int comps = c.components().size();
        FeedPhase phase = c.feed().phase();
        int feedStage = c.cascade().feedStage(phase);
        double[] organic = new double[total];
        double[] aqueous = new double[total];
        double[] feed = new double[total * comps];
        double[] z = c.feed().composition();
        System.arraycopy(z, 0, feed, (feedStage - 1) * comps, comps);
        if (c.equilibrium() instanceof ConstantSeparationFactors) {
            XuFlows xu = (XuFlows) c.flows();
            double s = xu.extractant();
            double w = xu.scrub();
            boolean aq = phase == FeedPhase.AQUEOUS;
            for (int k = 1; k <= total; k++) {
                boolean extraction = k <= n;
                organic[k - 1] = extraction || aq ? s : s + 1;
                aqueous[k - 1] = extraction && aq ? w + 1 : w;
            }
            // end stages: organic product leaves stage N, raffinate leaves stage 1
            organic[total - 1] = aq ? s - w : s + 1 - w;
            aqueous[0] = aq ? w + 1 - s : w - s;
        } else if (c.equilibrium() instanceof ConstantDistributionRatios) {
            SectionFlows q = ((VolumetricFlows) c.flows()).sections(phase);
            for (int k = 1; k <= total; k++) {
                organic[k - 1] = q.organic(c.cascade(), k);
                aqueous[k - 1] = q.aqueous(c.cascade(), k);
            }
        } else {
            throw new IllegalArgumentException("no stage-flow rule for " + c.equilibrium().getClass().getSimpleName());
        }
        CascadeNetwork plain = new CascadeNetwork(c.equilibrium(), organic, aqueous, feed, true);
        // the organic entering each stage, for Murphree efficiencies: the fresh organic at stage 1
        // (in the CMER basis it carries no RE) and an organic feed with its own phase flow
        boolean linear = c.equilibrium() instanceof ConstantDistributionRatios;
        if (!linear && phase == FeedPhase.AQUEOUS) {
            return plain; // no organic inlet (its arrays would be all 0)
        }
        double[] inlet = new double[total];
        double[] organicFeed = new double[total * comps];
        inlet[0] = linear ? organic[0] : 0;
        if (phase == FeedPhase.ORGANIC) {
            System.arraycopy(z, 0, organicFeed, (feedStage - 1) * comps, comps);
            inlet[feedStage - 1] += linear ? organic[feedStage - 1] - organic[feedStage - 2] : 1;
        }
        return plain.withOwnOrganicInlet(inlet, organicFeed);
    }

    /**
     * A CMER cascade (constant mixed extraction ratio, docs/theory.md) with any number of feeds and side
     * draws, in RE metal flows. The organic is saturated: it leaves stage 1 carrying S, every stage
     * above passes on what it received less any organic draw plus any organic feed, and the acid
     * scrub entering stage N strips W from it (the organic product leaves stage N with the rest).
     * The aqueous flows follow from each stage's metal balance, from stage N down. With one aqueous
     * feed of 1 at stage n (or organic at n + 1) and no draws this is the flow table of docs/theory.md.
     *
     * @param extractant S, RE carried by the organic leaving stage 1 (flow units of the feeds)
     * @param acidScrub  W, RE stripped from the organic at stage N by the acid scrub; 0 when the
     *                   scrub liquor is itself a feed (a reflux or a linked stream)
     * @param draws      side draws, each a metal flow less than its stage's outflow
     * @throws InvalidInputException when a stage would be left with no aqueous or organic flow
     */
    public static CascadeNetwork cmer(ConstantSeparationFactors eq, int stages, double extractant, double acidScrub,
                                      List<StageFeed> feeds, List<SideDraw> draws) {
        int c = eq.componentCount();
        double[] organic = new double[stages];
        double[] aqueous = new double[stages];
        double[] feed = new double[stages * c];
        double[] organicFeed = new double[stages * c];
        double[] organicIn = new double[stages];
        double[] metalFed = new double[stages];
        double[] organicDraw = new double[stages];
        double[] aqueousDraw = new double[stages];
        for (int i = 0; i < feeds.size(); i++) {
            StageFeed f = feeds.get(i);
            if (f.stage() > stages) {
                throw new InvalidInputException("feeds[" + i + "].stage", f.stage(), "a stage from 1 to " + stages);
            }
            if (f.componentCount() != c) {
                throw new InvalidInputException("feeds[" + i + "].componentFlows", f.componentCount() + " flows",
                        "one flow per component (" + c + ")");
            }
            int k = f.stage() - 1;
            for (int j = 0; j < c; j++) {
                feed[k * c + j] += f.componentFlow(j);
                metalFed[k] += f.componentFlow(j);
                if (f.phase() == FeedPhase.ORGANIC) {
                    organicFeed[k * c + j] += f.componentFlow(j);
                    organicIn[k] += f.componentFlow(j);
                }
            }
        }
        double[] drawFlowOrganic = new double[stages];
        double[] drawFlowAqueous = new double[stages];
        for (int i = 0; i < draws.size(); i++) {
            SideDraw d = draws.get(i);
            SideDraw.checkStage("sideDraws[" + i + "].stage", d.stage(), d.phase(), stages);
            (d.phase() == FeedPhase.ORGANIC ? drawFlowOrganic : drawFlowAqueous)[d.stage() - 1] += d.flow();
        }
        for (int k = 0; k < stages; k++) {
            organic[k] = k == 0 ? extractant + organicIn[0] : organic[k - 1] - drawFlowOrganic[k - 1] + organicIn[k];
        }
        organic[stages - 1] -= acidScrub;
        for (int k = 0; k < stages; k++) {
            if (!(organic[k] > drawFlowOrganic[k])) {
                throw new InvalidInputException(k == stages - 1 ? "flows.scrub" : "flows.extractant",
                        CascadeCase.fmt(k == stages - 1 ? acidScrub : extractant),
                        "flows that leave an organic RE flow greater than any draw on every stage; stage " + (k + 1)
                                + " would carry " + CascadeCase.fmt(organic[k] - drawFlowOrganic[k]));
            }
            organicDraw[k] = drawFlowOrganic[k] / organic[k];
        }
        for (int k = stages - 1; k >= 0; k--) {
            double in = metalFed[k] + (k > 0 ? organic[k - 1] - drawFlowOrganic[k - 1] : 0)
                    + (k < stages - 1 ? aqueous[k + 1] - drawFlowAqueous[k + 1] : 0);
            aqueous[k] = in - organic[k];
            if (!(aqueous[k] > drawFlowAqueous[k] * (1 + 1e-12))) {
                throw new InvalidInputException("flows.extractant", CascadeCase.fmt(extractant),
                        "flows that leave an aqueous RE flow greater than any draw on every stage; stage " + (k + 1)
                                + " would carry " + CascadeCase.fmt(aqueous[k] - drawFlowAqueous[k])
                                + " (S too large for the RE fed, or draws too large)");
            }
            aqueousDraw[k] = drawFlowAqueous[k] / aqueous[k];
        }
        return new CascadeNetwork(eq, organic, aqueous, feed, true).withOwnOrganicInlet(organicIn, organicFeed)
                .withSideDraws(organicDraw, aqueousDraw);
    }

    /**
     * The stage network of a mass-action cascade (see {@link MassActionCase} for the layout), its
     * components named as the case names them, then the cation and "H+": the
     * organic flow is the same on every stage (volumes are taken as conserved); the aqueous leaving
     * stage k is the strip acid in the strip section, and elsewhere the refluxed strip liquor plus
     * fresh scrub acid plus every aqueous feed entering at or above k ({@link #massActionAqueous}).
     * The organic entering stage 1 is saponified and possibly pre-loaded with RE. The strip liquor
     * not refluxed is an aqueous side draw at stage n + m + 1. Component flows are in units of the
     * RE flow of all aqueous feeds ({@link MassActionCase#feedRate()}).
     */
    public static CascadeNetwork massAction(MassActionCase c) {
        return massAction(c, List.of());
    }

    /**
     * {@link #massAction(MassActionCase)} with further organic inlets (a case has none of its own;
     * in a flowsheet they are organics linked from other cascades), component flows in the case's
     * units ({@link MassActionCase#feedRate()} mol/h).
     */
    public static CascadeNetwork massAction(MassActionCase c, List<OrganicInlet> organicInlets) {
        MassActionEquilibrium eq = c.equilibrium();
        int r = eq.rareEarthCount();
        List<AqueousInlet> inlets = new java.util.ArrayList<>();
        for (int i = 0; i < c.feeds().size(); i++) {
            MassActionFeed fd = c.feeds().get(i);
            double[] z = fd.feed().composition();
            double[] concentrations = new double[r];
            for (int j = 0; j < r; j++) {
                concentrations[j] = z[j] * fd.concentration();
            }
            inlets.add(new AqueousInlet(c.feedStage(i), fd.flow(),
                    eq.aqueousStream(fd.flow(), concentrations, 0, fd.acidity())));
        }
        return massAction(eq, c.rareEarths(), c.cation(), c.cascade(), c.stripStages(), c.flows(), c.organicInlet(),
                c.efficiency(), inlets, organicInlets, c.sideDraws());
    }

    /**
     * An aqueous stream entering a stage of a mass-action cascade: a feed of the case, or a stream
     * linked from another cascade of a flowsheet.
     *
     * @param stage      the stage it enters, 1 … n + m
     * @param flow       its volumetric flow, L/h
     * @param components its component flows in the model's units (rare earths, cation, H⁺;
     *                   {@link MassActionEquilibrium#aqueousStream})
     */
    public record AqueousInlet(int stage, double flow, double[] components) {
        public AqueousInlet {
            components = components.clone();
        }
    }

    /**
     * An organic stream entering a stage of a mass-action cascade besides the cascade's own organic
     * at stage 1: a loaded (or stripped) organic of the same extractant, e.g. Xu's organic feed at
     * stage n + 1 (docs/theory.md), linked from another cascade of a flowsheet. It brings its
     * volume, which flows on with the organic through every stage from its own up, and its
     * component flows: RE (as RE(HA₂)₃), the cation still on the extractant (MA) and the
     * extractant's exchangeable H, which with C the extractant concentration satisfy the site
     * balance {@code H + 3 Σ RE + M = 2C} per litre ({@link MassActionEquilibrium}); its extractant
     * is C times its volume, as for every organic of the model.
     *
     * @param stage      the stage it enters, 1 … N (any section)
     * @param flow       its volumetric flow, L/h (&gt; 0)
     * @param components its component flows in the model's units (rare earths, cation, H)
     */
    public record OrganicInlet(int stage, double flow, double[] components) {
        public OrganicInlet {
            components = components.clone();
        }
    }

    /**
     * The stage network of a mass-action cascade given its aqueous and organic inlets one by one
     * (what {@link #massAction(MassActionCase)} builds from a case's feeds, and a flowsheet from the
     * streams linked into a cascade): same layout, flows and side draws as there. Each organic inlet
     * adds its volume to the organic of its stage and of every stage above it, and its component
     * flows to the feed of its stage as an organic-phase feed (so a Murphree stage sees it in the
     * organic entering; {@link #withOrganicInlet}).
     *
     * @param rareEarths    names of the rare earths (the components are these, the cation and "H+")
     * @param organicInlet  component flows of the cascade's own organic entering stage 1 (saponified,
     *                      perhaps pre-loaded), at the volume {@code f.organicFlow()}
     * @param efficiency    Murphree efficiency of the extraction, scrubbing and stripping sections
     * @param inlets        the aqueous inlets, stages 1 … n + m, at least one
     * @param organicInlets further organic inlets, stages 1 … N (see {@link OrganicInlet})
     * @throws IllegalArgumentException for an organic inlet outside the cascade, with a flow that is
     *                                  not positive, negative component flows, more RE than its
     *                                  extractant can hold (H &lt; 3 Σ RE: no free extractant) or off
     *                                  the site balance by more than 1e-3 of its sites
     */
    public static CascadeNetwork massAction(MassActionEquilibrium eq, List<String> rareEarths, String cation,
                                            org.sxcascade.model.Cascade cascade, int stripStages, MassActionFlows f,
                                            double[] organicInlet, double[] efficiency, List<AqueousInlet> inlets,
                                            List<OrganicInlet> organicInlets, org.sxcascade.model.SideDraws sideDraws) {
        int comps = eq.componentCount();
        int n = cascade.extractionStages();
        int m = cascade.scrubStages();
        int p = stripStages;
        int total = n + m + p;
        double[] inlet = new double[total];
        double[] feed = new double[total * comps];
        double[] organicFeed = new double[total * comps];
        add(feed, 1, organicInlet);
        add(organicFeed, 1, organicInlet);
        inlet[0] = f.organicFlow();
        for (OrganicInlet in : organicInlets) {
            checkOrganicInlet(eq, in, total);
            add(feed, in.stage(), in.components());
            add(organicFeed, in.stage(), in.components());
            inlet[in.stage() - 1] += in.flow();
        }
        // the organic leaving stage k: every organic that entered at k or below (volumes conserved)
        double[] organic = new double[total];
        for (int k = 0; k < total; k++) {
            organic[k] = (k > 0 ? organic[k - 1] : 0) + inlet[k];
        }
        double[] aqueous = massActionAqueous(n, m, p, f, inlets);
        for (AqueousInlet in : inlets) {
            add(feed, in.stage(), in.components());
        }
        double[] none = new double[eq.rareEarthCount()];
        if (f.scrubFlow() > 0) {
            add(feed, n + m, eq.aqueousStream(f.scrubFlow(), none, 0, f.scrubAcidity()));
        }
        if (p > 0) {
            add(feed, total, eq.aqueousStream(f.stripFlow(), none, 0, f.stripAcidity()));
        }
        double[] organicDraw = new double[total];
        double[] aqueousDraw = new double[total];
        if (p > 0) {
            aqueousDraw[n + m] = 1 - f.reflux();
        }
        double[] stageEfficiency = new double[total];
        for (int k = 1; k <= total; k++) {
            stageEfficiency[k - 1] = k > n + m ? efficiency[2] : k > n ? efficiency[1] : efficiency[0];
        }
        List<String> names = new java.util.ArrayList<>(rareEarths);
        names.add(cation);
        names.add("H+");
        CascadeNetwork net = new CascadeNetwork(eq, organic, aqueous, feed, true).withOwnOrganicInlet(inlet, organicFeed)
                .withSideDraws(organicDraw, aqueousDraw).withEfficiency(stageEfficiency).withComponentNames(names);
        if (p > 0 && f.reflux() > 0 && n + m > 0) {
            net = new CascadeNetwork(net, net.efficiency, net.organicDraw, net.aqueousDraw, net.organicFeed,
                    net.organicInlet, net.componentNames, n + m + 1);
        }
        // the case's side draws (L/h) as in the constant-D model; MassActionCase has checked their stages
        return sideDraws.isEmpty() ? net : volumetricDraws(net, sideDraws.draws());
    }

    /**
     * Throws unless an organic inlet is an organic of this model that a stage 1 … {@code stages}
     * can take: a positive volume, component flows ≥ 0, free extractant left ({@code H ≥ 3 Σ RE},
     * since {@code H = 2e + 3 Σ RE}) and the site balance {@code H + 3 Σ RE + M = 2C} per litre to
     * 1e-3 (an organic of another extractant concentration, or an aqueous stream read as organic,
     * would break the extractant balance of every stage above it; the margin is far above what a
     * cascade solved to the loosest tolerance, 1e-4, leaves on the organic it passes on).
     */
    private static void checkOrganicInlet(MassActionEquilibrium eq, OrganicInlet in, int stages) {
        int r = eq.rareEarthCount();
        if (in.stage() < 1 || in.stage() > stages) {
            throw new IllegalArgumentException("organic inlet at stage " + in.stage() + ": the cascade has stages 1 … "
                    + stages);
        }
        if (!(in.flow() > 0) || !Double.isFinite(in.flow()) || in.components().length != r + 2) {
            throw new IllegalArgumentException("organic inlet at stage " + in.stage() + ": flow " + in.flow()
                    + " L/h with " + in.components().length + " component flows (> 0 L/h and " + (r + 2) + " needed)");
        }
        double bound = 0;
        for (int j = 0; j <= r + 1; j++) {
            double x = in.components()[j];
            if (!(x >= 0) || !Double.isFinite(x)) {
                throw new IllegalArgumentException("organic inlet at stage " + in.stage() + ": component " + j
                        + " flow " + x + " (≥ 0 needed)");
            }
            bound += j < r ? 3 * x : 0;
        }
        double sites = 2 * eq.extractantConcentration() * in.flow() / eq.molarScale();
        double h = in.components()[r + 1];
        double carried = h + bound + in.components()[r];
        if (h < bound * (1 - 1e-12) || !(Math.abs(carried - sites) <= 1e-3 * sites)) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT, "organic inlet at stage %d is no "
                    + "organic of this extractant: H %.6g, 3 Σ RE %.6g, M %.6g against 2C·V = %.6g sites (H + 3 Σ RE + "
                    + "M = 2C per litre and H ≥ 3 Σ RE needed)", in.stage(), h, bound, in.components()[r], sites));
        }
    }

    /**
     * Aqueous flow (L/h) leaving each stage of a mass-action cascade: strip acid in the strip
     * section; below it the refluxed strip liquor plus fresh scrub acid, plus each inlet on every
     * stage at and below the one it enters.
     */
    private static double[] massActionAqueous(int n, int m, int p, MassActionFlows f, List<AqueousInlet> inlets) {
        int total = n + m + p;
        double scrubSection = f.reflux() * f.stripFlow() + f.scrubFlow();
        double[] feedsAbove = new double[total + 2];
        for (AqueousInlet in : inlets) {
            feedsAbove[in.stage()] += in.flow();
        }
        for (int k = total - 1; k >= 1; k--) {
            feedsAbove[k] += feedsAbove[k + 1]; // feeds entering at k or above
        }
        double[] aqueous = new double[total];
        for (int k = 1; k <= total; k++) {
            aqueous[k - 1] = k > n + m ? f.stripFlow() : scrubSection + feedsAbove[k];
        }
        return aqueous;
    }

    private static void add(double[] feed, int stage, double[] flows) {
        int c = flows.length;
        for (int j = 0; j < c; j++) {
            feed[(stage - 1) * c + j] += flows[j];
        }
    }

    public int stages() {
        return stages;
    }

    public int components() {
        return components;
    }

    public EquilibriumModel equilibrium() {
        return equilibrium;
    }

    /** Organic phase flow leaving stage {@code stage} (1-based), model basis. */
    public double organicFlow(int stage) {
        return organicFlow[stage - 1];
    }

    /** Aqueous phase flow leaving stage {@code stage} (1-based), model basis. */
    public double aqueousFlow(int stage) {
        return aqueousFlow[stage - 1];
    }

    /** Flow of component j fed to stage {@code stage} (1-based), mol per mol fed. */
    public double feed(int stage, int j) {
        return feed[(stage - 1) * components + j];
    }

    /** Total flow of component j fed to the cascade (summed when the network is built: O(1)). */
    public double totalFeed(int j) {
        return totalFeed[j];
    }

    double[] organicFlows() {
        return organicFlow;
    }

    double[] aqueousFlows() {
        return aqueousFlow;
    }

    double[] feeds() {
        return feed;
    }
}
