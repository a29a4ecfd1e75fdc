package org.sxcascade.model;

import java.util.List;
import java.util.Map;
import org.sxcascade.equilibrium.EquilibriumModel;

/**
 * How the streams of a flowsheet of linked cascades are represented and fixed under its
 * equilibrium model, for the flowsheet, its solver and its report ({@code flowsheet/}), which see
 * the model only through this interface and the cascades' {@link CascadeTemplate}s.
 * Implementations: {@link CmerStreams} (a stream is its RE component flows; its RE total is fixed
 * by the metal balance) and {@link MassActionStreams} (a stream also carries the cation and free
 * acid; its volume is fixed by the volume balance).
 */
public interface StreamModel {

    /**
     * A number column of the report's inlets table beyond the RE flows.
     *
     * @param text     its heading in the text table (values written with six significant digits)
     * @param key      its JSON field
     * @param quantity its value
     */
    record InletColumn(String text, String key, StreamQuantity quantity) {
    }

    /** A quantity of a stream. */
    @FunctionalInterface
    interface StreamQuantity {
        /**
         * @param flows     its component flows, mol per mol of fresh RE
         * @param total     its fixed total (volume, L/h, under mass action)
         * @param feedTotal the fresh RE, mol per unit time
         * @param phase     the phase it joins
         * @return the quantity, NaN where it has no meaning in that phase (printed as -, JSON null)
         */
        double of(double[] flows, double total, double feedTotal, FeedPhase phase);
    }

    /** The equilibrium model (for mass action at the flowsheet's molar scale once {@link #atFeedTotal}). */
    EquilibriumModel equilibrium();

    /** This model for a flowsheet whose fresh feeds bring {@code feedTotal} mol RE per unit time. */
    StreamModel atFeedTotal(double feedTotal);

    /** Number of listed components (rare earths) the model has parameters for. */
    int listedCount();

    /** The saponifying cation's name, or {@code null} where the model has none. */
    String cation();

    /** The model in messages: {@code CMER}, {@code mass-action}. */
    String label();

    /** The model as written in a flowsheet file, {@code model: …}. */
    String key();

    /** Whether fresh feeds are aqueous solutions (flow, concentration, acidity) rather than amounts of RE. */
    boolean solutionFeeds();

    /** What a fresh feed must be, for a message. */
    String feedRule();

    /** What the fixed total of a stream is, in a message ("an RE", "a volume (L/h)") . */
    String totalWords();

    /**
     * Throws unless an inlet joining {@code inletPhase} may read a stream leaving in
     * {@code sourcePhase} (nothing is refused by default: under CMER a stream is its RE, whichever
     * phase it leaves in; mass action links a phase only into the same phase).
     *
     * @param field       the inlet's {@code from} path
     * @param from        the stream's name
     * @param sourcePhase the phase the stream leaves in, {@code null} for a fresh feed
     * @param inletPhase  the phase the inlet joins
     */
    default void checkLink(String field, String from, FeedPhase sourcePhase, FeedPhase inletPhase) {
    }

    /** The components a stream carries, in the order of its component flows: the listed ones and any others. */
    List<String> streamComponents(List<String> components);

    /**
     * Component flows of a fresh feed, mol per mol of total fresh RE.
     *
     * @param share         its share of the fresh RE
     * @param composition   its RE mole fractions
     * @param flow          its solution's flow, L/h ({@link #solutionFeeds()})
     * @param concentration its RE concentration, mol/L
     * @param acidity       its free acid, mol/L
     */
    double[] freshStream(double share, double[] composition, double flow, double concentration, double acidity);

    /**
     * Whether a stream's fixed total is the sum of its component flows (CMER: its RE total), so that
     * torn streams are rescaled to it and a sharp-split start can be built from the totals alone.
     */
    boolean exactTotals();

    /** Component j's extractability for the sharp-split start (larger goes to the organic). */
    double extractability(int j);

    /**
     * A torn stream's first guess with the composition {@code z} of the fed RE.
     *
     * @param fixedTotal  its fixed total
     * @param feedTotal   the fresh RE, mol per unit time
     * @param feedVolume  the fresh feeds' volume, L/h (solution feeds)
     * @param feedAcid    their free acid, mol H⁺ per unit time (solution feeds)
     * @param phase       the phase it leaves in
     */
    double[] startStream(double fixedTotal, double[] z, double feedTotal, double feedVolume, double feedAcid,
                         FeedPhase phase);

    /**
     * Puts a guess of a torn stream back on the exact balances every such stream satisfies, in
     * place: CMER, its RE total (rescaled); mass action, an organic's extractant sites
     * ({@code H + 3 Σ RE + M = 2C} per litre, H adjusted). Nothing by default. Used by the tear
     * iteration after an accelerated step ({@code FlowsheetSolver}).
     *
     * @param flows      the guess's component flows
     * @param fixedTotal the stream's fixed total (RE or volume)
     * @param phase      the phase it leaves in
     */
    default void project(double[] flows, double fixedTotal, FeedPhase phase) {
    }

    /**
     * A linear form of a stream's component flows that must stay positive besides its components
     * (mass action: an organic's free extractant, (H − 3 Σ RE)/2, mol (HA)₂); 0 where there is
     * none. The tear iteration keeps an accelerated guess's value above a share of the plain one's.
     *
     * @param flows its component flows (on its balances, {@link #project})
     * @param phase the phase it leaves in
     */
    default double capacity(double[] flows, FeedPhase phase) {
        return 0;
    }

    /** The tear start in words for the report ({@code sharp}, {@code feed}, {@code uniform}). */
    String startText(String start);

    /** The report's columns of an inlet beyond its RE flows (none by default). */
    default List<InletColumn> inletColumns() {
        return List.of();
    }

    /** The model with its parameters, in words. */
    String modelText(List<String> components);

    /** JSON fields of the model: {@code model} and its parameters. */
    Map<String, Object> modelJson(List<String> components);

    /** The unit of the fresh feeds' amounts after "mol" ({@code per unit time}, {@code RE/h}). */
    String amountUnit();

    /** The report's line on a torn stream, ending in a newline. */
    String tornLine(String stream, String takers, double reTotal, double fixedTotal);

    /** JSON fields of a torn stream (its totals). */
    Map<String, Object> tornJson(double reTotal, double fixedTotal);
}
