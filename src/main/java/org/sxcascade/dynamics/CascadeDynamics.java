package org.sxcascade.dynamics;

import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SectionFlows;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;
import org.sxcascade.solver.BlockTridiagonalSolver;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The mixer-settler battery as a system of ordinary differential equations, for one set of flows
 * (the time between two events).
 *
 * <p>The state is the amount of each component held by each stage, M_kj (both phases, mixer plus
 * settler), in mol (or, without plant data, mol per mol/h fed). Equilibrium is instantaneous: the equilibrium model splits
 * M_k between the phases, giving the aqueous and organic amounts held, a_kj and o_kj. Each phase
 * leaves its stage at the rate held/τ, τ its residence time (hold-up volume over phase flow), so
 * <pre>
 *   dM_kj/dt = F f_kj + o_{k−1,j}/τ_org,k−1 + a_{k+1,j}/τ_aq,k+1 − o_kj/τ_org,k − a_kj/τ_aq,k
 * </pre>
 * with F the feed rate and f the feed distribution of {@link CascadeNetwork} (blank organic into
 * stage 1 and acid scrub into stage N carry no RE). The split on stage k is the equilibrium
 * model's, evaluated with the phase amounts the stage holds at steady state, V_k τ_org,k and
 * L_k τ_aq,k (V, L the stage's phase flows in the model's basis), scaled to the stage's content:
 * for the linear model this is the distribution c_org = D c_aq over the hold-up volumes; for the
 * CMER model it keeps each stage's mixed extraction ratio at its steady value V_k/L_k, the
 * assumption under which Xu's row simulation runs (docs/theory.md). At steady state every phase then
 * leaves at its flow-table rate and the stage equations are exactly those {@code simulate}
 * solves, so both share one steady state.
 *
 * <p>A mass-action network ({@link #ofVolumes}) is split with the equilibrium at the phase volumes
 * the stage holds (L): its concentrations are amount over volume, as the model requires, and the
 * residence times are volume over the stage's phase flow (L/h).
 *
 * <p>Side draws of the network (the strip liquor not refluxed, a third outlet) take their fraction
 * of a stage's phase outflow; the rest flows on. Feeds of either phase (the barren organic at stage
 * 1, acids, the RE feed) enter the stage content at their rates.
 *
 * <p>Xu's row simulation uses the same state with the split weights V_k Δt, L_k Δt and one row
 * time Δt for both phases ({@link #rows}).
 *
 * <p>The state vector also carries the amounts withdrawn so far in the raffinate (C entries after
 * the N·C stage amounts), in the loaded organic (C more) and in the side draws (C more), integrated
 * with the stages so that the balance accumulated = fed − withdrawn holds to rounding. All methods
 * are allocation-free.
 *
 * <p>Murphree stages (organic phase, as {@link CascadeNetwork#withEfficiency} defines them): of the
 * organic entering stage k (the undrawn organic from stage k − 1 and any organic feed) the part
 * g = (1 − E) V_k / V_in passes the stage unmixed into its organic outflow; the rest mixes with the
 * stage, whose content is split at equilibrium with the organic weight E V_k (E times the volume
 * for mass action). The organic leaving is then E v*(l) + g v_in, the Murphree relation of
 * {@code simulate}, whose steady state the dynamics therefore share.
 */
public final class CascadeDynamics {
    private final EquilibriumModel equilibrium;
    private final int stages;
    private final int components;
    private final double feedRate;
    private final double[] feed;
    private final double[] componentFeedRate;
    private final double[] organicWeight;
    private final double[] aqueousWeight;
    private final double[] organicRate;
    private final double[] aqueousRate;
    private final double[] aqueousHeld;
    private final double[] organicHeld;
    /** Fraction of each stage's organic (aqueous) outflow taken off as a side product. */
    private final double[] organicDraw;
    private final double[] aqueousDraw;
    /**
     * Whether the split weights are scaled to the stage's content (CMER: the weights are metal
     * amounts, and only their ratio is the model's); otherwise they are the phase volumes held (L)
     * and the equilibrium reads concentrations as amount over volume (mass action; the linear model
     * uses their ratio only).
     */
    private final boolean scaleWeights;
    /**
     * Murphree stages (docs/theory.md, "Start-up dynamics"): per stage g = (1 − E) V_k / V_in, the
     * fraction of the entering organic that passes the stage unmixed (0 for an equilibrium stage and
     * where no organic enters in the model's basis), as in {@code RowSweep} and
     * {@code TwoPhaseNewtonSolver}; null when every stage is an equilibrium stage.
     */
    private final double[] bypass;
    /** The organic weight of each stage's split: E times {@link #organicWeight} (Murphree), else the same array. */
    private final double[] splitOrganicWeight;
    /** Component rates fed to each stage with the organic phase (part of {@link #feed}); null without Murphree stages. */
    private final double[] organicFeed;
    /** Work: the total organic outflow of each stage (held organic plus bypass), per component. */
    private final double[] organicOut;
    /** Work of {@link #splitJacobian}: one stage's perturbed content and its split. */
    private final double[] probe;
    private final double[] probeAqueous;
    private final double[] probeOrganic;
    /**
     * Total reflux ({@link #withOutletsClosed()}): what would leave the cascade (the raffinate out of
     * stage 1, the organic out of stage N, every side draw) returns to the stage it leaves, so that
     * nothing is withdrawn and the inventory grows by exactly what is fed.
     */
    private final boolean closed;
    /** Work of a total-reflux row: the withdrawn amounts before it (null when the outlets are open). */
    private final double[] keptWithdrawn;
    /**
     * Per stage, the unknowns of the equilibrium's inner solve at the stage's last split
     * ({@link EquilibriumModel#startLength()} numbers: mass action ln [H⁺] and ln of the free
     * extractant; CMER u = V/(L Σ β x)), the start of its next split (NaN: none yet): successive
     * evaluations of the right-hand side split nearly the same contents, and a warm start saves most
     * of the inner iterations. The split is the same to rounding whatever the start.
     */
    private final double[] splitStart;
    /** Work of {@link #splitJacobian}: the start of a probe's split (the stage's, not kept). */
    private final double[] probeStart;
    /** Per stage, 1 over the sum of the split weights (the CMER split scales them to the content). */
    private final double[] inverseWeightSum;
    /** Per stage, the rate at which its held organic (aqueous) passes on undrawn: (1 − draw)/τ. */
    private final double[] organicPassing;
    private final double[] aqueousPassing;
    /** The stages (0-based) with a side draw of either phase. */
    private final int[] drawStages;

    /** A copy of {@code o} with its outlets closed or open (fresh work arrays, the same constants). */
    private CascadeDynamics(CascadeDynamics o, boolean closed) {
        this.equilibrium = o.equilibrium;
        this.stages = o.stages;
        this.components = o.components;
        this.feedRate = o.feedRate;
        this.feed = o.feed;
        this.componentFeedRate = o.componentFeedRate;
        this.organicWeight = o.organicWeight;
        this.aqueousWeight = o.aqueousWeight;
        this.organicRate = o.organicRate;
        this.aqueousRate = o.aqueousRate;
        this.aqueousHeld = new double[o.aqueousHeld.length];
        this.organicHeld = new double[o.organicHeld.length];
        this.organicDraw = o.organicDraw;
        this.aqueousDraw = o.aqueousDraw;
        this.scaleWeights = o.scaleWeights;
        this.bypass = o.bypass;
        this.splitOrganicWeight = o.splitOrganicWeight;
        this.organicFeed = o.organicFeed;
        this.organicOut = new double[o.organicOut.length];
        this.probe = new double[o.probe.length];
        this.probeAqueous = new double[o.probeAqueous.length];
        this.probeOrganic = new double[o.probeOrganic.length];
        this.closed = closed;
        this.keptWithdrawn = closed ? new double[3 * components] : null;
        this.splitStart = o.splitStart.clone();
        this.probeStart = new double[o.probeStart.length];
        this.inverseWeightSum = o.inverseWeightSum;
        this.organicPassing = o.organicPassing;
        this.aqueousPassing = o.aqueousPassing;
        this.drawStages = o.drawStages;
    }

    /**
     * The same cascade at total reflux: the feeds and every internal flow run, but no product is
     * drawn. The raffinate leaving stage 1, the organic leaving stage N and every side draw return to
     * the stage they leave (the products recycled at their own stage), so the withdrawal rates are
     * zero and the inventory is the initial one plus exactly what was fed.
     */
    public CascadeDynamics withOutletsClosed() {
        return closed ? this : new CascadeDynamics(this, true);
    }

    /** Whether this is the total-reflux copy of {@link #withOutletsClosed()}. */
    public boolean outletsClosed() {
        return closed;
    }

    /** Fraction of stage k's (0-based) aqueous outflow that leaves the cascade (raffinate or side draw). */
    private double aqueousLeaving(int k) {
        return k == 0 ? 1 : aqueousDraw[k];
    }

    /** Fraction of stage k's (0-based) organic outflow that leaves the cascade (loaded organic or side draw). */
    private double organicLeaving(int k) {
        return k == stages - 1 ? 1 : organicDraw[k];
    }

    /**
     * Total reflux: adds back to each stage what leaves the cascade from it (after the split into
     * {@link #aqueousHeld}, {@link #organicHeld} and, with Murphree stages, {@link #organicOut}), and
     * zeroes the withdrawal rates (not for a row: the caller restores the withdrawn amounts).
     */
    private void keepOutlets(double[] out, boolean row) {
        int c = components;
        for (int k = 0; k < stages; k++) {
            double aq = aqueousLeaving(k) * (row ? 1 : aqueousRate[k]);
            double org = organicLeaving(k);
            if (aq == 0 && org == 0) {
                continue;
            }
            for (int j = 0; j < c; j++) {
                int i = k * c + j;
                double organic = bypass != null ? organicOut[i] : organicHeld[i] * (row ? 1 : organicRate[k]);
                out[i] += aq * aqueousHeld[i] + org * organic;
            }
        }
        if (!row) {
            java.util.Arrays.fill(out, raffinateOffset(), dimension(), 0.0);
        }
    }

    private CascadeDynamics(CascadeNetwork network, double feedRate, double[] organicWeight, double[] aqueousWeight,
                            double[] organicRate, double[] aqueousRate) {
        this.equilibrium = network.equilibrium();
        this.stages = network.stages();
        this.components = network.components();
        this.feedRate = feedRate;
        this.feed = new double[stages * components];
        this.componentFeedRate = new double[components];
        for (int j = 0; j < components; j++) {
            componentFeedRate[j] = feedRate * network.totalFeed(j);
        }
        for (int k = 0; k < stages; k++) {
            for (int j = 0; j < components; j++) {
                feed[k * components + j] = feedRate * network.feed(k + 1, j);
            }
        }
        this.organicWeight = organicWeight;
        this.aqueousWeight = aqueousWeight;
        this.organicRate = organicRate;
        this.aqueousRate = aqueousRate;
        this.aqueousHeld = new double[stages * components];
        this.organicHeld = new double[stages * components];
        this.organicDraw = new double[stages];
        this.aqueousDraw = new double[stages];
        for (int k = 0; k < stages; k++) {
            organicDraw[k] = network.organicDraw(k + 1);
            aqueousDraw[k] = network.aqueousDraw(k + 1);
        }
        this.scaleWeights = equilibrium.phaseFlowIsComponentSum();
        this.organicOut = new double[stages * components];
        this.probe = new double[components];
        this.probeAqueous = new double[components];
        this.probeOrganic = new double[components];
        this.closed = false;
        this.keptWithdrawn = null;
        this.probeStart = new double[equilibrium.startLength()];
        this.splitStart = new double[stages * probeStart.length];
        java.util.Arrays.fill(splitStart, Double.NaN);
        boolean murphree = false;
        double[] g = new double[stages];
        double[] split = organicWeight.clone();
        for (int k = 1; k <= stages; k++) {
            double e = network.efficiency(k);
            double inflow = network.organicInflow(k);
            if (e < 1 && inflow > 0) {
                // v_k = E v*(l; V) + g v_in with v*(l; E V) = E v*(l; V): the held organic is split
                // with the weight E V and the part g v_in of the entering organic passes on unmixed
                g[k - 1] = (1 - e) * network.organicFlow(k) / inflow;
                split[k - 1] = e * organicWeight[k - 1];
                murphree = true;
            }
        }
        this.inverseWeightSum = new double[stages];
        this.organicPassing = new double[stages];
        this.aqueousPassing = new double[stages];
        for (int k = 0; k < stages; k++) {
            inverseWeightSum[k] = 1 / (split[k] + aqueousWeight[k]);
            organicPassing[k] = (1 - organicDraw[k]) * organicRate[k];
            aqueousPassing[k] = (1 - aqueousDraw[k]) * aqueousRate[k];
        }
        this.drawStages = java.util.stream.IntStream.range(0, stages)
                .filter(k -> organicDraw[k] != 0 || aqueousDraw[k] != 0).toArray();
        if (murphree) {
            this.bypass = g;
            this.splitOrganicWeight = split;
            this.organicFeed = new double[stages * components];
            for (int k = 0; k < stages; k++) {
                for (int j = 0; j < components; j++) {
                    organicFeed[k * components + j] = feedRate * network.organicFeed(k + 1, j);
                }
            }
        } else {
            this.bypass = null;
            this.splitOrganicWeight = organicWeight;
            this.organicFeed = null;
        }
    }

    /**
     * The continuous model of a cascade.
     *
     * @param net      the case's stage network, {@link CascadeNetwork#of(CascadeCase)}
     * @param feedRate F, the feed rate, mol/h (or 1 for amounts per mol/h fed)
     */
    public static CascadeDynamics continuous(CascadeCase c, CascadeNetwork net, HoldUp holdUp, double feedRate) {
        int n = net.stages();
        double[][] tau = residenceTimes(c, holdUp);
        double[] orgW = new double[n];
        double[] aqW = new double[n];
        double[] orgR = new double[n];
        double[] aqR = new double[n];
        for (int k = 0; k < n; k++) {
            orgW[k] = net.organicFlow(k + 1) * tau[1][k];
            aqW[k] = net.aqueousFlow(k + 1) * tau[0][k];
            orgR[k] = 1 / tau[1][k];
            aqR[k] = 1 / tau[0][k];
        }
        return new CascadeDynamics(net, feedRate, orgW, aqW, orgR, aqR);
    }

    /**
     * Xu's row simulation of a cascade: in each row of duration {@code rowHours} every stage mixes
     * the organic from below, the aqueous from above and its feed, the split gives each phase its
     * share V_k : L_k of the stage's RE (CMER) or D·V_k/L_k (linear), and all of each phase moves on.
     *
     * @param net the cascade's stage network, {@link CascadeNetwork#of(CascadeCase)}
     */
    public static CascadeDynamics rows(CascadeNetwork net, double rowHours, double feedRate) {
        int n = net.stages();
        double[] orgW = new double[n];
        double[] aqW = new double[n];
        double[] rate = new double[n];
        for (int k = 0; k < n; k++) {
            // what one row holds: the phase flows over a row (only the ratio matters but for mass action)
            orgW[k] = net.organicFlow(k + 1) * rowHours;
            aqW[k] = net.aqueousFlow(k + 1) * rowHours;
            rate[k] = 1 / rowHours;
        }
        return new CascadeDynamics(net, feedRate, orgW, aqW, rate, rate.clone());
    }

    /**
     * The continuous model of a cascade whose phase flows are volumetric (L/h), from the phase volumes
     * each stage holds, L: the residence time of a phase is its volume over its flow, and the
     * equilibrium splits a stage's content over those volumes (concentration = amount / volume). For
     * a mass-action network ({@link CascadeNetwork#massAction}) amounts are in units of the
     * equilibrium's molar scale times hours (mol per mol/h of RE fed at t = 0) and its feed rate is 1.
     *
     * @param aqueousLitres aqueous volume held by each stage, L
     * @param organicLitres organic volume held by each stage, L
     */
    public static CascadeDynamics ofVolumes(CascadeNetwork net, double[] aqueousLitres, double[] organicLitres) {
        int n = net.stages();
        if (aqueousLitres.length != n || organicLitres.length != n) {
            throw new IllegalArgumentException("hold-up volumes need " + n + " values per phase");
        }
        double[] orgR = new double[n];
        double[] aqR = new double[n];
        for (int k = 0; k < n; k++) {
            orgR[k] = net.organicFlow(k + 1) / organicLitres[k];
            aqR[k] = net.aqueousFlow(k + 1) / aqueousLitres[k];
        }
        return new CascadeDynamics(net, 1.0, organicLitres.clone(), aqueousLitres.clone(), orgR, aqR);
    }

    /**
     * Residence times of each stage's aqueous (row 0) and organic (row 1) phase, h: given, or hold-up
     * volume over the stage's volumetric phase flow (the organic carries an organic feed through the
     * scrubbing section, the aqueous an aqueous feed through the extraction section).
     */
    public static double[][] residenceTimes(CascadeCase c, HoldUp holdUp) {
        int n = c.cascade().totalStages();
        double[][] tau = new double[2][n];
        if (holdUp instanceof HoldUp.ResidenceTimes r) {
            java.util.Arrays.fill(tau[0], r.aqueousHours());
            java.util.Arrays.fill(tau[1], r.organicHours());
            return tau;
        }
        HoldUp.Volumes v = (HoldUp.Volumes) holdUp;
        SectionFlows q = volumetricFlows(c);
        for (int k = 0; k < n; k++) {
            tau[0][k] = v.aqueousLitres() / q.aqueous(c.cascade(), k + 1);
            tau[1][k] = v.organicLitres() / q.organic(c.cascade(), k + 1);
        }
        return tau;
    }

    /**
     * The phase volumes each stage holds, L (aqueous row 0, organic row 1): given, or residence time
     * times the stage's volumetric phase flow.
     *
     * @throws IllegalArgumentException for residence times of a case without volumetric flows
     */
    public static double[][] holdUpVolumes(CascadeCase c, HoldUp holdUp) {
        int n = c.cascade().totalStages();
        double[][] v = new double[2][n];
        if (holdUp instanceof HoldUp.Volumes h) {
            java.util.Arrays.fill(v[0], h.aqueousLitres());
            java.util.Arrays.fill(v[1], h.organicLitres());
            return v;
        }
        HoldUp.ResidenceTimes r = (HoldUp.ResidenceTimes) holdUp;
        SectionFlows q = volumetricFlows(c);
        for (int k = 0; k < n; k++) {
            v[0][k] = r.aqueousHours() * q.aqueous(c.cascade(), k + 1);
            v[1][k] = r.organicHours() * q.organic(c.cascade(), k + 1);
        }
        return v;
    }

    /** The organic flow into stage 1 and the scrub liquor flow into stage N of a case with volumetric flows, L/h. */
    public static double[] sectionVolumes(CascadeCase c) {
        SectionFlows q = volumetricFlows(c);
        return new double[] {q.extractionOrganic(), q.scrubAqueous()};
    }

    /** Volumetric flows through each section, L/h. */
    private static SectionFlows volumetricFlows(CascadeCase c) {
        FeedPhase phase = c.feed().phase();
        if (c.flows() instanceof XuFlows xu && xu.engineering() != null) {
            return xu.engineering().sections(phase);
        } else if (c.flows() instanceof VolumetricFlows v) {
            return v.sections(phase);
        }
        throw new IllegalArgumentException("the case has no volumetric flows");
    }

    public int stages() {
        return stages;
    }

    public int components() {
        return components;
    }

    /**
     * Length of the state vector: N·C stage amounts, then C withdrawn in the raffinate, C in the
     * loaded organic, C in the side draws.
     */
    public int dimension() {
        return (stages + 3) * components;
    }

    /** Offset of the raffinate's withdrawn amounts in the state vector. */
    public int raffinateOffset() {
        return stages * components;
    }

    /** Offset of the loaded organic's withdrawn amounts in the state vector. */
    public int organicProductOffset() {
        return (stages + 1) * components;
    }

    /** Offset of the amounts withdrawn in side draws (all of them together) in the state vector. */
    public int sideDrawOffset() {
        return (stages + 2) * components;
    }

    /** F, the feed rate (amount per hour). */
    public double feedRate() {
        return feedRate;
    }

    /** Rate at which component j is fed, amount per hour. */
    public double feedRate(int j) {
        return componentFeedRate[j];
    }

    /**
     * What stage k (0-based) holds of the aqueous phase in the split's basis: its volume, L, for a
     * mass-action network (the phase flow over a row for rows), else the steady RE amount.
     */
    public double aqueousVolume(int k) {
        return aqueousWeight[k];
    }

    /** The same for the organic phase: the part that mixes with the stage (E times it on a Murphree stage). */
    public double organicVolume(int k) {
        return splitOrganicWeight[k];
    }

    /** The residence time of stage k's (0-based) organic phase, h (a row's duration for rows). */
    public double organicResidenceTime(int k) {
        return 1 / organicRate[k];
    }

    /** The shortest residence time of any phase on any stage, h. */
    public double shortestResidenceTime() {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < stages; k++) {
            m = Math.min(m, Math.min(1 / organicRate[k], 1 / aqueousRate[k]));
        }
        return m;
    }

    /** Splits stage k's content (0-based) between the phases into {@code aqueous} and {@code organic} at {@code out}. */
    void splitStage(double[] amounts, int k, double[] aqueous, double[] organic, int out) {
        split(amounts, k * components, k, aqueous, organic, out, true);
    }

    /**
     * Splits the content at {@code amounts[off …]} with the weights of stage k (0-based), the inner
     * solve started from the stage's last split; {@code remember}: whether this split's solution is
     * the start of the next (not for the probes of {@link #splitJacobian}).
     */
    private void split(double[] amounts, int off, int k, double[] aqueous, double[] organic, int out,
                       boolean remember) {
        int c = components;
        double total = 0;
        for (int j = 0; j < c; j++) {
            total += amounts[off + j];
        }
        if (total == 0) {
            for (int j = 0; j < c; j++) {
                aqueous[out + j] = 0;
                organic[out + j] = 0;
            }
            return;
        }
        // scale the steady phase amounts to the stage's content: the CMER split gives the aqueous
        // exactly its weight when the weights sum to the content (ConstantSeparationFactors.equilibrate)
        double scale = scaleWeights ? total * inverseWeightSum[k] : 1;
        int length = probeStart.length;
        double[] start = splitStart;
        int at = k * length;
        if (!remember) {
            System.arraycopy(splitStart, at, probeStart, 0, length);
            start = probeStart;
            at = 0;
        }
        equilibrium.equilibrate(scale * splitOrganicWeight[k], scale * aqueousWeight[k], amounts, off, aqueous,
                organic, out, start, at);
    }

    /** The time derivative of the state {@code y} into {@code dydt} (both of length {@link #dimension()}). */
    public void derivatives(double[] y, double[] dydt) {
        int c = components;
        int n = stages;
        for (int k = 0; k < n; k++) {
            splitStage(y, k, aqueousHeld, organicHeld, k * c);
        }
        if (bypass != null) {
            murphreeTransfers(dydt, false, 1.0);
            if (closed) {
                keepOutlets(dydt, false);
            }
            return;
        }
        for (int k = 0; k < n; k++) {
            int off = k * c;
            double orgOut = organicRate[k];
            double aqOut = aqueousRate[k];
            // the rates at which the organic from below and the aqueous from above enter (undrawn)
            double orgIn = k > 0 ? organicPassing[k - 1] : 0;
            double aqIn = k < n - 1 ? aqueousPassing[k + 1] : 0;
            for (int j = 0; j < c; j++) {
                double d = feed[off + j] - organicHeld[off + j] * orgOut - aqueousHeld[off + j] * aqOut;
                if (k > 0) {
                    d += orgIn * organicHeld[off - c + j];
                }
                if (k < n - 1) {
                    d += aqIn * aqueousHeld[off + c + j];
                }
                dydt[off + j] = d;
            }
        }
        int raff = raffinateOffset();
        int prod = organicProductOffset();
        int side = sideDrawOffset();
        int last = (n - 1) * c;
        for (int j = 0; j < c; j++) {
            dydt[raff + j] = (1 - aqueousDraw[0]) * aqueousHeld[j] * aqueousRate[0];
            dydt[prod + j] = (1 - organicDraw[n - 1]) * organicHeld[last + j] * organicRate[n - 1];
            double drawn = 0;
            for (int k : drawStages) {
                drawn += organicDraw[k] * organicHeld[k * c + j] * organicRate[k]
                        + aqueousDraw[k] * aqueousHeld[k * c + j] * aqueousRate[k];
            }
            dydt[side + j] = drawn;
        }
        if (closed) {
            keepOutlets(dydt, false);
        }
    }

    /**
     * Whether the Jacobian of the derivatives is block-tridiagonal (C×C blocks): every stage an
     * equilibrium stage. A Murphree stage's bypass couples a stage to every stage below it.
     */
    public boolean blockTridiagonal() {
        return bypass == null;
    }

    /**
     * The derivatives of each stage's split with respect to its content, by forward differences:
     * {@code dA[k·C·C + i·C + q] = ∂a_ki/∂M_kq} and the same for the organic in {@code dO}
     * (a + o = M, so dA + dO = I to rounding, and the Jacobian conserves what the derivatives do).
     * The step in M_kq is 1e-7 of it, at least 1e-7 × 1e-6 of the stage's content.
     */
    public void splitJacobian(double[] y, double[] dA, double[] dO) {
        int c = components;
        int cc = c * c;
        for (int k = 0; k < stages; k++) {
            int off = k * c;
            split(y, off, k, aqueousHeld, organicHeld, off, true);
            double total = 0;
            for (int j = 0; j < c; j++) {
                total += Math.abs(y[off + j]);
            }
            for (int q = 0; q < c; q++) {
                System.arraycopy(y, off, probe, 0, c);
                double h = 1e-7 * Math.max(Math.abs(probe[q]), 1e-6 * total);
                if (!(h > 0)) {
                    h = 1e-30;
                }
                double perturbed = probe[q] + h;
                h = perturbed - probe[q]; // the step as represented
                probe[q] = perturbed;
                split(probe, 0, k, probeAqueous, probeOrganic, 0, false);
                for (int i = 0; i < c; i++) {
                    dA[k * cc + i * c + q] = (probeAqueous[i] - aqueousHeld[off + i]) / h;
                    dO[k * cc + i * c + q] = (probeOrganic[i] - organicHeld[off + i]) / h;
                }
            }
        }
    }

    /**
     * Fills {@code solver}'s blocks with I − γh J, J the Jacobian of the stage derivatives from the
     * split derivatives of {@link #splitJacobian}: the diagonal block of stage k is
     * I + γh (dO_k/τ_org,k + dA_k/τ_aq,k), the lower −γh (1 − d_org,k−1) dO_{k−1}/τ_org,k−1, the upper
     * −γh (1 − d_aq,k+1) dA_{k+1}/τ_aq,k+1. Only for a {@link #blockTridiagonal()} network.
     */
    public void iterationMatrix(double gh, double[] dA, double[] dO, BlockTridiagonalSolver solver) {
        int c = components;
        int cc = c * c;
        double[] lower = solver.lower();
        double[] diagonal = solver.diagonal();
        double[] upper = solver.upper();
        solver.clear(stages);
        for (int k = 0; k < stages; k++) {
            int b = k * cc;
            for (int x = 0; x < cc; x++) {
                // at total reflux what leaves the cascade stays in its stage
                diagonal[b + x] = closed
                        ? gh * ((1 - organicLeaving(k)) * organicRate[k] * dO[b + x]
                        + (1 - aqueousLeaving(k)) * aqueousRate[k] * dA[b + x])
                        : gh * (organicRate[k] * dO[b + x] + aqueousRate[k] * dA[b + x]);
                if (k > 0) {
                    lower[b + x] = -gh * (1 - organicDraw[k - 1]) * organicRate[k - 1] * dO[b - cc + x];
                }
                if (k < stages - 1) {
                    upper[b + x] = -gh * (1 - aqueousDraw[k + 1]) * aqueousRate[k + 1] * dA[b + cc + x];
                }
            }
            for (int i = 0; i < c; i++) {
                diagonal[b + i * c + i] += 1;
            }
        }
    }

    /**
     * Completes a solve of (I − γh J) x = r: given the stage part of x (solved with
     * {@link #iterationMatrix}), sets the withdrawn part, x_W = r_W + γh J_WM x_M (the withdrawals
     * depend on the stages only), in place in {@code x}, whose withdrawn part holds r_W.
     */
    public void withdrawnPart(double gh, double[] dA, double[] dO, double[] x) {
        if (closed) {
            return; // nothing is withdrawn at total reflux: x_W = r_W
        }
        int c = components;
        int cc = c * c;
        int n = stages;
        int raff = raffinateOffset();
        int prod = organicProductOffset();
        int side = sideDrawOffset();
        for (int i = 0; i < c; i++) {
            double a = 0;
            double o = 0;
            double d = 0;
            for (int q = 0; q < c; q++) {
                a += dA[i * c + q] * x[q];
                o += dO[(n - 1) * cc + i * c + q] * x[(n - 1) * c + q];
            }
            for (int k = 0; k < n; k++) {
                if (organicDraw[k] == 0 && aqueousDraw[k] == 0) {
                    continue;
                }
                for (int q = 0; q < c; q++) {
                    d += (organicDraw[k] * organicRate[k] * dO[k * cc + i * c + q]
                            + aqueousDraw[k] * aqueousRate[k] * dA[k * cc + i * c + q]) * x[k * c + q];
                }
            }
            x[raff + i] += gh * (1 - aqueousDraw[0]) * aqueousRate[0] * a;
            x[prod + i] += gh * (1 - organicDraw[n - 1]) * organicRate[n - 1] * o;
            x[side + i] += gh * d;
        }
    }

    /**
     * The derivatives (or, with {@code hours} the row's duration, one row's transfers) of a network
     * with Murphree stages, from the split in {@link #aqueousHeld} and {@link #organicHeld}: stage by
     * stage from 1 up, the organic entering (undrawn outflow of the stage below plus the organic
     * feed) passes the part g on into the stage's organic outflow and mixes the rest.
     *
     * @param out   dM/dt and the withdrawal rates; or, for a row, the state, replaced by the next one
     * @param row   whether this is one row (the held amounts then leave in full) or the rates
     * @param hours the row's duration (1 for the rates: feeds are per hour)
     */
    private void murphreeTransfers(double[] out, boolean row, double hours) {
        int c = components;
        int n = stages;
        int raff = raffinateOffset();
        int prod = organicProductOffset();
        int side = sideDrawOffset();
        for (int k = 0; k < n; k++) {
            int off = k * c;
            double g = bypass[k];
            double orgOut = row ? 1 : organicRate[k];
            double aqOut = row ? 1 : aqueousRate[k];
            for (int j = 0; j < c; j++) {
                double in = organicFeed[off + j] * hours;
                if (k > 0) {
                    in += (1 - organicDraw[k - 1]) * organicOut[off - c + j];
                }
                double held = organicHeld[off + j] * orgOut;
                organicOut[off + j] = held + g * in;
                double m = (feed[off + j] - organicFeed[off + j]) * hours + (1 - g) * in;
                if (k < n - 1) {
                    m += (1 - aqueousDraw[k + 1]) * aqueousHeld[off + c + j] * (row ? 1 : aqueousRate[k + 1]);
                }
                // a row's new content; the rates: what enters less what leaves
                out[off + j] = row ? m : m - held - aqueousHeld[off + j] * aqOut;
            }
        }
        int last = (n - 1) * c;
        for (int j = 0; j < c; j++) {
            double aq0 = (1 - aqueousDraw[0]) * aqueousHeld[j] * (row ? 1 : aqueousRate[0]);
            double orgN = (1 - organicDraw[n - 1]) * organicOut[last + j];
            double drawn = 0;
            for (int k = 0; k < n; k++) {
                drawn += organicDraw[k] * organicOut[k * c + j]
                        + aqueousDraw[k] * aqueousHeld[k * c + j] * (row ? 1 : aqueousRate[k]);
            }
            if (row) {
                out[raff + j] += aq0;
                out[prod + j] += orgN;
                out[side + j] += drawn;
            } else {
                out[raff + j] = aq0;
                out[prod + j] = orgN;
                out[side + j] = drawn;
            }
        }
    }

    /**
     * One row of Xu's row simulation on {@code y} in place: the products held after the previous row
     * leave (added to the withdrawn amounts), every stage receives the organic from below, the
     * aqueous from above and one row's feed, and equilibrates. Only for a {@link #rows} model.
     *
     * @param rowHours the row's duration, h
     */
    public void row(double[] y, double rowHours) {
        int c = components;
        int n = stages;
        for (int k = 0; k < n; k++) {
            splitStage(y, k, aqueousHeld, organicHeld, k * c);
        }
        double[] withdrawn = keptWithdrawn;
        if (closed) {
            System.arraycopy(y, raffinateOffset(), withdrawn, 0, withdrawn.length);
        }
        if (bypass != null) {
            murphreeTransfers(y, true, rowHours);
            if (closed) {
                keepOutlets(y, true);
                System.arraycopy(withdrawn, 0, y, raffinateOffset(), withdrawn.length);
            }
            return;
        }
        int raff = raffinateOffset();
        int prod = organicProductOffset();
        int side = sideDrawOffset();
        int last = (n - 1) * c;
        for (int j = 0; j < c; j++) {
            y[raff + j] += (1 - aqueousDraw[0]) * aqueousHeld[j];
            y[prod + j] += (1 - organicDraw[n - 1]) * organicHeld[last + j];
            for (int k = 0; k < n; k++) {
                y[side + j] += organicDraw[k] * organicHeld[k * c + j] + aqueousDraw[k] * aqueousHeld[k * c + j];
            }
        }
        for (int k = 0; k < n; k++) {
            int off = k * c;
            for (int j = 0; j < c; j++) {
                double m = feed[off + j] * rowHours;
                if (k > 0) {
                    m += (1 - organicDraw[k - 1]) * organicHeld[off - c + j];
                }
                if (k < n - 1) {
                    m += (1 - aqueousDraw[k + 1]) * aqueousHeld[off + c + j];
                }
                y[off + j] = m;
            }
        }
        if (closed) {
            keepOutlets(y, true);
            System.arraycopy(withdrawn, 0, y, raffinateOffset(), withdrawn.length);
        }
    }

    /**
     * The flows leaving stage {@code stage} (1-based) in state {@code y}, per component, amount per
     * hour: all of the stage's aqueous and organic outflow (before any side draw) into
     * {@code aqueous} and {@code organic}.
     */
    public void stageOutflows(double[] y, int stage, double[] aqueous, double[] organic) {
        int c = components;
        int off = (stage - 1) * c;
        if (bypass != null) {
            // the organic leaving carries the bypass of what entered: the chain from stage 1 up
            for (int k = 0; k < stage; k++) {
                splitStage(y, k, aqueousHeld, organicHeld, k * c);
                for (int j = 0; j < c; j++) {
                    double in = organicFeed[k * c + j];
                    if (k > 0) {
                        in += (1 - organicDraw[k - 1]) * organicOut[(k - 1) * c + j];
                    }
                    organicOut[k * c + j] = organicHeld[k * c + j] * organicRate[k] + bypass[k] * in;
                }
            }
            for (int j = 0; j < c; j++) {
                aqueous[j] = aqueousHeld[off + j] * aqueousRate[stage - 1];
                organic[j] = organicOut[off + j];
            }
            return;
        }
        splitStage(y, stage - 1, aqueousHeld, organicHeld, off);
        for (int j = 0; j < c; j++) {
            aqueous[j] = aqueousHeld[off + j] * aqueousRate[stage - 1];
            organic[j] = organicHeld[off + j] * organicRate[stage - 1];
        }
    }

    /**
     * The state a steady state of {@code simulate} corresponds to: stage amounts
     * M_kj = F (l_kj τ_aq,k + (v_kj − g_k v_in,kj) τ_org,k), nothing withdrawn yet (g = 0 but on
     * Murphree stages, whose bypassed organic is not held).
     */
    public double[] steadyAmounts(SteadyState s) {
        double[] y = new double[dimension()];
        for (int k = 0; k < stages; k++) {
            for (int j = 0; j < components; j++) {
                double v = s.organicFlow(k + 1, j);
                if (bypass != null && bypass[k] > 0) {
                    double in = organicFeed[k * components + j] / feedRate;
                    if (k > 0) {
                        in += (1 - organicDraw[k - 1]) * s.organicFlow(k, j);
                    }
                    v -= bypass[k] * in;
                }
                y[k * components + j] = feedRate * (s.aqueousFlow(k + 1, j) / aqueousRate[k] + v / organicRate[k]);
            }
        }
        return y;
    }
}
