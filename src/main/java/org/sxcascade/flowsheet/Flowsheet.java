package org.sxcascade.flowsheet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.CascadeTemplate;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.StreamModel;
import org.sxcascade.solver.CascadeNetwork;

/**
 * A validated flowsheet of linked cascades (format in docs/flowsheets.md), all CMER cascades
 * ({@code model: separation-factors}) or all mass-action cascades ({@code model: mass-action}):
 * {@link FlowsheetUnit}s whose {@link CascadeTemplate}s fit the flowsheet's model, its streams as
 * its {@link StreamModel} says.
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
    /** How streams are represented and fixed under the flowsheet's model (at its molar scale). */
    private final StreamModel streams;
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
     * A flowsheet of any model.
     *
     * @param name       title (default {@code flowsheet})
     * @param components component (rare-earth) names, unique, in the order of the model's parameters
     * @param streams    the model and how it represents streams: {@link CmerStreams} (separation factors) or
     *                   {@link MassActionStreams} (mass-action model at any molar scale, and the
     *                   saponifying cation; the molar scale is set to the fresh feeds' total RE, mol/h, so
     *                   that component flows read as mol per mol of fresh RE fed)
     * @param feeds      fresh feeds, at least one, names unique (with {@link FreshFeed.Solution}s for
     *                   mass action)
     * @param units      the cascades, in solving order, at least one, names unique, each with a template
     *                   of the model ({@link org.sxcascade.model.CmerTemplate},
     *                   {@link org.sxcascade.model.MassActionTemplate})
     * @param targets    purity / recovery targets on outlets (may be empty)
     * @param settings   solver settings
     * @throws InvalidInputException naming the field ({@code cascades[i]…}, {@code feeds[i]…}), the value
     *                               and what is allowed
     */
    public Flowsheet(String name, List<String> components, StreamModel streams, List<FreshFeed> feeds,
                     List<? extends FlowsheetUnit> units, List<StreamTarget> targets, FlowsheetSettings settings) {
        this.name = name == null ? "flowsheet" : name;
        this.components = List.copyOf(components);
        this.feeds = List.copyOf(feeds);
        this.units = List.copyOf(units);
        this.targets = List.copyOf(targets);
        this.settings = settings == null ? FlowsheetSettings.defaults() : settings;
        int c = this.components.size();
        int modelCount = streams.listedCount();
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
            if (!this.units.get(i).template().fits(streams.equilibrium())) {
                throw new InvalidInputException("cascades[" + i + "]", this.units.get(i).name(), "a "
                        + streams.label() + " cascade: every cascade of a flowsheet follows its "
                        + "model (model: " + streams.key() + "); flowsheets "
                        + "mixing CMER and mass-action cascades are not supported");
            }
        }
        for (int f = 0; f < this.feeds.size(); f++) {
            if (streams.solutionFeeds() != (this.feeds.get(f).solution() != null)) {
                throw new InvalidInputException("feeds[" + f + "]", this.feeds.get(f).name(), streams.feedRule());
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
            list.add(new Source(feed.name(), Source.FRESH_FEED, f, -1, 0, null));
            total += feed.amount();
        }
        this.feedTotal = total;
        this.streams = streams.atFeedTotal(total);
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
            List<CascadeTemplate.Outlet> outlets = u.outlets();
            outletSource[i] = new int[outlets.size()];
            for (int o = 0; o < outlets.size(); o++) {
                CascadeTemplate.Outlet out = outlets.get(o);
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
                this.streams.checkLink(path + ".from", in.from(), sources.get(s).phase(), in.phase());
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
        // cascade's flows checked with them where they decide them (CMER)
        this.sourceTotal = metalBalance();
        checkNetworks();
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
        return CascadeTemplate.fmt(x);
    }

    // ------------------------------------------------------------------ metal balance

    /**
     * Fixed totals of every source at steady state. Each cascade is affine in its inlets' totals
     * ({@link CascadeTemplate#outletTotals}: RE totals under CMER, volumes in L/h under mass
     * action). With the torn streams' totals t as unknowns one pass in cascade order is
     * F(t) = A t + b; t = (I − A)⁻¹ b, found exactly (A from unit columns).
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
            double[] out = unit.template().outletTotals(aq, org);
            for (int o = 0; o < out.length; o++) {
                total[outletSource[i][o]] = out[o];
            }
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
                                + stream + " has " + streams.totalWords()
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
     * Checks the fixed totals: each cascade's template checks its outlets' totals (under CMER every
     * product carries RE; the first cascade in order that fails is reported, with the totals that
     * make it so), then every cascade whose stage flows the totals decide is built with them, the
     * builder checking every stage.
     */
    private void checkNetworks() {
        int c = components.size();
        for (int i = 0; i < units.size(); i++) {
            double[] totals = new double[outletSource[i].length];
            List<String> names = new ArrayList<>();
            for (int o = 0; o < totals.length; o++) {
                totals[o] = sourceTotal[outletSource[i][o]];
                names.add(sources.get(outletSource[i][o]).name());
            }
            try {
                units.get(i).template().checkOutletTotals(totals, names);
            } catch (InvalidInputException e) {
                throw unitError(i, e);
            }
        }
        for (int i = 0; i < units.size(); i++) {
            if (units.get(i).template().flowsFixedByTotals()) {
                checkNetwork(i, c);
            }
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

    /**
     * An error of cascade i's network builder or outlet check, as its template tells it
     * ({@link CascadeTemplate#error}), with the cascade's path and the inlets' fixed totals.
     */
    InvalidInputException unitError(int i, InvalidInputException e) {
        FlowsheetUnit u = units.get(i);
        StringBuilder in = new StringBuilder();
        for (int k = 0; k < u.inlets().size(); k++) {
            Inlet inlet = u.inlets().get(k);
            in.append(k == 0 ? "" : ", ").append(inlet.from()).append(inlet.fraction() < 1 ? " × " + fmt(inlet.fraction()) : "")
                    .append(" = ").append(fmt(inlet.fraction() * sourceTotal[inletSource[i][k]])).append(' ')
                    .append(inlet.phase().label()).append(" at stage ").append(u.stageOf(inlet));
        }
        return u.template().error("cascades[" + i + "]", u.name(), e, in.toString(), u.aqueousAtTop());
    }

    /**
     * Cascade i's network for given inlet component flows (one array per inlet, mol per mol of
     * total fresh RE, {@link #streamComponents()}), built by its template
     * ({@link CascadeTemplate#network}) with each inlet at its stage and its share of its source's
     * fixed total.
     *
     * @throws InvalidInputException from the network builder (fields relative to the cascade)
     */
    public CascadeNetwork network(int i, List<double[]> inletFlows) {
        FlowsheetUnit u = units.get(i);
        List<CascadeTemplate.NetworkInlet> in = new ArrayList<>();
        for (int k = 0; k < u.inlets().size(); k++) {
            Inlet inlet = u.inlets().get(k);
            in.add(new CascadeTemplate.NetworkInlet(u.stageOf(inlet), inlet.phase(),
                    inlet.fraction() * sourceTotal[inletSource[i][k]], inletFlows.get(k)));
        }
        return u.template().network(streams.equilibrium(), components, streams.cation(), in);
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
        return streams.equilibrium();
    }

    /** How streams are represented and fixed under the flowsheet's model. */
    public StreamModel streams() {
        return streams;
    }

    /** The saponifying cation's name (mass action), or {@code null}. */
    public String cation() {
        return streams.cation();
    }

    /**
     * The components a stream carries, in the order of its component flows: the rare earths
     * ({@link #components()}), and for mass action also the cation and {@code H+} (free acid).
     */
    public List<String> streamComponents() {
        return streams.streamComponents(components);
    }

    /**
     * Component flows of fresh feed f ({@link #streamComponents()}, mol per mol of total fresh RE):
     * its share of each RE, and for mass action no cation and its free acid.
     */
    public double[] freshStream(int f) {
        FreshFeed feed = feeds.get(f);
        FreshFeed.Solution sol = feed.solution();
        return streams.freshStream(feedShare(f), feed.composition(), sol == null ? Double.NaN : sol.flow(),
                sol == null ? Double.NaN : sol.concentration(), sol == null ? Double.NaN : sol.acidity());
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

    /**
     * RE entering the flowsheet, per component, mol per mol of total fresh RE: the fresh feeds
     * ({@link #freshFeed()}) plus what cascades bring themselves (the RE pre-loaded on a mass-action
     * cascade's own organic, {@link CascadeTemplate#ownInflow}). The flowsheet's closure and
     * recoveries are relative to it; flows stay per mol of fresh RE.
     */
    public double[] inflow() {
        double[] in = freshFeed();
        for (FlowsheetUnit u : units) {
            double[] own = u.template().ownInflow(streams.equilibrium(), in.length);
            for (int j = 0; j < in.length; j++) {
                in[j] += own[j];
            }
        }
        return in;
    }

    /** Whether a cascade brings RE itself (a pre-loaded organic), so that {@link #inflow()} exceeds the fresh feeds. */
    public boolean hasOwnInflow() {
        double[] fresh = freshFeed();
        double[] in = inflow();
        for (int j = 0; j < in.length; j++) {
            if (in[j] != fresh[j]) {
                return true;
            }
        }
        return false;
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
