package org.sxcascade.flowsheet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.StageFeed;
import org.sxcascade.solver.CascadeNetwork;

/**
 * A validated flowsheet of linked cascades (format in docs/flowsheets.md), all CMER cascades
 * ({@link CascadeUnit}, {@code model: separation-factors}) or all mass-action cascades
 * ({@link MassActionUnit}, {@code model: mass-action}).
 * Flows are in mol RE per mol of total fresh RE fed: the fresh feeds' amounts are normalised by
 * their sum (for mass action the model's molar scale is that sum, in mol/h).
 *
 * <p>Construction checks everything that can be checked without solving a cascade: every
 * {@code from:} names a fresh feed or an outlet, the shares taken from one outlet sum to at most
 * 1 and those of a fresh feed to exactly 1, stage numbers are in range, and the flowsheet's
 * <em>metal balance</em> is feasible. Under the CMER model a cascade's phase flows depend only on
 * the RE totals of its inlets, never on their composition, so the RE totals of every stream follow
 * from an affine system ({@link #sourceTotal}) solved exactly here; each cascade is then built with
 * those totals, which fails (naming the cascade, the stage and the flow) when some stage would be
 * left without aqueous or organic flow. Under the mass-action model the fixed quantity of a
 * stream is its volumetric flow instead (L/h; a cascade's phase volumes depend only on its
 * inlets' volumes and its own flows), found by the same affine system; RE, acid and cation of the
 * torn streams are iterated by the solver. Errors name the field as a path,
 * {@code cascades[1].inlets[0].from}, with the value and what is allowed.
 */
public final class Flowsheet {
    /**
     * An inlet of the flowsheet: inlet {@code inlet} of cascade {@code cascade}.
     */
    public record InletRef(int cascade, int inlet) {
        /** Its path in the flowsheet file, {@code cascades[i].inlets[k]}. */
        public String path() {
            return "cascades[" + cascade + "].inlets[" + inlet + "]";
        }
    }

    /** Largest amount by which the shares of a stream may sum above 1 (or a fresh feed's miss 1). */
    public static final double SHARE_TOLERANCE = 1e-9;

    private final String name;
    private final List<String> components;
    private final EquilibriumModel equilibrium;
    /** The saponifying cation's name (mass action), or {@code null}. */
    private final String cation;
    private final List<FreshFeed> feeds;
    private final List<FlowsheetUnit> units;
    private final List<StreamTarget> targets;
    private final FlowsheetSettings settings;
    private final double feedTotal;
    private final List<Source> sources;
    private final Map<String, Integer> sourceIndex;
    /** Source index of each inlet, per cascade. */
    private final int[][] inletSource;
    /** The inlets reading each source, in cascade order. */
    private final List<List<InletRef>> readers;
    /** Source indices of each cascade's outlets: raffinate, loaded organic, then its side draws in order. */
    private final int[][] outletSource;
    /** Share of each source not sent to any inlet: its product share. */
    private final double[] productShare;
    /** Sources read by an inlet of the same or an earlier cascade: the torn streams, in order. */
    private final List<Integer> torn;
    /** Fixed total of each source at steady state: RE (CMER, metal balance) or volume, L/h (mass action). */
    private final double[] sourceTotal;

    /**
     * A flowsheet of CMER cascades.
     *
     * @param name        title (default {@code flowsheet})
     * @param components  component names, unique
     * @param equilibrium separation factors, one per component
     * @param feeds       fresh feeds, at least one, names unique
     * @param units       the cascades ({@link CascadeUnit}s), in solving order, at least one, names unique
     * @param targets     purity / recovery targets on outlets (may be empty)
     * @param settings    solver settings
     * @throws InvalidInputException naming the field ({@code cascades[i]…}, {@code feeds[i]…}), the value
     *                               and what is allowed
     */
    public Flowsheet(String name, List<String> components, ConstantSeparationFactors equilibrium, List<FreshFeed> feeds,
                     List<? extends FlowsheetUnit> units, List<StreamTarget> targets, FlowsheetSettings settings) {
        this(name, components, equilibrium, null, feeds, units, targets, settings);
    }

