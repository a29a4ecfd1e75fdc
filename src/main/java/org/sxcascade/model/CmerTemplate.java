package org.sxcascade.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.report.Formats;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * A CMER cascade of a flowsheet ({@code model: separation-factors}, docs/flowsheets.md): stages
 * 1 … n extract, n + 1 … N scrub; flows are in mol RE per mol of total fresh RE fed to the
 * flowsheet. Aqueous inlets enter stage n by default, organic ones n + 1. Outlets: the raffinate
 * (aqueous, stage 1), the loaded organic (stage N) and each side draw.
 *
 * @param extractionStages     n: stages 1 … n
 * @param scrubStages          m: stages n + 1 … N, at least 1
 * @param extractant           S: RE carried by the organic leaving stage 1, &gt; 0
 * @param acidScrub            W: RE stripped from the organic at stage N by an acid scrub, ≥ 0 (0
 *                             when the scrub liquor is a RE stream, an inlet at stage N)
 * @param extractionEfficiency Murphree efficiency (organic phase) of stages 1 … n, in (0, 1]
 * @param scrubEfficiency      Murphree efficiency of stages n + 1 … N, in (0, 1]
 * @param draws                its side draws (flows in mol RE per mol of fresh RE)
 * @param drawNames            one outlet name per side draw
 */
