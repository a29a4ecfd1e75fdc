package org.sxcascade.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.report.Formats;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * A mass-action cascade of a flowsheet ({@code model: mass-action}, docs/flowsheets.md): the
 * layout of a {@link MassActionCase} (stages 1 … n extract, n+1 … n+m scrub, n+m+1 … N strip;
 * saponified organic, optionally pre-loaded with RE, into stage 1, fresh scrub acid into n + m,
 * strip acid into N, strip liquor partly refluxed) whose feeds are the streams linked into it.
 * An aqueous inlet enters a stage 1 … n + m (default n) and brings its RE, its free acid and its
 * cation at its own volumetric flow. An organic inlet (a loaded or stripped organic of a cascade
 * of the same flowsheet, hence of the same extractant) enters a stage 1 … N (default 1, where it
 * joins the cascade's own organic, {@code flows.organicFlow}, saponified, perhaps pre-loaded; Xu's
 * organic feed enters n + 1) and flows up the cascade with the organic from there: its volume and
 * component flows (RE, M, H) are added to the organic of its stage, and the linked organic keeps the
 * cation it carries. Outlets: {@code raffinate} (aqueous, stage 1),
 * {@code organic} (the organic leaving stage N: the stripped organic with strip stages, else the
 * loaded organic), with strip stages {@code strip} (the strip liquor not refluxed, aqueous, stage
 * n + m + 1), then each side draw under its name, as in a mass-action case (flows in L/h; a draw
 * lowers the phase's volume downstream of it, the aqueous below the refluxed strip liquor by
 * reflux × its flow).
 *
 * @param cascade     n and m
 * @param stripStages p, 0 for none
 * @param flows       plant flows, L/h and mol/L as in a mass-action case; {@code organicFlow} is
 *                    the cascade's own organic, without the organic inlets
 * @param efficiency  Murphree efficiency of the extraction, scrubbing and stripping sections
 * @param sideDraws   side draws (flows in L/h) at stages as a mass-action case allows them
 * @param preload     RE pre-loaded on the cascade's own organic ({@link MassActionPreload}), or
 *                    {@code null} for none; the flowsheet's extractant must take it
 *                    ({@link MassActionEquilibrium#preloadFits}, checked when the network is built)
 */
public record MassActionTemplate(Cascade cascade, int stripStages, MassActionFlows flows, double[] efficiency,
                                 SideDraws sideDraws, MassActionPreload preload) implements CascadeTemplate {
    /** Outlet name of the strip liquor not refluxed. */
    public static final String STRIP = "strip";

    public MassActionTemplate {
        efficiency = efficiency.clone();
        String[] sections = {"extraction", "scrub", "strip"};
        for (int i = 0; i < 3; i++) {
            StageOptions.checkEfficiency("efficiency." + sections[i], efficiency[i]);
        }
        sideDraws = sideDraws == null ? SideDraws.NONE : sideDraws;
        MassActionCase.checkSideDraws(sideDraws, cascade, stripStages);
        for (int i = 0; i < sideDraws.size(); i++) {
            if (sideDraws.names().get(i).equals(STRIP)) {
                throw new InvalidInputException("sideDraws[" + i + "].name", STRIP, "a name other than raffinate, "
                        + "organic and strip (the cascade's own outlets)");
            }
        }
    }

    /** A cascade without a pre-load. */
    public MassActionTemplate(Cascade cascade, int stripStages, MassActionFlows flows, double[] efficiency,
                              SideDraws sideDraws) {
        this(cascade, stripStages, flows, efficiency, sideDraws, null);
    }

    /** A cascade without side draws and pre-load. */
    public MassActionTemplate(Cascade cascade, int stripStages, MassActionFlows flows, double[] efficiency) {
        this(cascade, stripStages, flows, efficiency, SideDraws.NONE, null);
    }

    @Override
    public double[] efficiency() {
        return efficiency.clone();
    }

    @Override
    public boolean fits(EquilibriumModel equilibrium) {
        return equilibrium instanceof MassActionEquilibrium;
    }

    @Override
    public int totalStages() {
        return cascade.totalStages() + stripStages;
    }

    /** The stage an inlet enters: its own, or n for an aqueous inlet and 1 for an organic one. */
    @Override
    public int stageOf(FeedPhase phase, Integer stage) {
        return stage != null ? stage : phase == FeedPhase.ORGANIC ? 1 : cascade.extractionStages();
    }

    /**
     * At least one aqueous inlet, each at a stage 1 … n + m, organic inlets at any stage 1 … N (the
     * strip stages included), and stage counts and flows that fit together
     * ({@link MassActionCase#checkLayout}, an aqueous inlet at stage n + m counting as scrub liquor).
     */
    @Override
    public void checkInlets(List<Placement> inlets) {
        int top = cascade.totalStages();
        boolean feedOnTop = false;
        boolean aqueous = false;
        for (int k = 0; k < inlets.size(); k++) {
            Placement in = inlets.get(k);
            if (in.phase() == FeedPhase.ORGANIC) {
                if (in.stage() != null && (in.stage() < 1 || in.stage() > totalStages())) {
                    throw new InvalidInputException("inlets[" + k + "].stage", in.stage(), "a stage from 1 to N = "
                            + totalStages() + " (" + stagesText() + "; an organic inlet joins the organic flowing up "
                            + "from its stage, default 1: with the cascade's own organic)");
                }
                continue;
            }
            aqueous = true;
            if (in.stage() != null) {
                MassActionFeed.checkStage("inlets[" + k + "].stage", in.stage(), cascade);
            }
            feedOnTop |= (in.stage() == null ? cascade.extractionStages() : in.stage()) == top;
        }
        if (!aqueous) {
            throw new InvalidInputException("inlets", inlets.isEmpty() ? "(empty)" : "organic inlets only",
                    "at least one aqueous inlet (stages 1 … n + m): the aqueous feed that the extraction section "
                            + "works on; organic inlets join the organic flowing up the cascade");
        }
        try {
            MassActionCase.checkLayout(cascade, stripStages, flows, feedOnTop);
        } catch (InvalidInputException e) {
            // a flowsheet's cascade has its stage counts at its own level, not under cascade:
            throw e.field().startsWith("cascade.") ? new InvalidInputException(e.field().substring(8), e.value(),
                    e.allowed()) : e;
        }
    }

    @Override
    public List<Outlet> outlets() {
        List<Outlet> list = new ArrayList<>();
        list.add(new Outlet(RAFFINATE, "raffinate", FeedPhase.AQUEOUS, 1));
        list.add(new Outlet(ORGANIC, stripStages > 0 ? "stripped organic" : "loaded organic", FeedPhase.ORGANIC,
                totalStages()));
        if (stripStages > 0) {
            list.add(new Outlet(STRIP, "strip liquor", FeedPhase.AQUEOUS, cascade.totalStages() + 1));
        }
        for (int i = 0; i < sideDraws.size(); i++) {
            SideDraw d = sideDraws.draws().get(i);
            list.add(new Outlet(sideDraws.names().get(i), "side draw", d.phase(), d.stage()));
        }
        return list;
    }

    @Override
    public String section(int stage) {
        int n = cascade.extractionStages();
        return stage <= n ? "extraction" : stage <= cascade.totalStages() ? "scrub" : "strip";
    }

    @Override
    public String stagesText() {
        return cascade.extractionStages() + " + " + cascade.scrubStages() + " + " + stripStages + " = " + totalStages();
    }

    /** Whether every stage is an equilibrium stage. */
    public boolean idealStages() {
        return efficiency[0] == 1.0 && efficiency[1] == 1.0 && efficiency[2] == 1.0;
    }

    /**
     * Volumes, L/h: raffinate = Σ aqueous inlets + scrub acid + reflux × strip acid, organic = the
     * own organic flow + Σ organic inlets, strip liquor = (1 − reflux) × strip acid, each side draw its flow. A draw lowers
     * the volume of its phase downstream of it by its flow ({@code CascadeNetwork.massAction}): an
     * organic draw the organic outlet; an aqueous draw in the strip section the strip liquor, so the
     * strip product by (1 − reflux) × its flow and the raffinate by reflux × its flow; an aqueous draw
     * below the strip liquor the raffinate.
     */
    @Override
    public double[] outletTotals(double aqueousIn, double organicIn) {
        int strip = stripStages > 0 ? 1 : 0;
        double[] total = new double[2 + strip + sideDraws.size()];
        double raffinate = aqueousIn + flows.scrubFlow() + flows.reflux() * flows.stripFlow();
        double organic = flows.organicFlow() + organicIn;
        double liquor = flows.stripFlow();
        for (int i = 0; i < sideDraws.size(); i++) {
            SideDraw d = sideDraws.draws().get(i);
            total[2 + strip + i] = d.flow();
            if (d.phase() == FeedPhase.ORGANIC) {
                organic -= d.flow();
            } else if (d.stage() > cascade.totalStages() + 1) {
                liquor -= d.flow();
                raffinate -= flows.reflux() * d.flow();
            } else {
                raffinate -= d.flow();
            }
        }
        total[0] = raffinate;
        total[1] = organic;
        if (stripStages > 0) {
            total[2] = (1 - flows.reflux()) * liquor;
        }
        return total;
    }

    /** Every outlet must keep a positive volume (side draws could take it all). */
    @Override
    public void checkOutletTotals(double[] totals, List<String> names) {
        for (int o = 0; o < totals.length; o++) {
            if (!(totals[o] > 0)) {
                throw new InvalidInputException("sideDraws", CascadeTemplate.fmt(totals[o]) + " L/h left in "
                        + names.get(o), "draws that leave every outlet a positive volume; at steady state "
                        + names.get(o) + " would carry " + CascadeTemplate.fmt(totals[o]) + " L/h");
            }
        }
    }

    /**
     * {@link CascadeNetwork#massAction(MassActionEquilibrium, List, String, Cascade, int,
     * MassActionFlows, double[], double[], List, List, SideDraws)} with its flows, the own organic
     * (saponified, pre-loaded if given) entering stage 1, each aqueous inlet an aqueous feed at its
     * volume and each organic inlet an organic inlet at its stage and volume (at stage 1 it joins
     * the own organic).
     */
    @Override
    public CascadeNetwork network(EquilibriumModel equilibrium, List<String> components, String cation,
                                  List<NetworkInlet> inlets) {
        MassActionEquilibrium eq = (MassActionEquilibrium) equilibrium;
        List<CascadeNetwork.AqueousInlet> aqueous = new ArrayList<>();
        List<CascadeNetwork.OrganicInlet> organic = new ArrayList<>();
        for (NetworkInlet inlet : inlets) {
            if (inlet.phase() == FeedPhase.ORGANIC) {
                organic.add(new CascadeNetwork.OrganicInlet(inlet.stage(), inlet.total(), inlet.flows()));
            } else {
                aqueous.add(new CascadeNetwork.AqueousInlet(inlet.stage(), inlet.total(), inlet.flows()));
            }
        }
        return CascadeNetwork.massAction(eq, components, cation, cascade, stripStages, flows, ownOrganic(eq),
                efficiency, aqueous, organic, sideDraws);
    }

    /** Component flows of the cascade's own organic entering stage 1: saponified, then pre-loaded if given. */
    private double[] ownOrganic(MassActionEquilibrium eq) {
        if (preload == null) {
            return eq.saponifiedOrganic(flows.saponification(), flows.organicFlow());
        }
        try {
            return eq.preloadedOrganic(flows.saponification(), flows.organicFlow(), preload.rareEarthConcentrations());
        } catch (InvalidInputException e) {
            throw new InvalidInputException("flows.preload.concentration", preload.concentration(), e.allowed());
        }
    }

    /** The RE pre-loaded on the cascade's own organic, per rare earth (none without a pre-load). */
    @Override
    public double[] ownInflow(EquilibriumModel equilibrium, int listed) {
        double[] re = new double[listed];
        if (preload != null) {
            System.arraycopy(ownOrganic((MassActionEquilibrium) equilibrium), 0, re, 0, listed);
        }
        return re;
    }

    /** The rare earths: all of the network's components but the cation and H. */
    @Override
    public int listedComponents(CascadeNetwork network) {
        return network.components() - 2;
    }

    /**
     * The strip liquor: its drawn share (1 − reflux) of the aqueous leaving stage n + m + 1; a side
     * draw: its flow's share of the phase leaving its stage.
     */
    @Override
    public double drawnFlow(int o, CascadeNetwork network, SteadyState state, int j) {
        if (stripStages > 0 && o == 2) {
            int stage = cascade.totalStages() + 1;
            return state.aqueousFlow(stage, j) * network.share(FeedPhase.AQUEOUS, stage, true);
        }
        return CascadeTemplate.drawn(sideDraws.draws().get(o - 2 - (stripStages > 0 ? 1 : 0)), network, state, j);
    }

    @Override
    public List<Map<String, Object>> drawsJson() {
        return sideDraws.toJson("L/h");
    }

    @Override
    public String reportHeading() {
        return "Cascades (stages n + m + p = N; flows in L/h, acidities in mol/L H+)";
    }

    @Override
    public List<String> reportHeads() {
        return List.of("organic", "saponification", "scrub acid", "strip acid", "reflux", "efficiency");
    }

    @Override
    public List<String> reportCells() {
        return List.of(Formats.general(flows.organicFlow()), Formats.general(flows.saponification())
                        + (preload == null ? "" : ", pre-load " + Formats.general(preload.concentration()) + " mol/L"),
                Formats.general(flows.scrubFlow()) + " × " + Formats.general(flows.scrubAcidity()),
                Formats.general(flows.stripFlow()) + " × " + Formats.general(flows.stripAcidity()),
                Formats.general(flows.reflux()), idealStages() ? "1" : Formats.general(efficiency[0]) + " / "
                        + Formats.general(efficiency[1]) + " / " + Formats.general(efficiency[2]));
    }

    @Override
    public Map<String, Object> reportJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("extractionStages", cascade.extractionStages());
        o.put("scrubStages", cascade.scrubStages());
        o.put("stripStages", stripStages);
        o.put("totalStages", totalStages());
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("organicFlow", flows.organicFlow());
        f.put("saponification", flows.saponification());
        f.put("scrubFlow", flows.scrubFlow());
        f.put("scrubAcidity", flows.scrubAcidity());
        f.put("stripFlow", flows.stripFlow());
        f.put("stripAcidity", flows.stripAcidity());
        f.put("reflux", flows.reflux());
        if (preload != null) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("concentration", preload.concentration());
            p.put("composition", preload.composition());
            f.put("preload", p);
        }
        o.put("flows", f);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("extraction", efficiency[0]);
        e.put("scrub", efficiency[1]);
        e.put("strip", efficiency[2]);
        o.put("efficiency", e);
        return o;
    }
}
