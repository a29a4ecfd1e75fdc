package org.sxcascade.model;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.equilibrium.MassActionEquilibrium;

/**
 * A cascade with mass-action equilibrium (acidic extractant, docs/mass-action.md), extraction, scrubbing
 * and stripping sections and strip-liquor reflux, as a {@code model: mass-action} case file
 * describes it.
 *
 * <p>Stages 1 … n extract, n+1 … n+m scrub and n+m+1 … N strip (N = n + m + p). The saponified
 * organic, optionally pre-loaded with RE ({@link MassActionPreload}), enters stage 1; each aqueous
 * feed (RE chloride with free acid) enters its stage, 1 … n + m, by default n; fresh scrub acid
 * enters stage n + m; strip acid enters stage N. The strip liquor leaving stage n + m + 1 is
 * split: the fraction {@code reflux} flows on into the scrubbing section (RE reflux, the scrub
 * liquor of Xu's theory), the rest is the strip product (A product). The raffinate (B product)
 * leaves stage 1 and the stripped organic leaves stage N (back to saponification). Side draws
 * ({@link #sideDraws()}, flows in L/h) take part of either phase off any other stage as further
 * products; a draw of D L/h lowers the phase flow of every stage downstream of it by D (the
 * aqueous below the refluxed strip liquor by reflux × D).
 *
 * <p>Flow basis: component flows are in units of {@link #feedRate()}, the RE flow of all aqueous
 * feeds together (mol/h), so RE flows read as mol per mol RE fed as in the CMER cases. RE
 * pre-loaded on the organic is an inlet like the feeds but not part of that unit: with a
 * pre-load the RE leaving in the products sums to 1 + (pre-load RE flow)/(feed RE flow). The
 * solver's components are the rare earths, then the saponifying cation, then H.
 *
 * @param name             title
 * @param rareEarths       rare-earth names, in the order of the model's exchange constants
 * @param equilibrium      the mass-action model (its molar scale is {@link #feedRate()}, mol/h)
 * @param cation           the saponifying cation's name (Na or NH4)
 * @param feeds            the aqueous feeds, at least one
 * @param cascade          stage counts n and m
 * @param stripStages      p, 0 for none
 * @param flows            plant flows
 * @param preload          RE pre-loaded on the organic entering stage 1, or {@code null} for none
 * @param efficiency       Murphree efficiency of the extraction, scrubbing and stripping sections
 * @param raffinateTarget  target for the raffinate (B product), or {@code null}
 * @param stripTarget      target for the strip product (A product), or {@code null}
 * @param sideDraws        side draws, flows in L/h, at any stage of the three sections
 *                         ({@link #checkSideDraws}); {@code null} for none
 * @param solver           solver settings
 */