public record CmerTemplate(int extractionStages, int scrubStages, double extractant, double acidScrub,
                           double extractionEfficiency, double scrubEfficiency, List<SideDraw> draws,
                           List<String> drawNames) implements CascadeTemplate {

    public CmerTemplate {
        if (scrubStages < 1) {
            throw new InvalidInputException("scrubStages", scrubStages, "an integer from 1 to "
                    + (Cascade.MAX_STAGES - Math.max(1, extractionStages)));
        }
        new Cascade(extractionStages, scrubStages); // ranges
        InvalidInputException.requirePositive("extractant", extractant, "mol RE per mol RE fed");
        if (!(acidScrub >= 0) || !Double.isFinite(acidScrub)) {
            throw new InvalidInputException("acidScrub", acidScrub, "a finite number ≥ 0 (mol RE per mol RE fed)");
        }
        if (!(extractionEfficiency > 0 && extractionEfficiency <= 1)) {
            throw new InvalidInputException("efficiency.extraction", extractionEfficiency, "a number in (0, 1]");
        }
        if (!(scrubEfficiency > 0 && scrubEfficiency <= 1)) {
            throw new InvalidInputException("efficiency.scrub", scrubEfficiency, "a number in (0, 1]");
        }
        draws = List.copyOf(draws);
        drawNames = List.copyOf(drawNames);
        if (drawNames.size() != draws.size()) {
            throw new IllegalArgumentException("one name per side draw");
        }
        int total = extractionStages + scrubStages;
        Set<String> names = new HashSet<>();
        for (int k = 0; k < draws.size(); k++) {
            SideDraw d = draws.get(k);
            SideDraw.checkStage("sideDraws[" + k + "].stage", d.stage(), d.phase(), total);
            if (!names.add(drawNames.get(k))) {
                throw new InvalidInputException("sideDraws[" + k + "].name", drawNames.get(k),
                        "a name not used by another draw of this cascade");
            }
        }
    }

    /** A cascade with equilibrium stages and no side draws. */
    public CmerTemplate(int extractionStages, int scrubStages, double extractant, double acidScrub) {
        this(extractionStages, scrubStages, extractant, acidScrub, 1.0, 1.0, List.of(), List.of());
    }

    @Override
    public boolean fits(EquilibriumModel equilibrium) {
        return equilibrium instanceof ConstantSeparationFactors;
    }

    /** N = n + m. */
    @Override
    public int totalStages() {
        return extractionStages + scrubStages;
    }

    /** The stage an inlet enters: its own, or n (aqueous) or n + 1 (organic). */
    @Override
    public int stageOf(FeedPhase phase, Integer stage) {
        if (stage != null) {
            return stage;
        }
        return phase == FeedPhase.AQUEOUS ? extractionStages : extractionStages + 1;
    }

    /** At least one inlet, of either phase, at stages 1 … N. */
    @Override
    public void checkInlets(List<Placement> inlets) {
        if (inlets.isEmpty()) {
            throw new InvalidInputException("inlets", "(empty)", "at least one inlet");
        }
        int total = totalStages();
        for (int k = 0; k < inlets.size(); k++) {
            Integer stage = inlets.get(k).stage();
            if (stage != null && stage > total) {
                throw new InvalidInputException("inlets[" + k + "].stage", stage,
                        "a stage from 1 to " + total + " (N = " + extractionStages + " + " + scrubStages + ")");
            }
        }
    }

    /** Whether every stage is an equilibrium stage. */
    public boolean idealStages() {
        return extractionEfficiency == 1.0 && scrubEfficiency == 1.0;
    }

    /** Murphree efficiency of every stage, for {@code CascadeNetwork.withEfficiency}. */
    public double[] stageEfficiencies() {
        double[] e = new double[totalStages()];
        for (int k = 0; k < e.length; k++) {
            e[k] = k < extractionStages ? extractionEfficiency : scrubEfficiency;
        }
        return e;
    }

    /** The raffinate, the loaded organic, then each side draw. */
    @Override
    public List<Outlet> outlets() {
        List<Outlet> list = new ArrayList<>();
        list.add(new Outlet(RAFFINATE, "raffinate", FeedPhase.AQUEOUS, 1));
        list.add(new Outlet(ORGANIC, "loaded organic", FeedPhase.ORGANIC, totalStages()));
        for (int d = 0; d < draws.size(); d++) {
            list.add(new Outlet(drawNames.get(d), "side draw", draws.get(d).phase(), draws.get(d).stage()));
        }
        return list;
    }

    @Override
    public String section(int stage) {
        return stage <= extractionStages ? "extraction" : "scrub";
    }

    @Override
    public String stagesText() {
        return extractionStages + " + " + scrubStages + " = " + totalStages();
    }

    /**
     * RE totals (the flowsheet's metal balance): organic product = S + Σ organic inlets − W − Σ
     * organic draws, raffinate = Σ aqueous inlets + W − S − Σ aqueous draws, draws as given.
     */
    @Override
    public double[] outletTotals(double aqueousIn, double organicIn) {
        double[] total = new double[2 + draws.size()];
        double drawnOrg = 0;
        double drawnAq = 0;
        for (int d = 0; d < draws.size(); d++) {
            SideDraw draw = draws.get(d);
            total[2 + d] = draw.flow();
            if (draw.phase() == FeedPhase.ORGANIC) {
                drawnOrg += draw.flow();
            } else {
                drawnAq += draw.flow();
            }
        }
        total[1] = extractant + organicIn - acidScrub - drawnOrg;
        total[0] = aqueousIn + acidScrub - extractant - drawnAq;
        return total;
    }

    /** Both products must carry RE: the raffinate and the loaded organic, each a positive RE flow. */
    @Override
    public void checkOutletTotals(double[] totals, List<String> names) {
        for (int o = 0; o < 2; o++) {
            double total = totals[o];
            if (!(total > 0)) {
                boolean raffinate = o == 0;
                throw new InvalidInputException(raffinate ? "flows.extractant" : "flows.scrub",
                        CascadeTemplate.fmt(raffinate ? extractant : acidScrub), "flows that leave the " + (raffinate
                        ? "raffinate (Σ aqueous inlets + W − S − aqueous draws)"
                        : "loaded organic (S + Σ organic inlets − W − organic draws)") + " a positive RE flow; "
                        + "at steady state " + names.get(o) + " would carry " + CascadeTemplate.fmt(total));
            }
        }
    }

    /** Under CMER the phase flows follow from the inlets' RE totals alone. */
    @Override
    public boolean flowsFixedByTotals() {
        return true;
    }

    /**
     * {@link CascadeNetwork#cmer} with S, W, the inlets at their stages and the draws, and the
     * Murphree efficiencies when they are below 1.
     */
    @Override
    public CascadeNetwork network(EquilibriumModel equilibrium, List<String> components, String cation,
                                  List<NetworkInlet> inlets) {
        List<StageFeed> feedList = new ArrayList<>();
        for (NetworkInlet in : inlets) {
            feedList.add(StageFeed.ofMetal(in.stage(), in.phase(), in.flows()));
        }
        CascadeNetwork net = CascadeNetwork.cmer((ConstantSeparationFactors) equilibrium, totalStages(), extractant,
                acidScrub, feedList, draws).withComponentNames(components);
        return idealStages() ? net : net.withEfficiency(stageEfficiencies());
    }

    @Override
    public int listedComponents(CascadeNetwork network) {
        return network.components();
    }

    /** A side draw: its RE flow's share of the phase leaving its stage. */
    @Override
    public double drawnFlow(int o, CascadeNetwork network, SteadyState state, int j) {
        return CascadeTemplate.drawn(draws.get(o - 2), network, state, j);
    }

    /**
     * The builder's error with the cascade's path ({@code flows.extractant} as {@code extractant},
     * {@code flows.scrub} as {@code acidScrub}), its S and W and the inlets' RE totals from the
     * flowsheet's metal balance, and a hint when no scrub liquor enters stage N.
     */
    @Override
    public InvalidInputException error(String path, String name, InvalidInputException e, String inlets,
                                       boolean aqueousAtTop) {
        String field = e.field();
        if (field.equals("flows.extractant")) {
            field = path + ".extractant";
        } else if (field.equals("flows.scrub")) {
            field = path + ".acidScrub";
        } else {
            field = path + "." + field;
        }
        boolean scrubLiquor = acidScrub > 0 || aqueousAtTop;
        String hint = scrubLiquor ? "" : "; no aqueous enters stage N = " + totalStages() + ": with acidScrub 0 "
                + "the scrub liquor must be an aqueous inlet at stage " + totalStages();
        return new InvalidInputException(field, e.value(), e.allowed() + " (cascade " + name + " with S = "
                + CascadeTemplate.fmt(extractant) + ", W = " + CascadeTemplate.fmt(acidScrub) + " and, from the "
                + "flowsheet's metal balance, inlets " + inlets + " mol RE per mol RE fed" + hint + ")");
    }

    @Override
    public String reportHeading() {
        return "Cascades (S, W in " + CascadeCaseView.FLOW_UNIT_CMER + ")";
    }

    @Override
    public List<String> reportHeads() {
        return List.of("S", "W", "efficiency");
    }

    @Override
    public List<String> reportCells() {
        return List.of(Formats.fixed(extractant), Formats.fixed(acidScrub), idealStages() ? "1"
                : Formats.general(extractionEfficiency) + " / " + Formats.general(scrubEfficiency));
    }

    @Override
    public Map<String, Object> reportJson() {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("extractionStages", extractionStages);
        o.put("scrubStages", scrubStages);
        o.put("totalStages", totalStages());
        o.put("extractant", extractant);
        o.put("acidScrub", acidScrub);
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("extraction", extractionEfficiency);
        e.put("scrub", scrubEfficiency);
        o.put("efficiency", e);
        return o;
    }

    @Override
    public List<Map<String, Object>> drawsJson() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int d = 0; d < draws.size(); d++) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", drawNames.get(d));
            o.put("stage", draws.get(d).stage());
            o.put("phase", draws.get(d).phase().label());
            o.put("flow", draws.get(d).flow());
            list.add(o);
        }
        return list;
    }
}