    /**
     * A flowsheet of mass-action cascades ({@link MassActionUnit}s), fresh feeds with their
     * {@link FreshFeed.Solution}s. The model's molar scale is set to the fresh feeds' total RE
     * (mol/h), so that component flows read as mol per mol of fresh RE fed.
     *
     * @param rareEarths  the rare earths, in the order of the model's exchange constants
     * @param equilibrium the mass-action model (any molar scale)
     * @param cation      the saponifying cation's name
     */
    public Flowsheet(String name, List<String> rareEarths, MassActionEquilibrium equilibrium, String cation,
                     List<FreshFeed> feeds, List<? extends FlowsheetUnit> units, List<StreamTarget> targets,
                     FlowsheetSettings settings) {
        this(name, rareEarths, (EquilibriumModel) equilibrium, Objects.requireNonNull(cation, "cation"), feeds, units,
                targets, settings);
    }

    private Flowsheet(String name, List<String> components, EquilibriumModel equilibrium, String cation,
                      List<FreshFeed> feeds, List<? extends FlowsheetUnit> units, List<StreamTarget> targets,
                      FlowsheetSettings settings) {
        this.name = name == null ? "flowsheet" : name;
        this.components = List.copyOf(components);
        this.cation = cation;
        this.feeds = List.copyOf(feeds);
        this.units = List.copyOf(units);
        this.targets = List.copyOf(targets);
        this.settings = settings == null ? FlowsheetSettings.defaults() : settings;
        int c = this.components.size();
        boolean massAction = cation != null;
        int modelCount = massAction ? ((MassActionEquilibrium) equilibrium).rareEarthCount() : equilibrium.componentCount();
        if (modelCount != c) {
            throw new IllegalArgumentException("equilibrium model for " + modelCount + " components, names for " + c);
        }
        if (this.feeds.isEmpty()) {
            throw new InvalidInputException("feeds", "(empty)", "at least one fresh feed");
        }
        if (this.units.isEmpty()) {
            throw new InvalidInputException("cascades", "(empty)", "at least one cascade");
        }
        for (int i = 0; i < this.units.size(); i++) {
            if (massAction != this.units.get(i) instanceof MassActionUnit) {
                throw new InvalidInputException("cascades[" + i + "]", this.units.get(i).name(), "a "
                        + (massAction ? "mass-action" : "CMER") + " cascade: every cascade of a flowsheet follows its "
                        + "model (model: " + (massAction ? "mass-action" : "separation-factors") + "); flowsheets "
                        + "mixing CMER and mass-action cascades are not supported");
            }
        }
        for (int f = 0; f < this.feeds.size(); f++) {
            if (massAction != (this.feeds.get(f).solution() != null)) {
                throw new InvalidInputException("feeds[" + f + "]", this.feeds.get(f).name(), massAction
                        ? "an aqueous solution with flow (L/h), concentration (mol/L RE) and acidity (mol/L H+) in a "
                        + "mass-action flowsheet" : "an amount of RE (no solution) in a CMER flowsheet");
            }
        }
        // names and sources
        List<Source> list = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        double total = 0;
        for (int f = 0; f < this.feeds.size(); f++) {
            FreshFeed feed = this.feeds.get(f);
            if (feed.composition().length != c) {
                throw new InvalidInputException("feeds[" + f + "].composition", feed.composition().length + " fractions",
                        "one mole fraction per component (" + c + ")");
            }
            if (index.containsKey(feed.name())) {
                throw new InvalidInputException("feeds[" + f + "].name", feed.name(), "a name not used by another feed");
            }
            index.put(feed.name(), list.size());
            list.add(new Source(feed.name(), Source.Kind.FRESH_FEED, f, -1, 0, null));
            total += feed.amount();
        }
        this.feedTotal = total;
        this.equilibrium = massAction ? ((MassActionEquilibrium) equilibrium).withMolarScale(total) : equilibrium;
        Map<String, Integer> unitNames = new HashMap<>();
        this.outletSource = new int[this.units.size()][];
        for (int i = 0; i < this.units.size(); i++) {
            FlowsheetUnit u = this.units.get(i);
            String path = "cascades[" + i + "].name";
            if (unitNames.containsKey(u.name())) {
                throw new InvalidInputException(path, u.name(), "a name not used by another cascade");
            }
            if (index.containsKey(u.name())) {
                throw new InvalidInputException(path, u.name(), "a name not used by a fresh feed");
            }
            unitNames.put(u.name(), i);
            List<FlowsheetUnit.Outlet> outlets = u.outlets();
            outletSource[i] = new int[outlets.size()];
            for (int o = 0; o < outlets.size(); o++) {
                FlowsheetUnit.Outlet out = outlets.get(o);
                outletSource[i][o] = list.size();
                add(list, index, new Source(u.name() + "." + out.name(), out.kind(), -1, i, out.stage(), out.phase()));
            }
        }
        this.sources = List.copyOf(list);
        this.sourceIndex = Map.copyOf(index);

        // inlets: sources, shares, tears
        this.inletSource = new int[this.units.size()][];
        double[] sent = new double[sources.size()];
        List<List<InletRef>> readerList = new ArrayList<>();
        for (int s = 0; s < sources.size(); s++) {
            readerList.add(new ArrayList<>());
        }
        List<Integer> tornList = new ArrayList<>();
        for (int i = 0; i < this.units.size(); i++) {
            FlowsheetUnit u = this.units.get(i);
            inletSource[i] = new int[u.inlets().size()];
            for (int k = 0; k < u.inlets().size(); k++) {
                Inlet in = u.inlets().get(k);
                String path = "cascades[" + i + "].inlets[" + k + "]";
                Integer s = sourceIndex.get(in.from());
                if (s == null) {
                    throw new InvalidInputException(path + ".from", in.from(), "a fresh feed or a cascade outlet: "
                            + String.join(", ", index.keySet()));
                }
                inletSource[i][k] = s;
                if (massAction && sources.get(s).phase() == FeedPhase.ORGANIC) {
                    throw new InvalidInputException(path + ".from", in.from(), "an aqueous stream (a fresh feed, "
                            + "<cascade>.raffinate or <cascade>.strip): the organic leaving a mass-action cascade "
                            + "cannot be fed to another mass-action cascade, whose organic is its own saponified "
                            + "extractant (organic-phase links are not supported for mass action, docs/flowsheets.md)");
                }
                sent[s] += in.fraction();
                readerList.get(s).add(new InletRef(i, k));
                if (sent[s] > 1 + SHARE_TOLERANCE) {
                    List<String> takers = new ArrayList<>();
                    for (InletRef r : readerList.get(s)) {
                        takers.add(r.path() + " " + fmt(this.units.get(r.cascade()).inlets().get(r.inlet()).fraction()));
                    }
                    throw new InvalidInputException(path + ".fraction", fmt(in.fraction()),
                            "a share such that the shares of " + in.from() + " sum to at most 1; they sum to "
                                    + fmt(sent[s]) + " (" + String.join(", ", takers) + ")");
                }
                if (readsTear(i, k) && !tornList.contains(s)) {
                    tornList.add(s);
                }
            }
        }
        this.readers = readerList.stream().map(List::copyOf).toList();
        this.productShare = new double[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            if (!src.isOutlet() && Math.abs(sent[s] - 1) > SHARE_TOLERANCE) {
                throw new InvalidInputException("feeds[" + src.feed() + "]", src.name() + " sent in shares summing to "
                        + fmt(sent[s]), "a fresh feed sent to the cascades whole: inlets with from: " + src.name()
                        + " whose fractions sum to 1");
            }
            productShare[s] = src.isOutlet() ? Math.max(0, 1 - sent[s]) : 0;
            if (productShare[s] < SHARE_TOLERANCE) {
                productShare[s] = 0;
            }
        }
        this.torn = List.copyOf(tornList);

        // targets
        for (int t = 0; t < this.targets.size(); t++) {
            StreamTarget target = this.targets.get(t);
            Integer s = sourceIndex.get(target.stream());
            if (s == null || !sources.get(s).isOutlet()) {
                throw new InvalidInputException("targets." + target.stream(), "(unknown stream)",
                        "a cascade outlet: " + String.join(", ", outletNames()));
            }
            for (int j : target.target().components()) {
                if (j < 0 || j >= c) {
                    throw new InvalidInputException("targets." + target.stream() + ".components", j,
                            "component indices from 0 to " + (c - 1));
                }
            }
        }

        // metal (CMER) or volume (mass action) balance: the fixed totals of every stream, and each
        // CMER cascade's flows checked with them
        this.sourceTotal = metalBalance();
        if (!massAction) {
            checkNetworks();
        }
    }

