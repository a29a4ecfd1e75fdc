package org.sxcascade.model;

import org.sxcascade.dynamics.*;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.Feed;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.report.Formats;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * The transient side of a mass-action case ({@code model: mass-action}, docs/mass-action.md).
 *
 * <p>The state is the amount of every solver component (each rare earth, the cation M, H) held by
 * each stage, in units of the equilibrium's molar scale times hours (mol per mol/h of RE fed at
 * t = 0); reports convert to mol and mol/h. Each stage holds fixed phase volumes: the hold-up
 * volumes of the case, or, with residence times, the phase flows at t = 0 times those times (a
 * stage is a vessel: an event changes its residence times, not its volumes). The split of a
 * stage's content between the phases is the mass-action equilibrium at those volumes
 * ({@link CascadeDynamics#ofVolumes}).
 *
 * <p>Blank start: every stage holds barren organic saponified as the organic fed to stage 1, and
 * aqueous acid free of RE: the feed's free acid in the extraction section, the fresh scrub acid in
 * the scrubbing section (the strip acid when the refluxed strip liquor alone scrubs), the strip
 * acid in the stripping section. The feeds start at t = 0.
 *
 * <p>Events may change what maps onto the plant flows of a mass-action case: the feed composition
 * (rare earths), the feed flow, the organic flow, the fresh scrub acid flow and the strip acid
 * flow (L/h), the scrub and strip acidities (mol/L), the saponification and the reflux; the
 * normalised S and W of an event are refused, since a mass-action case has no such inputs. Every
 * configuration keeps the equilibrium of the case at t = 0, so that component flows stay in one
 * unit through the run.
 */
public final class MassActionCaseModel extends ConfiguredModel<MassActionCase> {
    private final MassActionEquilibrium eq;

    /** The transient model of a mass-action case and its events (errors name {@code transient.events[i]}). */
    public MassActionCaseModel(MassActionCase c, List<TransientEvent> events) {
        this(c, events, c.equilibrium());
    }

    /** With the equilibrium (its molar scale) of another configuration, that of the case at t = 0. */
    private MassActionCaseModel(MassActionCase c, List<TransientEvent> events, MassActionEquilibrium eq) {
        super(c.equilibrium() == eq ? c : c.withEquilibrium(eq), events, MassActionCaseModel::applyEvent,
                CascadeNetwork::massAction, x -> !x.sideDraws().isEmpty());
        this.eq = eq;
    }

    /** The case after an event; errors name the event's field. */
    static MassActionCase applyEvent(TransientEvent e, MassActionCase c) {
        if (e.extractant() != null || e.scrub() != null) {
            throw new InvalidInputException(e.extractant() != null ? "extractant" : "scrub",
                    e.extractant() != null ? "S = " + e.extractant() : "W = " + e.scrub(),
                    "feedComposition, feedFlow, organicFlow or scrubFlow (L/h) for a mass-action case: its flows "
                            + "are plant flows, S and W are results");
        }
        if ((e.feedComposition() != null || e.feedFlow() != null) && c.feeds().size() > 1) {
            throw new InvalidInputException(e.feedComposition() != null ? "feedComposition" : "feedFlow",
                    e.feedComposition() != null ? "a composition" : e.feedFlow(),
                    "organicFlow or scrubFlow only for a case with several feeds (feed events change the single feed)");
        }
        MassActionFeed single = c.feeds().get(0);
        Feed feed = single.feed();
        double[] z = e.feedComposition() != null ? e.feedComposition() : feed.composition();
        if (z.length != c.rareEarths().size()) {
            throw new InvalidInputException("feedComposition", z.length + " fractions",
                    "one mole fraction for each of the " + c.rareEarths().size() + " rare earths");
        }
        Feed newFeed;
        try {
            newFeed = new Feed(FeedPhase.AQUEOUS, z, e.feedFlow() != null ? e.feedFlow() : feed.volumetricFlow(),
                    feed.concentration());
        } catch (InvalidInputException x) {
            throw x.field().startsWith("composition") ? new InvalidInputException("feedComposition"
                    + x.field().substring("composition".length()), x.value(), x.allowed()) : x;
        }
        MassActionFlows f = c.flows();
        MassActionFlows flows;
        try {
            flows = new MassActionFlows(or(e.organicFlow(), f.organicFlow()), or(e.saponification(), f.saponification()),
                    or(e.scrubFlow(), f.scrubFlow()), or(e.scrubAcidity(), f.scrubAcidity()),
                    or(e.stripFlow(), f.stripFlow()), or(e.stripAcidity(), f.stripAcidity()), or(e.reflux(), f.reflux()));
        } catch (InvalidInputException x) {
            // name the event's field: "flows.scrubAcidity" is scrubAcidity, or the scrub flow that needs one
            String field = x.field().substring("flows.".length());
            if (field.equals("scrubAcidity") && e.scrubAcidity() == null) {
                throw new InvalidInputException("scrubFlow", e.scrubFlow(),
                        "0 L/h for a case without flows.scrubAcidity (fresh scrub acid needs an acidity)");
            }
            if (field.equals("stripAcidity") && e.stripAcidity() == null) {
                throw new InvalidInputException("stripFlow", e.stripFlow(),
                        "0 L/h for a case without flows.stripAcidity (strip acid needs an acidity)");
            }
            throw new InvalidInputException(field, x.value(), x.allowed());
        }
        try {
            return c.withFlows(flows).withFeeds(List.of(new MassActionFeed(single.name(), newFeed, single.acidity(),
                    single.stage())));
        } catch (InvalidInputException x) {
            // the event's key for a flow the case refuses (flows.stripFlow is the event's stripFlow)
            throw x.field().startsWith("flows.") ? new InvalidInputException(x.field().substring("flows.".length()),
                    x.value(), x.allowed()) : x;
        }
    }

    /** The event's new value, or the value in effect. */
    private static double or(Double change, double current) {
        return change != null ? change : current;
    }

    /**
     * A configuration with the equilibrium in its own unit (its molar scale its own RE feed rate), as
     * {@code simulate} reads the case: what its steady state is solved and reported in.
     */
    public static MassActionCase ownUnits(MassActionCase c) {
        MassActionEquilibrium e = c.equilibrium();
        if (e.molarScale() == c.feedRate()) {
            return c;
        }
        return c.withEquilibrium(e.withMolarScale(c.feedRate()));
    }

    /** Any hold-up suits a mass-action case (its flows are plant flows). */
    @Override
    public void check(HoldUp holdUp) {
    }

    @Override
    public String name() {
        return first().name() == null ? "mass-action cascade" : first().name();
    }

    @Override
    public String modelName() {
        return "mass-action";
    }

    @Override
    public List<String> components() {
        List<String> list = new ArrayList<>(first().rareEarths());
        list.add(first().cation());
        list.add("H");
        return list;
    }

    @Override
    public List<String> graded() {
        return first().rareEarths();
    }

    @Override
    public int[] sections() {
        return new int[] {first().cascade().extractionStages(), first().cascade().scrubStages(), first().stripStages()};
    }

    @Override
    public CascadeNetwork ownNetwork(int i) {
        MassActionCase own = ownUnits(configurations.get(i));
        return own == configurations.get(i) ? networks[i] : CascadeNetwork.massAction(own);
    }

    @Override
    public CascadeDynamics dynamics(int i, HoldUp holdUp, double rowHours) {
        if (!Double.isNaN(rowHours)) {
            return CascadeDynamics.rows(networks[i], rowHours, 1.0);
        }
        double[][] litres = holdUpLitres(holdUp);
        return CascadeDynamics.ofVolumes(networks[i], litres[0], litres[1]);
    }

    @Override
    public double[][] residenceTimes(HoldUp holdUp) {
        double[][] litres = holdUpLitres(holdUp);
        int n = litres[0].length;
        double[][] tau = new double[2][n];
        for (int k = 0; k < n; k++) {
            tau[0][k] = litres[0][k] / networks[0].aqueousFlow(k + 1);
            tau[1][k] = litres[1][k] / networks[0].organicFlow(k + 1);
        }
        return tau;
    }

    /** The hold-up volumes, or the phase flows at t = 0 times the residence times. */
    @Override
    public double[][] holdUpLitres(HoldUp holdUp) {
        int n = networks[0].stages();
        double[][] litres = new double[2][n];
        for (int k = 0; k < n; k++) {
            if (holdUp instanceof HoldUp.Volumes v) {
                litres[0][k] = v.aqueousLitres();
                litres[1][k] = v.organicLitres();
            } else {
                HoldUp.ResidenceTimes r = (HoldUp.ResidenceTimes) holdUp;
                litres[0][k] = r.aqueousHours() * networks[0].aqueousFlow(k + 1);
                litres[1][k] = r.organicHours() * networks[0].organicFlow(k + 1);
            }
        }
        return litres;
    }

    @Override
    public String rowWeighting() {
        return "volume-weighted";
    }

    /** Barren saponified organic and RE-free acid in the phase volumes the dynamics split over (class comment). */
    @Override
    public double[] blank(CascadeDynamics d) {
        return start(d, null, null);
    }

    /**
     * Every stage's organic saponified as the organic fed and pre-loaded with RE at
     * {@code organicRareEarth} mol/L (barren if {@code null}); its aqueous the blank's RE-free acid,
     * or feed solution (the feed's RE at its concentration and acidity) if {@code feedRareEarth}
     * (mol/L) is given.
     */
    private double[] start(CascadeDynamics d, double[] organicRareEarth, double[] feedRareEarth) {
        MassActionCase c = first();
        MassActionFlows f = c.flows();
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        int comps = eq.componentCount();
        double[] y = new double[d.dimension()];
        double[] noRareEarth = new double[eq.rareEarthCount()];
        for (int k = 1; k <= d.stages(); k++) {
            double acid = feedRareEarth != null || k <= n ? c.feedAcidity()
                    : k <= n + m && f.scrubFlow() > 0 ? f.scrubAcidity() : f.stripAcidity();
            // the volumes stand in for flows: amounts per unit of molar scale, times hours
            double[] organic = organicRareEarth == null ? eq.saponifiedOrganic(f.saponification(), d.organicVolume(k - 1))
                    : eq.preloadedOrganic(f.saponification(), d.organicVolume(k - 1), organicRareEarth);
            double[] aqueous = eq.aqueousStream(d.aqueousVolume(k - 1), feedRareEarth == null ? noRareEarth
                    : feedRareEarth, 0, acid);
            for (int j = 0; j < comps; j++) {
                y[(k - 1) * comps + j] = organic[j] + aqueous[j];
            }
        }
        return y;
    }

    @Override
    public TransientModel withEvents(TransientEvent atStart, List<TransientEvent> events) {
        return new MassActionCaseModel(atStart == null ? first() : applyEvent(atStart, first()), events, eq);
    }

    /** The feed flow, and with {@code allInlets} the organic, fresh scrub acid and strip acid flows, at {@code fraction}. */
    @Override
    public TransientEvent throughput(double hours, double fraction, boolean allInlets) {
        MassActionFlows f = first().flows();
        return new TransientEvent(hours, null, fraction * feedFlowLitres(), allInlets ? fraction * f.organicFlow()
                : null, allInlets ? fraction * f.scrubFlow() : null, null, null, null, null,
                allInlets ? fraction * f.stripFlow() : null, null, null);
    }

    @Override
    public Double feedFlowLitres() {
        return first().feeds().size() == 1 ? first().feeds().get(0).feed().volumetricFlow() : null;
    }

    /** The single feed's RE at its concentration and its acidity in every stage's aqueous volume. */
    @Override
    public double[] feedFilled(CascadeDynamics d, HoldUp holdUp) {
        if (first().feeds().size() != 1) {
            throw new InvalidInputException("feed-filled", first().feeds().size() + " feeds",
                    "a case with a single feed (which feed's solution would fill the stages?)");
        }
        Feed feed = first().feeds().get(0).feed();
        double[] z = new double[eq.rareEarthCount()];
        for (int j = 0; j < z.length; j++) {
            z[j] = feed.fraction(j) * feed.concentration();
        }
        return start(d, null, z);
    }

    /**
     * The organic pre-loaded ({@link MassActionEquilibrium#preloadedOrganic}) at the concentration
     * of {@code rareEarthFlow} in the organic flow at t = 0, limited to 99.9 % of the largest
     * pre-load the saponified organic can carry (told in {@code notes}).
     */
    @Override
    public double[] loadedOrganic(CascadeDynamics d, double[] rareEarthFlow, List<String> notes) {
        double q = networks[0].organicFlow(1);
        double[] y = new double[eq.rareEarthCount()];
        double total = 0;
        for (int j = 0; j < y.length; j++) {
            y[j] = rareEarthFlow[j] * eq.molarScale() / q;
            total += y[j];
        }
        double s = first().flows().saponification();
        double max = 0.999 * eq.maximumPreload(s);
        if (total > max) {
            notes.add(String.format(java.util.Locale.ROOT, "loaded-organic: the organic saponified to %s can be "
                    + "pre-loaded with at most %s mol/L RE without acid release; it was loaded with %s mol/L instead "
                    + "of %s mol/L", Formats.general(s), Formats.general(eq.maximumPreload(s)),
                    Formats.general(max), Formats.general(total)));
            for (int j = 0; j < y.length; j++) {
                y[j] *= max / total;
            }
        }
        return start(d, y, null);
    }

    /** Acid (H+ of every aqueous inlet) and base (the cation M of the saponified organic), mol. */
    @Override
    public List<String> reagentNames() {
        return List.of("acid (mol H+)", "base (mol " + first().cation() + ")");
    }

    @Override
    public double[] reagentRates(int i) {
        CascadeNetwork net = networks[i];
        int h = eq.hydrogenIndex();
        int m = eq.rareEarthCount();
        double acid = 0;
        double base = 0;
        for (int k = 1; k <= net.stages(); k++) {
            acid += net.feed(k, h) - net.organicFeed(k, h);
            base += net.organicFeed(k, m);
        }
        return new double[] {acid * eq.molarScale(), base * eq.molarScale()};
    }

    @Override
    public String blankStart() {
        MassActionCase first = first();
        var f = first.flows();
        String scrub = first.cascade().scrubStages() == 0 ? "" : f.scrubFlow() > 0
                ? String.format(java.util.Locale.ROOT, ", scrub stages %s mol/L", Formats.general(f.scrubAcidity()))
                : String.format(java.util.Locale.ROOT, ", scrub stages %s mol/L (strip acid)", Formats.general(f.stripAcidity()));
        String strip = first.stripStages() == 0 ? ""
                : String.format(java.util.Locale.ROOT, ", strip stages %s mol/L", Formats.general(f.stripAcidity()));
        return String.format(java.util.Locale.ROOT, "barren organic saponified %s %% in every stage; RE-free aqueous "
                + "acid: extraction stages %s mol/L H+%s%s; the feeds start at t = 0",
                Formats.general(100 * f.saponification()), Formats.general(first.feedAcidity()), scrub, strip);
    }

    /** A rare earth counts 3 exchangeable equivalents, the cation and H one. */
    @Override
    public double distanceWeight(int j) {
        return j < eq.rareEarthCount() ? 3 : 1;
    }

    @Override
    public double typicalStageContent(double[] start, double[] steadyAmounts, int stages) {
        int size = stages * eq.componentCount();
        double mean = 0;
        for (int k = 0; k < size; k++) {
            mean += start[k] / stages;
        }
        for (int k = 0; k < size; k++) {
            mean = Math.max(mean, steadyAmounts[k] / stages);
        }
        return mean;
    }

    @Override
    public SteadyState steadyState(int i, List<String> notes) {
        MassActionCase own = ownUnits(configurations.get(i));
        return TransientModel.simulateSteadyState(ownNetwork(i), own.solver(), notes);
    }

    @Override
    public SteadyState runSteadyState(int i, SteadyState own) {
        return inUnitsOf(own, configurations.get(i).feedRate() / eq.molarScale());
    }

    /** A steady state with every component flow multiplied by {@code factor} (a change of flow unit). */
    static SteadyState inUnitsOf(SteadyState s, double factor) {
        if (factor == 1.0) {
            return s;
        }
        double shift = Math.log(factor);
        double[] aq = s.lnAqueous();
        double[] org = s.lnOrganic();
        for (int i = 0; i < aq.length; i++) {
            aq[i] += shift;
            org[i] += shift;
        }
        return new SteadyState(s.method(), s.iterations(), s.residual(), s.massBalanceError(), s.stages(),
                s.components(), aq, org);
    }

    @Override
    public double perOwnUnit(int i) {
        return configurations.get(i).feedRate();
    }

    @Override
    public double reportScale() {
        return eq.molarScale();
    }

    @Override
    public String amountUnit() {
        return "mol";
    }

    @Override
    public String flowUnit() {
        return "mol/h";
    }

    @Override
    public List<MassActionCase.Outlet> outlets(int i) {
        return configurations.get(i).outlets();
    }

    /** The stripped organic carries RE traces only. */
    @Override
    public boolean graded(MassActionCase.Outlet o) {
        return !o.name().equals("stripped organic");
    }

    /** Concentration = outflow / phase flow (the stage's aqueous leaves at flow/volume). */
    @Override
    public double acidity(CascadeNetwork net, int stage, double[] aqueousOutflow) {
        return aqueousOutflow[eq.hydrogenIndex()] * eq.molarScale() / net.aqueousFlow(stage);
    }

    /** 3 Σ[RE]org / C. */
    @Override
    public double loading(CascadeNetwork net, int stage, double rareEarthOutflow) {
        return 3 * rareEarthOutflow / (net.organicFlow(stage) * eq.extractantConcentration());
    }

    @Override
    public <R> R caseOf(int i, Function<CascadeCase, R> cascadeCase, Function<MassActionCase, R> massActionCase) {
        return massActionCase.apply(ownUnits(configurations.get(i)));
    }
}