public record MassActionCase(String name, List<String> rareEarths, MassActionEquilibrium equilibrium, String cation,
                             List<MassActionFeed> feeds, Cascade cascade, int stripStages, MassActionFlows flows,
                             MassActionPreload preload, double[] efficiency, ProductTarget raffinateTarget,
                             ProductTarget stripTarget, SideDraws sideDraws, SolverSettings solver)
        implements ModelCase {
    public MassActionCase {
        rareEarths = List.copyOf(rareEarths);
        efficiency = efficiency.clone();
        if (feeds == null || feeds.isEmpty()) {
            throw new InvalidInputException("feeds", "(none)", "at least one aqueous feed (feed: or feeds:)");
        }
        feeds = List.copyOf(feeds);
        for (int i = 0; i < feeds.size(); i++) {
            MassActionFeed fd = feeds.get(i);
            if (fd.feed().composition().length != rareEarths.size()) {
                throw new InvalidInputException(feedField(feeds, i) + ".composition",
                        fd.feed().composition().length + " fractions", "one per rare earth (" + rareEarths.size() + ")");
            }
            if (fd.stage() != null) {
                MassActionFeed.checkStage(feedField(feeds, i) + ".stage", fd.stage(), cascade);
            }
        }
        int top = cascade.totalStages();
        checkLayout(cascade, stripStages, flows,
                feeds.stream().anyMatch(fd -> fd.stageIn(cascade.extractionStages()) == top));
        if (preload != null) {
            if (preload.composition().length != rareEarths.size()) {
                throw new InvalidInputException("flows.preload.composition", preload.composition().length
                        + " fractions", "one per rare earth (" + rareEarths.size() + ")");
            }
            if (!equilibrium.preloadFits(flows.saponification(), preload.concentration())) {
                throw new InvalidInputException("flows.preload.concentration", preload.concentration(),
                        equilibrium.preloadRange(flows.saponification()));
            }
        }
        String[] sections = {"extraction", "scrub", "strip"};
        for (int i = 0; i < 3; i++) {
            StageOptions.checkEfficiency("efficiency." + sections[i], efficiency[i]);
        }
        sideDraws = sideDraws == null ? SideDraws.NONE : sideDraws;
        checkSideDraws(sideDraws, cascade, stripStages);
        if (solver == null) {
            solver = SolverSettings.defaults();
        }
        if (solver.method() != SolverSettings.Method.NEWTON) {
            throw new InvalidInputException("solver.method", "rows", "newton for model mass-action");
        }
    }

    /**
     * Throws unless stage counts and flows fit together: p strip stages within the stage limit, a
     * strip flow with strip stages and none (nor reflux) without, and with scrub stages some
     * aqueous to scrub with (fresh scrub acid, reflux, or a feed at stage n + m).
     *
     * @param feedOnTop whether an aqueous feed enters stage n + m
     */
    public static void checkLayout(Cascade cascade, int stripStages, MassActionFlows flows, boolean feedOnTop) {
        if (stripStages < 0 || cascade.totalStages() + stripStages > Cascade.MAX_STAGES) {
            throw new InvalidInputException("cascade.stripStages", stripStages,
                    "an integer from 0 to " + (Cascade.MAX_STAGES - cascade.totalStages()));
        }
        if (stripStages > 0 && !(flows.stripFlow() > 0)) {
            throw new InvalidInputException("flows.stripFlow", flows.stripFlow(),
                    "greater than 0 L/h when there are strip stages");
        }
        if (stripStages == 0 && (flows.stripFlow() > 0 || flows.reflux() > 0)) {
            throw new InvalidInputException(flows.reflux() > 0 ? "flows.reflux" : "flows.stripFlow",
                    flows.reflux() > 0 ? flows.reflux() : flows.stripFlow(),
                    "0 without strip stages (cascade.stripStages)");
        }
        int top = cascade.totalStages();
        if (cascade.scrubStages() > 0 && !(flows.scrubFlow() > 0) && !(flows.reflux() > 0) && !feedOnTop) {
            throw new InvalidInputException("flows.scrubFlow", flows.scrubFlow(),
                    "greater than 0 L/h, a reflux above 0, or a feed at stage n + m = " + top
                            + ", when there are scrub stages");
        }
    }

    /** Names of the cascade's own products, which side draws may not take. */
    private static final List<String> OWN_PRODUCTS = List.of("raffinate", "strip liquor", "stripped organic",
            "loaded organic");

    /**
     * One product stream of the cascade, in the order reports list them ({@link #outlets()}).
     *
     * @param name   raffinate, strip liquor, stripped organic, loaded organic (without strip stages),
     *               or a side draw's name
     * @param phase  the phase it leaves in
     * @param stage  the stage whose outflow it is (part of)
     * @param target its purity/recovery target, or {@code null}
     * @param drawn  whether it is the drawn-off part of that outflow (the strip liquor and side
     *               draws: the network's draw fraction) rather than what is left of it (the
     *               raffinate and the organic leaving stage N: 1 − the draw fraction, i.e. all)
     */
    public record Outlet(String name, FeedPhase phase, int stage, ProductTarget target, boolean drawn) {
        /** Whether it is an organic stream. */
        public boolean organic() {
            return phase == FeedPhase.ORGANIC;
        }
    }

    /**
     * Throws unless every side draw can be taken: an organic draw at stages 1 … N − 1, an aqueous
     * one at 2 … N ({@link SideDraw#checkStage}), but not the aqueous of stage n + m + 1 when there
     * are strip stages (that is the strip liquor, already split by {@code flows.reflux}), and no
     * draw named like one of the cascade's own products. Flows are checked against the phase
     * flows by the stage network.
     */
    static void checkSideDraws(SideDraws draws, Cascade cascade, int stripStages) {
        int total = cascade.totalStages() + stripStages;
        for (int i = 0; i < draws.size(); i++) {
            SideDraw d = draws.draws().get(i);
            SideDraw.checkStage("sideDraws[" + i + "].stage", d.stage(), d.phase(), total);
            int liquor = cascade.totalStages() + 1;
            if (stripStages > 0 && d.phase() == FeedPhase.AQUEOUS && d.stage() == liquor) {
                throw new InvalidInputException("sideDraws[" + i + "].stage", d.stage(), "an aqueous draw at a stage "
                        + "other than n + m + 1 = " + liquor + ", whose aqueous is the strip liquor (set flows.reflux "
                        + "to take more or less of it)");
            }
            if (OWN_PRODUCTS.contains(draws.names().get(i))) {
                throw new InvalidInputException("sideDraws[" + i + "].name", draws.names().get(i),
                        "a name other than the cascade's own products (" + String.join(", ", OWN_PRODUCTS) + ")");
            }
        }
    }

    /**
     * The products, as every report lists them: the raffinate (aqueous, stage 1); with strip
     * stages the strip liquor (aqueous, stage n + m + 1, the part not refluxed) and the stripped
     * organic (stage N), else the loaded organic (stage N); then each side draw.
     */
    public List<Outlet> outlets() {
        int n = cascade.extractionStages();
        int m = cascade.scrubStages();
        int total = totalStages();
        List<Outlet> list = new ArrayList<>();
        list.add(new Outlet("raffinate", FeedPhase.AQUEOUS, 1, raffinateTarget, false));
        if (stripStages > 0) {
            list.add(new Outlet("strip liquor", FeedPhase.AQUEOUS, n + m + 1, stripTarget, true));
            list.add(new Outlet("stripped organic", FeedPhase.ORGANIC, total, null, false));
        } else {
            list.add(new Outlet("loaded organic", FeedPhase.ORGANIC, total, stripTarget, false));
        }
        for (int i = 0; i < sideDraws.size(); i++) {
            SideDraw d = sideDraws.draws().get(i);
            list.add(new Outlet(sideDraws.names().get(i), d.phase(), d.stage(), sideDraws.targets().get(i), true));
        }
        return List.copyOf(list);
    }

    /**
     * The case with one aqueous feed at stage n and no pre-load (the form before several feeds and
     * the pre-load existed).
     *
     * @param feed        the aqueous feed: composition, flow (L/h) and RE concentration (mol/L)
     * @param feedAcidity free acid of the feed, mol/L H⁺
     */
    public MassActionCase(String name, List<String> rareEarths, MassActionEquilibrium equilibrium, String cation,
                          Feed feed, double feedAcidity, Cascade cascade, int stripStages, MassActionFlows flows,
                          double[] efficiency, ProductTarget raffinateTarget, ProductTarget stripTarget,
                          SolverSettings solver) {
        this(name, rareEarths, equilibrium, cation, List.of(single(feed, feedAcidity)), cascade, stripStages, flows,
                null, efficiency, raffinateTarget, stripTarget, SideDraws.NONE, solver);
    }

    private static MassActionFeed single(Feed feed, double acidity) {
        try {
            return new MassActionFeed(feed, acidity);
        } catch (InvalidInputException e) {
            throw e.under("feed");
        }
    }

    /** The path of feed i in messages: {@code feed} for a single feed at stage n, else {@code feeds[i]}. */
    private static String feedField(List<MassActionFeed> feeds, int i) {
        return feeds.size() == 1 && feeds.get(0).stage() == null ? "feed" : "feeds[" + i + "]";
    }

    /** This case with other plant flows (everything else, including the feeds and pre-load, kept). */
    public MassActionCase withFlows(MassActionFlows newFlows) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feeds, cascade, stripStages, newFlows, preload,
                efficiency, raffinateTarget, stripTarget, sideDraws, solver);
    }

    /**
     * This case with other stage counts (everything else kept; a feed without a stage of its own
     * moves with n, a feed with one stays on it).
     */
    public MassActionCase withStages(Cascade newCascade, int newStripStages) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feeds, newCascade, newStripStages, flows,
                preload, efficiency, raffinateTarget, stripTarget, sideDraws, solver);
    }

    /** This case with other solver settings (everything else kept). */
    public MassActionCase withSolver(SolverSettings newSolver) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feeds, cascade, stripStages, flows, preload,
                efficiency, raffinateTarget, stripTarget, sideDraws, newSolver);
    }

    /** This case with other aqueous feeds (everything else kept; the equilibrium's molar scale is not changed). */
    public MassActionCase withFeeds(List<MassActionFeed> newFeeds) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, newFeeds, cascade, stripStages, flows, preload,
                efficiency, raffinateTarget, stripTarget, sideDraws, solver);
    }

    /** This case with another equilibrium model (e.g. another molar scale; everything else kept). */
    public MassActionCase withEquilibrium(MassActionEquilibrium newEquilibrium) {
        return new MassActionCase(name, rareEarths, newEquilibrium, cation, feeds, cascade, stripStages, flows, preload,
                efficiency, raffinateTarget, stripTarget, sideDraws, solver);
    }

    /** This case with another pre-load ({@code null} for none; everything else kept). */
    public MassActionCase withPreload(MassActionPreload newPreload) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feeds, cascade, stripStages, flows, newPreload,
                efficiency, raffinateTarget, stripTarget, sideDraws, solver);
    }

    /** This case with other side draws ({@code null} for none; everything else kept). */
    public MassActionCase withSideDraws(SideDraws newDraws) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feeds, cascade, stripStages, flows, preload,
                efficiency, raffinateTarget, stripTarget, newDraws, solver);
    }

    /** Total stages N = n + m + p. */
    public int totalStages() {
        return cascade.totalStages() + stripStages;
    }

    /** The stage feed i enters (1 … n + m). */
    public int feedStage(int i) {
        return feeds.get(i).stageIn(cascade.extractionStages());
    }

    /** The RE flow of all aqueous feeds together, mol/h: the unit of every component flow. */
    public double feedRate() {
        double sum = 0;
        for (MassActionFeed fd : feeds) {
            sum += fd.rareEarthRate();
        }
        return sum;
    }

    /**
     * The aqueous feed: with one feed, that feed; with several, their mixture (flows added, RE
     * concentration total RE over total flow, composition of the RE fed). Stages are in {@link #feeds()}.
     */
    public Feed feed() {
        if (feeds.size() == 1) {
            return feeds.get(0).feed();
        }
        double flow = 0;
        double[] re = new double[rareEarths.size()];
        for (MassActionFeed fd : feeds) {
            flow += fd.flow();
            double[] z = fd.feed().composition();
            for (int j = 0; j < re.length; j++) {
                re[j] += z[j] * fd.rareEarthRate();
            }
        }
        double total = feedRate();
        double[] z = new double[re.length];
        for (int j = 0; j < re.length; j++) {
            z[j] = re[j] / total;
        }
        return new Feed(FeedPhase.AQUEOUS, z, flow, total / flow);
    }

    /** Free acid of the feed (mol/L H⁺): with several, of their mixture (acid added, over the total flow). */
    public double feedAcidity() {
        if (feeds.size() == 1) {
            return feeds.get(0).acidity();
        }
        double acid = 0;
        double flow = 0;
        for (MassActionFeed fd : feeds) {
            acid += fd.acidity() * fd.flow();
            flow += fd.flow();
        }
        return acid / flow;
    }

    /** The report name of feed i: its own, else "feed" (one feed) or "feed 1", "feed 2", …. */
    public String feedName(int i) {
        String own = feeds.get(i).name();
        return own != null ? own : feeds.size() == 1 ? "feed" : "feed " + (i + 1);
    }

    /**
     * Acid used, mol H⁺ per mol RE fed: the HCl of the fresh scrub and strip acids (the feeds' own
     * free acid is not counted).
     */
    public double acidPerMolFed() {
        return (flows.scrubFlow() * flows.scrubAcidity() + flows.stripFlow() * flows.stripAcidity()) / feedRate();
    }

    /**
     * Saponifying base used, mol per mol RE fed: the cation put on the organic entering stage 1,
     * saponification × 2C mol/L of HA (C counts the dimer) × organic flow, before any pre-load
     * exchanges part of it for RE.
     */
    public double basePerMolFed() {
        return flows.organicFlow() * 2 * equilibrium.extractantConcentration() * flows.saponification() / feedRate();
    }

    /** RE pre-loaded on the organic, mol/h (0 without a pre-load). */
    public double preloadRate() {
        return preload == null ? 0 : preload.concentration() * flows.organicFlow();
    }

    /** Component flows (units of {@link #feedRate()}) of the organic entering stage 1: saponified, then pre-loaded. */
    public double[] organicInlet() {
        return preload == null ? equilibrium.saponifiedOrganic(flows.saponification(), flows.organicFlow())
                : equilibrium.preloadedOrganic(flows.saponification(), flows.organicFlow(),
                        preload.rareEarthConcentrations());
    }

    @Override
    public double[] efficiency() {
        return efficiency.clone();
    }

    /** The stage network of this case, as {@code simulate} solves it. */
    @Override
    public org.sxcascade.solver.CascadeNetwork network() {
        return org.sxcascade.solver.CascadeNetwork.massAction(this);
    }

    /** The report's view of a solved steady state of this case ({@link MassActionCaseView}). */
    @Override
    public CaseView view(org.sxcascade.solver.CascadeNetwork network, org.sxcascade.solver.SteadyState state) {
        return new MassActionCaseView(this, network, state);
    }
}