    private static void add(List<Source> list, Map<String, Integer> index, Source s) {
        index.put(s.name(), list.size());
        list.add(s);
    }

    /** Checks a name of a feed, cascade or draw: non-empty, without dots or blanks. */
    static void checkName(String field, String name) {
        if (name == null || name.isEmpty() || !name.matches("[A-Za-z0-9_\\-]+")) {
            throw new InvalidInputException(field, name == null ? "(missing)" : name,
                    "a non-empty name of letters, digits, _ and - (no dots or blanks: outlets are named "
                            + "<cascade>.raffinate …)");
        }
    }

    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.9g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }

    // ------------------------------------------------------------------ metal balance

    /**
     * Fixed totals of every source at steady state. Each cascade is affine in its inlets' totals.
     * CMER, RE totals: organic product = S + Σ organic inlets − W − Σ organic draws, raffinate =
     * Σ aqueous inlets + W − S − Σ aqueous draws, draws as given. Mass action, volumes (L/h):
     * raffinate = Σ aqueous inlets + scrub acid + reflux × strip acid, strip liquor = (1 − reflux)
     * × strip acid, organic = the organic flow. With the torn streams' totals t as unknowns one
     * pass in cascade order is F(t) = A t + b; t = (I − A)⁻¹ b, found exactly (A from unit columns).
     */
    private double[] metalBalance() {
        int m = torn.size();
        double[] zero = new double[m];
        double[] b = tornTotals(metalPass(zero));
        double[][] a = new double[m][m];
        for (int col = 0; col < m; col++) {
            double[] e = new double[m];
            e[col] = 1;
            double[] f = tornTotals(metalPass(e));
            for (int row = 0; row < m; row++) {
                a[row][col] = f[row] - b[row];
            }
        }
        double[][] lhs = new double[m][m];
        for (int row = 0; row < m; row++) {
            for (int col = 0; col < m; col++) {
                lhs[row][col] = (row == col ? 1 : 0) - a[row][col];
            }
        }
        double[] t = solveLinear(lhs, b.clone());
        return metalPass(t);
    }

    private double[] tornTotals(double[] totals) {
        double[] t = new double[torn.size()];
        for (int i = 0; i < t.length; i++) {
            t[i] = totals[torn.get(i)];
        }
        return t;
    }

    /** One pass of the metal balance in cascade order, torn streams at the given totals. */
    private double[] metalPass(double[] tearTotals) {
        double[] total = new double[sources.size()];
        for (int s = 0; s < sources.size(); s++) {
            Source src = sources.get(s);
            if (!src.isOutlet()) {
                FreshFeed feed = feeds.get(src.feed());
                total[s] = feed.solution() != null ? feed.solution().flow() : feed.amount() / feedTotal;
            }
        }
        for (int i = 0; i < units.size(); i++) {
            FlowsheetUnit unit = units.get(i);
            double aq = 0;
            double org = 0;
            for (int k = 0; k < unit.inlets().size(); k++) {
                Inlet in = unit.inlets().get(k);
                int s = inletSource[i][k];
                double flow = in.fraction() * (readsTear(i, k) ? tearTotals[torn.indexOf(s)] : total[s]);
                if (in.phase() == FeedPhase.AQUEOUS) {
                    aq += flow;
                } else {
                    org += flow;
                }
            }
            if (unit instanceof MassActionUnit ma) {
                MassActionFlows f = ma.flows();
                total[raffinateSource(i)] = aq + f.scrubFlow() + f.reflux() * f.stripFlow();
                total[organicSource(i)] = f.organicFlow();
                if (ma.stripStages() > 0) {
                    total[stripSource(i)] = (1 - f.reflux()) * f.stripFlow();
                }
                continue;
            }
            CascadeUnit u = (CascadeUnit) unit;
            double drawnOrg = 0;
            double drawnAq = 0;
            for (int d = 0; d < u.draws().size(); d++) {
                Draw draw = u.draws().get(d);
                total[drawSource(i, d)] = draw.flow();
                if (draw.phase() == FeedPhase.ORGANIC) {
                    drawnOrg += draw.flow();
                } else {
                    drawnAq += draw.flow();
                }
            }
            total[organicSource(i)] = u.extractant() + org - u.acidScrub() - drawnOrg;
            total[raffinateSource(i)] = aq + u.acidScrub() - u.extractant() - drawnAq;
        }
        return total;
    }

    /** Gaussian elimination with partial pivoting; a singular system is a recycle without steady state. */
    private double[] solveLinear(double[][] a, double[] b) {
        int m = b.length;
        for (int col = 0; col < m; col++) {
            int p = col;
            for (int row = col + 1; row < m; row++) {
                if (Math.abs(a[row][col]) > Math.abs(a[p][col])) {
                    p = row;
                }
            }
            if (Math.abs(a[p][col]) < 1e-12) {
                String stream = sources.get(torn.get(col)).name();
                throw new InvalidInputException(readers.get(torn.get(col)).get(0).path() + ".fraction", stream,
                        "shares such that a recycle loop does not return all it receives: the loop through "
                                + stream + " has " + (cation == null ? "an RE" : "a volume (L/h)")
                                + " gain of 1, so its flow has no steady state (it would accumulate); send part of one of its "
                                + "streams out as a product");
            }
            double[] tmp = a[p];
            a[p] = a[col];
            a[col] = tmp;
            double tb = b[p];
            b[p] = b[col];
            b[col] = tb;
            for (int row = col + 1; row < m; row++) {
                double factor = a[row][col] / a[col][col];
                for (int k = col; k < m; k++) {
                    a[row][k] -= factor * a[col][k];
                }
                b[row] -= factor * b[col];
            }
        }
        double[] x = new double[m];
        for (int row = m - 1; row >= 0; row--) {
            double sum = b[row];
            for (int k = row + 1; k < m; k++) {
                sum -= a[row][k] * x[k];
            }
            x[row] = sum / a[row][row];
        }
        return x;
    }

    /**
     * Checks the metal balance: every cascade outlet carries RE (the first one in cascade order that
     * does not is reported, with the totals that make it so), then every cascade is built with the
     * balance's totals, the CMER builder checking every stage.
     */
    private void checkNetworks() {
        int c = components.size();
        for (int i = 0; i < units.size(); i++) {
            CascadeUnit u = (CascadeUnit) units.get(i);
            for (int outlet : new int[] {raffinateSource(i), organicSource(i)}) {
                double total = sourceTotal[outlet];
                if (!(total > 0)) {
                    boolean raffinate = outlet == raffinateSource(i);
                    throw unitError(i, new InvalidInputException(raffinate ? "flows.extractant" : "flows.scrub",
                            fmt(raffinate ? u.extractant() : u.acidScrub()), "flows that leave the " + (raffinate
                            ? "raffinate (Σ aqueous inlets + W − S − aqueous draws)"
                            : "loaded organic (S + Σ organic inlets − W − organic draws)") + " a positive RE flow; "
                            + "at steady state " + sources.get(outlet).name() + " would carry " + fmt(total)));
                }
            }
        }
        for (int i = 0; i < units.size(); i++) {
            checkNetwork(i, c);
        }
    }

    private void checkNetwork(int i, int c) {
        try {
            network(i, inletTotalsAsFlows(i, c));
        } catch (InvalidInputException e) {
            throw unitError(i, e);
        }
    }

    /** Inlet component flows with the metal balance's totals and an even composition (flows only). */
    private List<double[]> inletTotalsAsFlows(int i, int c) {
        List<double[]> list = new ArrayList<>();
        for (int k = 0; k < inletSource[i].length; k++) {
            double[] f = new double[c];
            java.util.Arrays.fill(f, Math.max(0, units.get(i).inlets().get(k).fraction() * sourceTotal[inletSource[i][k]]) / c);
            list.add(f);
        }
        return list;
    }

    /** A CMER builder error of cascade i, with the cascade's path and the flowsheet's inlet totals. */
    InvalidInputException unitError(int i, InvalidInputException e) {
        if (!(units.get(i) instanceof CascadeUnit u)) {
            return e.under("cascades[" + i + "]");
        }
        String field = e.field();
        String path = "cascades[" + i + "]";
        if (field.equals("flows.extractant")) {
            field = path + ".extractant";
        } else if (field.equals("flows.scrub")) {
            field = path + ".acidScrub";
        } else {
            field = path + "." + field;
        }
        StringBuilder in = new StringBuilder();
        for (int k = 0; k < u.inlets().size(); k++) {
            Inlet inlet = u.inlets().get(k);
            in.append(k == 0 ? "" : ", ").append(inlet.from()).append(inlet.fraction() < 1 ? " × " + fmt(inlet.fraction()) : "")
                    .append(" = ").append(fmt(inlet.fraction() * sourceTotal[inletSource[i][k]])).append(' ')
                    .append(inlet.phase().label()).append(" at stage ").append(u.stageOf(inlet));
        }
        boolean scrubLiquor = u.acidScrub() > 0;
        for (Inlet inlet : u.inlets()) {
            scrubLiquor |= inlet.phase() == FeedPhase.AQUEOUS && u.stageOf(inlet) == u.totalStages();
        }
        String hint = scrubLiquor ? "" : "; no aqueous enters stage N = " + u.totalStages() + ": with acidScrub 0 "
                + "the scrub liquor must be an aqueous inlet at stage " + u.totalStages();
        return new InvalidInputException(field, e.value(), e.allowed() + " (cascade " + u.name() + " with S = "
                + fmt(u.extractant()) + ", W = " + fmt(u.acidScrub()) + " and, from the flowsheet's metal balance, "
                + "inlets " + in + " mol RE per mol RE fed" + hint + ")");
    }

    /**
     * Cascade i's network for given inlet component flows (one array per inlet, mol per mol of
     * total fresh RE, {@link #streamComponents()}). CMER: {@link CascadeNetwork#cmer} with its S, W,
     * inlets and draws, and its Murphree efficiencies when they are below 1. Mass action:
     * {@link CascadeNetwork#massAction(MassActionEquilibrium, List, String, org.sxcascade.model.Cascade,
     * int, MassActionFlows, double[], double[], List, SideDraws)} with its flows and a saponified
     * organic, each inlet an aqueous feed at its share of its source's volume.
     *
     * @throws InvalidInputException from the CMER builder (fields relative to the builder)
     */
    public CascadeNetwork network(int i, List<double[]> inletFlows) {
        if (units.get(i) instanceof MassActionUnit ma) {
            MassActionEquilibrium eq = (MassActionEquilibrium) equilibrium;
            List<CascadeNetwork.AqueousInlet> in = new ArrayList<>();
            for (int k = 0; k < ma.inlets().size(); k++) {
                Inlet inlet = ma.inlets().get(k);
                in.add(new CascadeNetwork.AqueousInlet(ma.stageOf(inlet),
                        inlet.fraction() * sourceTotal[inletSource[i][k]], inletFlows.get(k)));
            }
            MassActionFlows f = ma.flows();
            return CascadeNetwork.massAction(eq, components, cation, ma.cascade(), ma.stripStages(), f,
                    eq.saponifiedOrganic(f.saponification(), f.organicFlow()), ma.efficiency(), in, SideDraws.NONE);
        }
        CascadeUnit u = (CascadeUnit) units.get(i);
        List<StageFeed> feedList = new ArrayList<>();
        for (int k = 0; k < u.inlets().size(); k++) {
            Inlet in = u.inlets().get(k);
            feedList.add(StageFeed.ofMetal(u.stageOf(in), in.phase(), inletFlows.get(k)));
        }
        List<SideDraw> draws = new ArrayList<>();
        for (Draw d : u.draws()) {
            draws.add(new SideDraw(d.stage(), d.phase(), d.flow()));
        }
        CascadeNetwork net = CascadeNetwork.cmer(separationFactors(), u.totalStages(), u.extractant(), u.acidScrub(),
                feedList, draws).withComponentNames(components);
        return u.idealStages() ? net : net.withEfficiency(u.stageEfficiencies());
    }

    // ------------------------------------------------------------------ accessors

    public String name() {
        return name;
    }

    public List<String> components() {
        return components;
    }

    /** The equilibrium model: separation factors (CMER) or the mass-action model at the flowsheet's molar scale. */
    public EquilibriumModel equilibrium() {
        return equilibrium;
    }

    /** Whether the cascades are mass-action cascades ({@code model: mass-action}). */
    public boolean isMassAction() {
        return cation != null;
    }

    /** The separation factors of a CMER flowsheet. */
    public ConstantSeparationFactors separationFactors() {
        if (!(equilibrium instanceof ConstantSeparationFactors beta)) {
            throw new IllegalStateException("a mass-action flowsheet has no separation factors");
        }
        return beta;
    }

    /** The saponifying cation's name (mass action), or {@code null}. */
    public String cation() {
        return cation;
    }

    /**
     * The components a stream carries, in the order of its component flows: the rare earths
     * ({@link #components()}), and for mass action also the cation and {@code H+} (free acid).
     */
    public List<String> streamComponents() {
        if (cation == null) {
            return components;
        }
        List<String> names = new ArrayList<>(components);
        names.add(cation);
        names.add("H+");
        return List.copyOf(names);
    }

    /**
     * Component flows of fresh feed f ({@link #streamComponents()}, mol per mol of total fresh RE):
     * its share of each RE, and for mass action no cation and its free acid.
     */
    public double[] freshStream(int f) {
        FreshFeed feed = feeds.get(f);
        if (feed.solution() != null) {
            FreshFeed.Solution sol = feed.solution();
            double[] concentrations = new double[components.size()];
            for (int j = 0; j < concentrations.length; j++) {
                concentrations[j] = feed.fraction(j) * sol.concentration();
            }
            return ((MassActionEquilibrium) equilibrium).aqueousStream(sol.flow(), concentrations, 0, sol.acidity());
        }
        double[] z = new double[components.size()];
        for (int j = 0; j < z.length; j++) {
            z[j] = feedShare(f) * feed.fraction(j);
        }
        return z;
    }

    public List<FreshFeed> feeds() {
        return feeds;
    }

    public List<FlowsheetUnit> units() {
        return units;
    }

    public List<StreamTarget> targets() {
        return targets;
    }

    public FlowsheetSettings settings() {
        return settings;
    }

    /** Sum of the fresh feeds' amounts (mol RE per unit time): the normalisation of every flow. */
    public double feedTotal() {
        return feedTotal;
    }

    /** Fresh feed f's share of the total fresh RE (its amount / {@link #feedTotal()}). */
    public double feedShare(int f) {
        return feeds.get(f).amount() / feedTotal;
    }

    /** Component flows of all fresh feeds together (mol per mol of total fresh RE; sum 1). */
    public double[] freshFeed() {
        double[] z = new double[components.size()];
        for (int f = 0; f < feeds.size(); f++) {
            for (int j = 0; j < z.length; j++) {
                z[j] += feedShare(f) * feeds.get(f).fraction(j);
            }
        }
        return z;
    }

    /** Fresh feeds, then each cascade's raffinate, loaded organic and side draws. */
    public List<Source> sources() {
        return sources;
    }

    /** Index of a source by name, or −1. */
    public int sourceIndex(String sourceName) {
        Integer s = sourceIndex.get(sourceName);
        return s == null ? -1 : s;
    }

    /** Index of the source of cascade i's inlet k. */
    public int inletSource(int i, int k) {
        return inletSource[i][k];
    }

    /** The inlets that read a source, in cascade order. */
    public List<InletRef> readers(int s) {
        return readers.get(s);
    }

    /**
     * Whether cascade i's inlet k reads a torn stream: an outlet of this cascade or of a later one,
     * not yet solved when cascade i is solved in a pass.
     */
    public boolean readsTear(int i, int k) {
        Source src = sources.get(inletSource[i][k]);
        return src.isOutlet() && src.unit() >= i;
    }

    /** Source index of cascade i's raffinate. */
    public int raffinateSource(int i) {
        return outletSource[i][0];
    }

    /** Source index of cascade i's loaded organic. */
    public int organicSource(int i) {
        return outletSource[i][1];
    }

    /** Source index of cascade i's side draw d (CMER). */
    public int drawSource(int i, int d) {
        return outletSource[i][2 + d];
    }

    /** Source index of cascade i's strip liquor (mass action with strip stages). */
    public int stripSource(int i) {
        return outletSource[i][2];
    }

    /** Source index of cascade i's outlet o ({@link FlowsheetUnit#outlets()} order). */
    public int outletSource(int i, int o) {
        return outletSource[i][o];
    }

    /** Share of a source that leaves the flowsheet as a product (0 for fresh feeds). */
    public double productShare(int s) {
        return productShare[s];
    }

    /** The torn streams: outlets read by an inlet of the same or an earlier cascade (recycles), in order. */
    public List<Integer> tornSources() {
        return torn;
    }

    /**
     * Fixed total of a source at steady state: CMER, its RE flow, mol RE per mol RE fed (from the
     * metal balance); mass action, its volumetric flow, L/h (from the volume balance).
     */
    public double sourceTotal(int s) {
        return sourceTotal[s];
    }

    /** Names of all cascade outlets. */
    public List<String> outletNames() {
        List<String> names = new ArrayList<>();
        for (Source s : sources) {
            if (s.isOutlet()) {
                names.add(s.name());
            }
        }
        return names;
    }

    /** The target on a source, or {@code null}. */
    public ProductTarget targetOf(String sourceName) {
        for (StreamTarget t : targets) {
            if (t.stream().equals(sourceName)) {
                return t.target();
            }
        }
        return null;
    }
}
