package org.sxcascade.model;

import org.sxcascade.dynamics.*;
import java.util.List;
import java.util.function.Function;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.XuFlows;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The transient side of a CMER or constant-D case ({@link CascadeCase}): the state holds every
 * component of the case; a blank cascade holds nothing; the hold-up is residence times (given, or
 * hold-up volumes over each stage's volumetric phase flows, recomputed after each event), the
 * amounts are in mol with plant data (feed flow and concentration) and else in mol per mol/h fed
 * (the feed rate relative to the feed at t = 0 after events).
 */
public final class CascadeCaseModel extends ConfiguredModel<CascadeCase> {
    /** The transient model of a CMER or constant-D case and its events (errors name {@code transient.events[i]}). */
    public CascadeCaseModel(CascadeCase c, List<TransientEvent> events) {
        // an error of the event's own field (feedFlow …) is named under its event
        super(c, events, (e, x) -> e.applyTo(x), CascadeNetwork::of, x -> !x.stageOptions().sideDraws().isEmpty());
    }

    @Override
    public void check(HoldUp holdUp) {
        if (holdUp instanceof HoldUp.Volumes && first().flows() instanceof XuFlows xu && xu.engineering() == null) {
            throw new InvalidInputException("transient.holdUp", "volumes in L",
                    "residenceTime {aqueous, organic} (e.g. 0.5 h) for a case with flows as S and W; hold-up volumes "
                            + "need plant flows (feed.flow, flows.organicFlow …) to give residence times");
        }
    }

    @Override
    public String name() {
        return first().name();
    }

    @Override
    public String modelName() {
        return first().equilibrium() instanceof ConstantSeparationFactors ? "separation-factors" : "distribution-ratios";
    }

    @Override
    public List<String> components() {
        return first().components();
    }

    @Override
    public List<String> graded() {
        return first().components();
    }

    @Override
    public int[] sections() {
        return new int[] {first().cascade().extractionStages(), first().cascade().scrubStages(), 0};
    }

    @Override
    public CascadeNetwork ownNetwork(int i) {
        return networks[i];
    }

    @Override
    public CascadeDynamics dynamics(int i, HoldUp holdUp, double rowHours) {
        double f = perOwnUnit(i);
        return Double.isNaN(rowHours) ? CascadeDynamics.continuous(configurations.get(i), networks[i], holdUp, f)
                : CascadeDynamics.rows(networks[i], rowHours, f);
    }

    @Override
    public double[][] residenceTimes(HoldUp holdUp) {
        return CascadeDynamics.residenceTimes(first(), holdUp);
    }

    @Override
    public double[][] holdUpLitres(HoldUp holdUp) {
        if (holdUp instanceof HoldUp.Volumes v) {
            int n = networks[0].stages();
            double[][] litres = new double[2][n];
            java.util.Arrays.fill(litres[0], v.aqueousLitres());
            java.util.Arrays.fill(litres[1], v.organicLitres());
            return litres;
        }
        return null;
    }

    @Override
    public String rowWeighting() {
        return "RE-weighted";
    }

    /** Blank aqueous and barren organic: no RE anywhere. */
    @Override
    public double[] blank(CascadeDynamics d) {
        return new double[d.dimension()];
    }

    @Override
    public String blankStart() {
        return "blank aqueous and barren organic in every stage; the feed starts at t = 0";
    }

    @Override
    public TransientModel withEvents(TransientEvent atStart, List<TransientEvent> events) {
        return new CascadeCaseModel(atStart == null ? first() : atStart.applyTo(first()), events);
    }

    /** The feed flow, and with {@code allInlets} the organic and scrub flows, at {@code fraction} of theirs. */
    @Override
    public TransientEvent throughput(double hours, double fraction, boolean allInlets) {
        double[] inlets = CascadeDynamics.sectionVolumes(first());
        return new TransientEvent(hours, null, fraction * feedFlowLitres(), allInlets ? fraction * inlets[0] : null,
                allInlets ? fraction * inlets[1] : null, null, null);
    }

    @Override
    public Double feedFlowLitres() {
        return first().flows() instanceof XuFlows xu && xu.engineering() == null ? null
                : first().feed().volumetricFlow();
    }

    /**
     * Stage k's aqueous volume V_k (given, or residence time times the stage's aqueous flow) of feed
     * solution holds F z_j V_k / Q_feed in the state's unit (F the feed rate of the dynamics, Q_feed
     * its flow in L/h): the feed's RE per litre.
     */
    @Override
    public double[] feedFilled(CascadeDynamics d, HoldUp holdUp) {
        CascadeCase c = first();
        Double q = feedFlowLitres();
        if (q == null || c.feed().phase() != FeedPhase.AQUEOUS) {
            throw new InvalidInputException("feed-filled", q == null ? "a case without plant flows"
                    : "an organic feed", "a case with an aqueous feed and its flow in L/h (feed.flow and plant flows): "
                    + "only then does a stage's aqueous hold-up of feed solution have an RE content");
        }
        double[] aqueousLitres = CascadeDynamics.holdUpVolumes(c, holdUp)[0];
        int n = d.stages();
        int comps = c.components().size();
        double[] y = new double[d.dimension()];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < comps; j++) {
                y[k * comps + j] = d.feedRate() * c.feed().fraction(j) * aqueousLitres[k] / q;
            }
        }
        return y;
    }

    /** The organic's RE: stage k holds {@code rareEarthFlow} times its organic residence time (no limit). */
    @Override
    public double[] loadedOrganic(CascadeDynamics d, double[] rareEarthFlow, List<String> notes) {
        int c = components().size();
        double[] y = new double[d.dimension()];
        for (int k = 0; k < d.stages(); k++) {
            for (int j = 0; j < c; j++) {
                y[k * c + j] = rareEarthFlow[j] * d.organicResidenceTime(k);
            }
        }
        return y;
    }

    /**
     * CMER: the extractant's RE capacity fed (S·F) and the scrub (W·F), mol RE-equivalent (each
     * about 3 mol of base or acid for a trivalent cation exchange); constant D: the organic and scrub
     * liquor volumes, L.
     */
    @Override
    public List<String> reagentNames() {
        String unit = molar() ? "mol RE-eq" : "mol RE-eq per mol/h fed";
        return first().equilibrium() instanceof ConstantSeparationFactors
                ? List.of("extractant S·F (" + unit + ")", "scrub W·F (" + unit + ")")
                : List.of("organic (L)", "scrub liquor (L)");
    }

    @Override
    public double[] reagentRates(int i) {
        CascadeCase c = configurations.get(i);
        if (c.equilibrium() instanceof ConstantSeparationFactors) {
            CascadeNetwork net = networks[i];
            int n = net.stages();
            double aqueousFeedAtTop = 0;
            for (int j = 0; j < net.components(); j++) {
                aqueousFeedAtTop += net.feed(n, j) - net.organicFeed(n, j);
            }
            double f = perOwnUnit(i);
            return new double[] {net.organicFlow(1) * f, (net.aqueousFlow(n) - aqueousFeedAtTop) * f};
        }
        double[] q = CascadeDynamics.sectionVolumes(c);
        return new double[] {q[0], q[1]};
    }

    @Override
    public double distanceWeight(int j) {
        return 1;
    }

    /** The mean RE content of a stage at the final steady state. */
    @Override
    public double typicalStageContent(double[] start, double[] steadyAmounts, int stages) {
        int c = components().size();
        double mean = 0;
        for (int k = 0; k < stages; k++) {
            double total = 0;
            for (int j = 0; j < c; j++) {
                total += steadyAmounts[k * c + j];
            }
            mean += total / stages;
        }
        return mean;
    }

    @Override
    public SteadyState steadyState(int i, List<String> notes) {
        return TransientModel.simulateSteadyState(networks[i], configurations.get(i).solver(), notes);
    }

    /** The dynamics multiply by the feed rate themselves. */
    @Override
    public SteadyState runSteadyState(int i, SteadyState own) {
        return own;
    }

    /**
     * The feed rate of a configuration: mol/h when the feed's flow and concentration are known, else
     * relative to the feed at t = 0 (its volumetric flow, when known, scales it).
     */
    @Override
    public double perOwnUnit(int i) {
        CascadeCase c = configurations.get(i);
        Double molar = c.feed().molarFlow();
        if (molar != null) {
            return molar;
        }
        Double q = c.feed().volumetricFlow();
        Double q0 = first().feed().volumetricFlow();
        return q != null && q0 != null ? q / q0 : 1.0;
    }

    @Override
    public double reportScale() {
        return 1;
    }

    private boolean molar() {
        return first().feed().molarFlow() != null;
    }

    @Override
    public String amountUnit() {
        return molar() ? "mol" : "mol per mol/h fed";
    }

    @Override
    public String flowUnit() {
        return molar() ? "mol/h" : "mol/h per mol/h fed";
    }

    /** The loaded organic ({@code organic}), the raffinate ({@code aqueous}) and the side draws. */
    @Override
    public List<MassActionCase.Outlet> outlets(int i) {
        return configurations.get(i).outlets();
    }

    @Override
    public boolean graded(MassActionCase.Outlet o) {
        return true;
    }

    @Override
    public double acidity(CascadeNetwork net, int stage, double[] aqueousOutflow) {
        return Double.NaN;
    }

    @Override
    public double loading(CascadeNetwork net, int stage, double rareEarthOutflow) {
        return Double.NaN;
    }

    @Override
    public <R> R caseOf(int i, Function<CascadeCase, R> cascadeCase, Function<MassActionCase, R> massActionCase) {
        return cascadeCase.apply(configurations.get(i));
    }
}
