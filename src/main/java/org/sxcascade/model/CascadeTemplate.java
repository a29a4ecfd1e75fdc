package org.sxcascade.model;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * What one cascade of a flowsheet is apart from the streams linked into it, for any equilibrium
 * model: its stages and sections, its own flows, its outlets, and how it is built as a stage network
 * given its inlets. A flowsheet unit ({@code flowsheet/FlowsheetUnit}) is a name, its inlets and a
 * template; the flowsheet, its solver and its report see every model through this interface.
 * Implementations: {@link CmerTemplate} (constant separation factors, RE flows in mol per mol of
 * fresh RE) and {@link MassActionTemplate} (mass action, plant flows in L/h and mol/L).
 *
 * <p>A stream's <em>fixed total</em> is what the flowsheet's affine balance fixes before anything
 * is solved: its RE flow under CMER (the phase flows depend only on the inlets' RE totals), its
 * volume (L/h) under mass action (the phase volumes depend only on the inlets' volumes).
 */
public interface CascadeTemplate {
    /** Outlet name of the aqueous leaving stage 1. */
    String RAFFINATE = "raffinate";
    /** Outlet name of the organic leaving stage N. */
    String ORGANIC = "organic";

    /**
     * One stream leaving the cascade.
     *
     * @param name  its name within the cascade (the flowsheet calls it {@code <cascade>.<name>})
     * @param kind  what it is, in words: raffinate, loaded organic, stripped organic, strip liquor, side draw
     * @param phase the phase it leaves in
     * @param stage the stage whose outflow it is (part of)
     */
    record Outlet(String name, String kind, FeedPhase phase, int stage) {
    }

    /** Where an inlet goes: its phase and its own stage, or {@code null} for the default. */
    record Placement(FeedPhase phase, Integer stage) {
    }

    /**
     * An inlet as the network is built with it.
     *
     * @param stage the stage it enters
     * @param phase the phase it joins
     * @param total its fixed total (RE flow or volume, as the model fixes it)
     * @param flows its component flows, mol per mol of total fresh RE (the flowsheet's stream components)
     */
    record NetworkInlet(int stage, FeedPhase phase, double total, double[] flows) {
    }

    /** Whether this template belongs in a flowsheet of the given model. */
    boolean fits(EquilibriumModel equilibrium);

    /** Total stages N. */
    int totalStages();

    /** The stage an inlet of the given phase enters: its own, or the model's default. */
    int stageOf(FeedPhase phase, Integer stage);

    /**
     * Throws unless the inlets can enter this cascade: phases the model takes, stages in range,
     * the layout fed where it must be. Fields are {@code inlets[k].…}.
     */
    void checkInlets(List<Placement> inlets);

    /** Its outlets: the raffinate, the organic leaving stage N, then any others (side draws, strip liquor). */
    List<Outlet> outlets();

    /** The section a stage (1-based) belongs to: extraction, scrub or strip. */
    String section(int stage);

    /** Stage counts in words, e.g. {@code 14 + 14 = 28} or {@code 14 + 14 + 6 = 34}. */
    String stagesText();

    /**
     * The fixed totals of the outlets ({@link #outlets()} order) at steady state, affine in the
     * inlets' fixed totals.
     *
     * @param aqueousIn sum of the aqueous inlets' fixed totals
     * @param organicIn sum of the organic inlets' fixed totals
     */
    double[] outletTotals(double aqueousIn, double organicIn);

    /**
     * Checks, before anything is solved, that the outlets' fixed totals leave the cascade workable,
     * e.g. positive RE flows in both CMER products (nothing to check by default).
     *
     * @param totals the outlets' fixed totals
     * @param names  the outlets' names in the flowsheet, {@code <cascade>.<outlet>}
     */
    default void checkOutletTotals(double[] totals, List<String> names) {
    }

    /**
     * Whether the network built with the inlets' fixed totals alone (any composition) already
     * decides whether every stage has flow, so that the flowsheet checks it when it is built.
     */
    default boolean flowsFixedByTotals() {
        return false;
    }

    /**
     * The cascade's stage network with the given inlets.
     *
     * @param equilibrium the flowsheet's model (for mass action at the flowsheet's molar scale)
     * @param components  the listed components (rare earths)
     * @param cation      the saponifying cation (mass action), else {@code null}
     * @throws InvalidInputException when a stage would be left without flow (fields relative to the cascade)
     */
    CascadeNetwork network(EquilibriumModel equilibrium, List<String> components, String cation,
                           List<NetworkInlet> inlets);

    /**
     * RE the cascade brings into the flowsheet itself, per listed component, mol per mol of total
     * fresh RE (a mass-action cascade's pre-loaded organic); none by default. The flowsheet's
     * closure and recoveries count it with the fresh feeds.
     *
     * @param equilibrium the flowsheet's model (mass action at the flowsheet's molar scale)
     * @param listed      the number of listed components
     */
    default double[] ownInflow(EquilibriumModel equilibrium, int listed) {
        return new double[listed];
    }

    /** How many of the network's components are the listed ones (the rare earths; the rest are H⁺, cation). */
    int listedComponents(CascadeNetwork network);

    /**
     * Component j of outlet o ({@link #outlets()} order) of the solved network: the aqueous leaving
     * stage 1 and the organic leaving stage N whole, the other outlets as {@link #drawnFlow}.
     */
    default double outletFlow(int o, CascadeNetwork network, SteadyState state, int j) {
        if (o == 0) {
            return state.aqueousFlow(1, j);
        }
        if (o == 1) {
            return state.organicFlow(totalStages(), j);
        }
        return drawnFlow(o, network, state, j);
    }

    /** Component j of outlet o ≥ 2 (a side draw, the strip liquor): its share of the phase leaving its stage. */
    double drawnFlow(int o, CascadeNetwork network, SteadyState state, int j);

    /**
     * An error of the network builder or of the outlet check, told as the flowsheet file says it.
     *
     * @param path          the cascade's path, {@code cascades[i]}
     * @param name          the cascade's name
     * @param e             the error (fields relative to the cascade)
     * @param inlets        the cascade's inlets with their fixed totals, in words
     * @param aqueousAtTop  whether an aqueous inlet enters stage N
     */
    default InvalidInputException error(String path, String name, InvalidInputException e, String inlets,
                                        boolean aqueousAtTop) {
        return e.under(path);
    }

    /** Heading line of the report's cascades table. */
    String reportHeading();

    /** The template's columns of the report's cascades table, between "stages" and "solver". */
    List<String> reportHeads();

    /** Cells under {@link #reportHeads()}. */
    List<String> reportCells();

    /** JSON fields of the cascade in the flowsheet report, after its name (stage counts, flows, efficiency). */
    Map<String, Object> reportJson();

    /** The cascade's side draws in the flowsheet report's JSON (name, stage, phase, flow); none by default. */
    default List<Map<String, Object>> drawsJson() {
        return List.of();
    }

    /**
     * Component j taken by a side draw off the solved network: the draw's flow as a share of the
     * phase flow leaving its stage, times that phase's component flow.
     */
    static double drawn(SideDraw draw, CascadeNetwork network, SteadyState state, int j) {
        if (draw.phase() == FeedPhase.ORGANIC) {
            return state.organicFlow(draw.stage(), j) * draw.flow() / network.organicFlow(draw.stage());
        }
        return state.aqueousFlow(draw.stage(), j) * draw.flow() / network.aqueousFlow(draw.stage());
    }

    /** A number in a message: nine significant digits, trailing zeros dropped. */
    static String fmt(double x) {
        return String.format(Locale.ROOT, "%.9g", x).replaceAll("(\\.\\d*?)0+$", "$1").replaceAll("\\.$", "");
    }
}
