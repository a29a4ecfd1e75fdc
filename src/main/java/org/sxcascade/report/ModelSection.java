package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.model.MassActionCase;

/**
 * The part of a {@link SimulationReport} that depends on the case's model. The report computes
 * everything common to every model once (products with their composition, purity, recovery and
 * target verdicts, the recovery table, the solver's iterations, residual and closure, the
 * per-stage balance of any component, the stage profile of mole fractions); a section says how
 * the case is described and adds what only its model has:
 * <ul>
 *   <li>{@link CascadeCaseSection}: constant separation factors (CMER) and constant distribution
 *       ratios, flows in Xu's normalisation or in L/h, the extraction ratios;</li>
 *   <li>{@link MassActionSection}: the mass-action model and its empirical correlations, plant
 *       units, the inlets, each stage's pH, loading, saponification and free extractant, and the
 *       H⁺, cation and extractant balances.</li>
 * </ul>
 * Text cells, JSON fields and CSV columns a section adds are listed in docs/commands.md.
 */
public interface ModelSection {

    /** The report's title line (the case's name). */
    String title();

    /**
     * The components the report lists, in the state's order (the first {@code components().size()}
     * components of the state: all of them, or the rare earths of a mass-action state beside H⁺ and
     * the cation). Compositions and purities are mole fractions among these.
     */
    List<String> components();

    /** The section a stage (1-based) belongs to: extraction, scrub or strip. */
    String section(int stage);

    /** The product streams, in the order the report lists them. */
    List<MassActionCase.Outlet> outlets();

    /** Free acid of an aqueous product leaving {@code stage}, mol/L H⁺, or NaN where the model has none. */
    default double acidity(boolean organic, int stage) {
        return Double.NaN;
    }

    // ---------------------------------------------------------------- text

    /** The case description after the title: key and value of each header line (model, cascade, flows …). */
    List<Map.Entry<String, String>> caseFacts();

    /** Header lines after the solver line (each ending in a newline), e.g. the chemistry balances; "" for none. */
    default String balanceLines(SimulationReport report) {
        return "";
    }

    /** Tables before the products (each followed by a blank line), e.g. the inlets; "" for none. */
    default String inletTables() {
        return "";
    }

    /** The heading line of the product table, e.g. "Products (flow in …)". */
    String productsHeading();

    /** Row label of product {@code i} in the product table. */
    String productLabel(int i, SimulationReport.Product p);

    /** Heading of product {@code i}'s column in the recovery table ("to …"). */
    String recoveryColumn(int i, SimulationReport.Product p);

    /** The model's flow columns of the product table, between "leaves" and the composition. */
    List<String> productHeads();

    /** Cells under {@link #productHeads()} for one product. */
    List<String> productCells(SimulationReport.Product p);

    /** The heading line of the recovery table. */
    String recoveryHeading();

    /** The heading line of the stage profile table. */
    String profileHeading();

    /** The model's stage columns of the profile table, between "section" and the mole fractions. */
    default List<String> stageHeads() {
        return List.of();
    }

    /** Cells under {@link #stageHeads()} for one stage. */
    default List<String> stageCells(int stage) {
        return List.of();
    }

    // ---------------------------------------------------------------- JSON

    /** Root fields right after {@code case} (before the solver's), e.g. {@code model}. */
    default void putModel(ObjectNode root) {
    }

    /** Root fields after the solver's: units, balances, the {@code cascade} object, flows, inlets. */
    void putCase(ObjectNode root, SimulationReport report);

    /** A product's flow fields, between {@code stage} and its composition. */
    void putProductFlows(ObjectNode o, SimulationReport.Product p);

    /** A stage's quantities in the {@code profile} array, between {@code section} and the mole fractions. */
    void putStage(ObjectNode o, int stage);

    // ---------------------------------------------------------------- HTML ({@link HtmlReport#steadyState})

    /** A sentence before "Solved by …" in the HTML report ("" for none; ends in a space). */
    default String htmlLead() {
        return "";
    }

    /** A remark after the iteration count in the HTML report (e.g. " (the start-up rows included)"). */
    default String htmlIterationNote() {
        return "";
    }

    /** The units line under the HTML products table. */
    String htmlProductUnits();

    /** The model's flow columns of the HTML products table (fields of a {@code products} entry). */
    List<HtmlReport.Column> htmlProductColumns();

    /** The unit of the components' inflow (network's total feed) in the HTML recovery table. */
    String htmlFlowUnit();

    /** The report footer's sentence on the units of the tables. */
    default String htmlFooterUnits() {
        return "Flows in " + htmlFlowUnit() + " unless marked; mole fractions unless marked.";
    }

    /** The rows of the HTML balances table; none (no table) by default. */
    default List<HtmlReport.Balance> htmlBalances() {
        return List.of();
    }

    /** The units line above the HTML stage profile ("" for none). */
    default String htmlProfileUnits() {
        return "";
    }

    /** The model's stage columns of the HTML profile (fields of a {@code profile} entry). */
    default List<HtmlReport.Column> htmlStageColumns() {
        return List.of();
    }

    // ---------------------------------------------------------------- charts

    /**
     * The charts of the steady state, file names starting with {@code stem}: the one stage profile
     * ({@code <stem>-profile}) and the panels the model adds (McCabe–Thiele for constant separation
     * factors; pH and loading, concentrations for mass action).
     */
    List<NamedChart> charts(String stem);

    // ---------------------------------------------------------------- CSV

    /** CSV columns after {@code stage} and {@code section}, units in their names. */
    List<String> csvHeads();

    /** CSV cells of one stage under {@link #csvHeads()}. */
    List<Object> csvCells(int stage);
}
