package org.sxcascade.model;

import java.util.List;
import java.util.Map;
import java.util.function.DoubleFunction;

/**
 * A solved case as every report shows it, whatever its equilibrium model: what differs between
 * models (how the case is described, its product streams, the quantities of each stage, the
 * chemistry balances, the units) as named, unit-labelled data. The one report
 * ({@code report/SimulationReport} and {@code report/HtmlReport}) and the charts render whatever a
 * view supplies, as text, JSON, CSV and HTML; they compute what is common to every model (products'
 * composition, purity and recovery, the recovery table, the solver's figures) themselves.
 *
 * <p>Each case type makes its own view ({@link ModelCase#view}): {@link CascadeCaseView} for
 * constant separation factors and distribution ratios, {@link MassActionCaseView} for the mass-action
 * law and its empirical correlations. Output fields and columns are listed in docs/commands.md.
 */
public interface CaseView {

    /**
     * A number column of the stage profile.
     *
     * @param key    its field in the JSON {@code profile} entries
     * @param text   its heading in the terminal profile table, or {@code null} (JSON and HTML only)
     * @param html   its heading in the HTML profile table, or {@code null}
     * @param format how the tables write it
     * @param values its value on stages 1 … N, at index stage − 1
     */
    record StageColumn(String key, String text, String html, DoubleFunction<String> format, double[] values) {
    }

    /** A quantity of a product from the three the report knows of every product. */
    @FunctionalInterface
    interface ProductValue {
        /**
         * @param flow    the product's flow of the listed components, mol per mol fed
         * @param volume  its phase flow in the model's basis (metal flow for CMER, L/h otherwise)
         * @param acidity free acid of an aqueous product, mol/L H⁺, or NaN
         */
        double of(double flow, double volume, double acidity);
    }

    /**
     * A number column of the products table, between "leaves" and the composition. A NaN value is
     * written "-" in the text table and left out of the JSON.
     *
     * @param key        its field in the JSON {@code products} entries
     * @param text       its heading in the terminal table, or {@code null} (JSON only)
     * @param textFormat how the terminal table writes it
     * @param html       its heading in the HTML table, or {@code null} (JSON only)
     * @param htmlFormat how the HTML table writes it
     * @param value      its value, from the product's flow, phase volume and acidity
     */
    record ProductColumn(String key, String text, DoubleFunction<String> textFormat, String html,
                         DoubleFunction<String> htmlFormat, ProductValue value) {
    }

    /** A CSV column of the stage profile: heading (unit in its name) and the value on each stage. */
    record CsvColumn(String heading, double[] values) {
    }

    /**
     * A balance checked on every stage beyond the solver's own (e.g. H⁺, cation, extractant).
     *
     * @param text  its name in the terminal header line ({@code H+})
     * @param key   its JSON field ({@code hydrogenBalance})
     * @param html  its row label in the HTML balances table
     * @param value largest relative error over the stages
     */
    record Balance(String text, String key, String html, double value) {
    }

    /** A text table shown before the products (e.g. the inlets): heading line and rows of cells, header row first. */
    record Table(String heading, List<List<String>> rows) {
    }

    /**
     * Headings and unit lines of the report.
     *
     * @param group              the listed components as a group in balance lines ({@code RE}), or
     *                           {@code null} when the view has no {@link #balances()}
     * @param groupBalanceKey    JSON field of the group's whole-cascade balance, or {@code null}
     * @param productsHeading    heading line of the terminal products table
     * @param recoveryHeading    heading line of the terminal recovery table
     * @param profileHeading     heading line of the terminal stage profile
     * @param htmlLead           sentence before "Solved by …" in HTML ("" or ending in a space)
     * @param htmlIterationNote  remark after the iteration count in HTML ("" for none)
     * @param htmlProductUnits   units line under the HTML products heading
     * @param flowUnit           unit of the components' inflow (HTML recovery table)
     * @param htmlFooterUnits    the HTML footer's sentence on units
     * @param htmlProfileUnits   units line above the HTML stage profile ("" for none)
     */
    record Texts(String group, String groupBalanceKey, String productsHeading, String recoveryHeading,
                 String profileHeading, String htmlLead, String htmlIterationNote, String htmlProductUnits,
                 String flowUnit, String htmlFooterUnits, String htmlProfileUnits) {
    }

    /**
     * What the pH/loading chart draws, for a model with an acidity and an extractant capacity.
     *
     * @param pH                      aqueous pH of stages 1 … N
     * @param loading                 loading 3Σ[RE]org/C of stages 1 … N
     * @param saponification          saponification [M]org/2C of stages 1 … N
     * @param cation                  the saponifying cation
     * @param extractantConcentration C, mol/L (HA)₂
     * @param saponificationFed       the fed organic's saponification
     */
    record AcidityLoading(double[] pH, double[] loading, double[] saponification, String cation,
                          double extractantConcentration, double saponificationFed) {
    }

    /**
     * Each listed component's concentration in both phases, mol/L, for a model whose phase flows
     * are volumes: {@code aqueous[stage − 1][j]}, {@code organic[stage − 1][j]}.
     */
    record Concentrations(List<String> names, double[][] aqueous, double[][] organic) {
    }

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

    /** Row label of product i ({@link #outlets()} order) in the products table. */
    String productLabel(int i);

    /** Heading of product i's column in the recovery table ("to …"). */
    String recoveryColumn(int i);

    /** Free acid of the aqueous leaving {@code stage}, mol/L H⁺, or NaN where the model has none. */
    default double aqueousAcidity(int stage) {
        return Double.NaN;
    }

    /** Headings and units. */
    Texts texts();

    /** The case description after the title: key and value of each header line (model, cascade, flows …). */
    List<Map.Entry<String, String>> facts();

    /** The JSON field {@code model} right after {@code case}, or {@code null} for none. */
    default String modelKey() {
        return null;
    }

    /** Stage balances the model adds (none by default); reported after the listed components' own. */
    default List<Balance> balances() {
        return List.of();
    }

    /** Text tables before the products (none by default). */
    default List<Table> tables() {
        return List.of();
    }

    /**
     * The JSON root fields after the solver's and the balances': units, the {@code cascade} object,
     * flows, inlets. Values are numbers, strings, booleans, maps and lists, in the order written.
     */
    Map<String, Object> jsonCase();

    /** The model's columns of the products table. */
    List<ProductColumn> productColumns();

    /** The model's stage columns (JSON, and text and HTML where they have a heading). */
    default List<StageColumn> stageColumns() {
        return List.of();
    }

    /** The CSV columns after {@code stage} and {@code section}. */
    List<CsvColumn> csvColumns();

    /** What the stage profile chart draws: the listed components along the stages, the layout and the targets. */
    StageProfile profile();

    /** The pH/loading panel's data, or {@code null} where the model has no acidity. */
    default AcidityLoading acidityLoading() {
        return null;
    }

    /** The concentration panel's data, or {@code null} where phase flows are not volumes. */
    default Concentrations concentrations() {
        return null;
    }
}
