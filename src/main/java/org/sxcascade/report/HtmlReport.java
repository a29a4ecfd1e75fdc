package org.sxcascade.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.DoubleFunction;
import org.sxcascade.chart.ChartWriter;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.window.ControlInput;
import org.sxcascade.window.OperatingWindow;
import org.sxcascade.chart.StageCountChart;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.TargetOverrides;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.Designer;
import org.sxcascade.design.StageCountScan;
import org.sxcascade.design.StageSearch;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.io.CaseFileException;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.CaseView;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.ModelCase;
import org.sxcascade.solver.NoConvergenceException;

/**
 * A self-contained HTML report of a case: one file with its styles and its charts (inline SVG)
 * inside, no scripts and no external resources (a Content-Security-Policy forbids them), readable on
 * a laptop and a phone, fit to be emailed.
 *
 * <p>The tables render the JSON documents of the commands ({@code simulate --json},
 * {@code design --json}, {@code transient --json}). Every number cell carries the JSON value it
 * shows: {@code data-source} names the document, {@code data-key} is the JSON Pointer (RFC 6901)
 * of the value and {@code data-value} its full-precision text, so a reader (or a test) can check
 * the report against the commands.
 */
public final class HtmlReport {
    /** The report's document width for charts, in SVG user units (they scale to the page). */
    static final int CHART_WIDTH = 900;
    static final int CHART_HEIGHT = 560;

    private final String title;
    private final String caseFileName;
    private final String caseText;
    private final StringBuilder body = new StringBuilder();
    /** The footer's sentence on units: the model's, once a steady state is shown. */
    private String footerUnits = "Flows in Xu's normalisation (mol RE per mol RE fed) unless marked; mole fractions "
            + "unless marked.";
    private final List<String> toc = new ArrayList<>();
    private int charts;

    /**
     * @param title        the case's name
     * @param caseFileName the case file's name, as shown
     * @param caseText     the case file's text, shown verbatim in the inputs section
     */
    public HtmlReport(String title, String caseFileName, String caseText) {
        this.title = title;
        this.caseFileName = caseFileName;
        this.caseText = caseText;
    }

    // ------------------------------------------------------------------ sections

    /**
     * The inputs: the model, stage and flow lines of the report ({@link SimulationReport#caseFacts()}),
     * the case file verbatim (collapsed).
     */
    public HtmlReport inputs(List<Map.Entry<String, String>> caseFacts) {
        section("inputs", "Inputs");
        body.append("<p class=\"file\">Case file <code>").append(esc(caseFileName)).append("</code></p>\n");
        body.append("<dl class=\"facts\">\n");
        for (Map.Entry<String, String> fact : caseFacts) {
            body.append("<dt>").append(esc(fact.getKey())).append("</dt><dd>").append(esc(fact.getValue()))
                    .append("</dd>\n");
        }
        body.append("</dl>\n<details><summary>Case file as given</summary>\n<pre>").append(esc(caseText))
                .append("</pre>\n</details>\n");
        return this;
    }

    /**
     * The verified steady state of the case as given, for any model: solver, products with their
     * purity, target and recovery, the recovery of each component to each product with the
     * balance error, the model's balances (mass action: H⁺, cation, extractant), the charts and the
     * stage profile. The tables show {@code simulate --json} of the case ({@link SimulationReport#toJson()});
     * the columns, balances and unit lines the model adds come from its {@link CaseView}.
     *
     * @param report    the report of the solved case
     * @param chartList the charts of the steady state
     */
    public HtmlReport steadyState(SimulationReport report, List<NamedChart> chartList) {
        ObjectNode sim = report.toJson();
        CaseView view = report.view();
        CaseView.Texts texts = view.texts();
        footerUnits = texts.htmlFooterUnits();
        section("steady-state", "Steady state (simulate)");
        String src = "simulate";
        body.append("<p>").append(esc(texts.htmlLead())).append("Solved by <b>").append(esc(sim.path("method").asText()))
                .append("</b> in ").append(num(src, sim, "/iterations", HtmlReport::integer))
                .append(sim.path("method").asText().equals("rows") ? " rows" : " iterations")
                .append(esc(texts.htmlIterationNote())).append("; largest stage imbalance ")
                .append(num(src, sim, "/residual", HtmlReport::sci)).append(" (relative); whole-cascade mass balance "
                        + "closure ").append(num(src, sim, "/massBalanceError", HtmlReport::sci)).append(".");
        if (sim.has("feedRate")) {
            body.append(" Feed ").append(num(src, sim, "/feedRate", Formats::general)).append(" mol RE/h.");
        }
        body.append("</p>\n");

        List<String> comps = view.components();
        body.append("<h3>Products</h3>\n<p class=\"unit\">").append(esc(texts.htmlProductUnits()))
                .append("</p>\n");
        List<String> head = new ArrayList<>(List.of("product", "leaves"));
        List<CaseView.ProductColumn> productColumns = view.productColumns().stream().filter(c -> c.html() != null)
                .toList();
        productColumns.forEach(c -> head.add(c.html()));
        head.addAll(comps);
        head.addAll(List.of("purity", "target", "recovery"));
        tableStart(head);
        List<SimulationReport.Product> products = report.products();
        for (int i = 0; i < products.size(); i++) {
            SimulationReport.Product p = products.get(i);
            JsonNode json = sim.path("products").get(i);
            String at = "/products/" + i;
            body.append("<tr><th>").append(esc(view.productLabel(i))).append(verdict(json)).append("</th><td>")
                    .append(esc(p.phase())).append(", stage ").append(p.stage()).append("</td>");
            for (CaseView.ProductColumn c : productColumns) {
                body.append(td(src, sim, at + "/" + c.key(), c.htmlFormat()));
            }
            for (String c : comps) {
                body.append(td(src, sim, at + "/composition/" + pointer(c), Formats::fraction));
            }
            body.append(report.carriesNothing(p) ? "<td title=\"carries next to no "
                    + esc(String.join(", ", comps)) + ": no meaningful purity\">–</td>"
                    : td(src, sim, at + "/purity", Formats::percent, String.join("+", p.purityOf()) + " "));
            body.append(json.has("target") ? td(src, sim, at + "/target", Formats::percent) : "<td>–</td>");
            body.append(td(src, sim, at + "/recovery", Formats::percent));
            body.append("</tr>\n");
        }
        tableEnd();
        if (products.stream().anyMatch(report::carriesNothing)) {
            body.append("<p class=\"note\">A product with no purity (–) carries less than ")
                    .append(String.format(Locale.ROOT, "%.0e", SimulationReport.NOTHING)).append(" of the ").append(esc(String.join(", ", comps)))
                    .append(" fed: the composition of such a trace has no meaning as a purity.</p>\n");
        }

        body.append("<h3>Recovery and mass balance</h3>\n<p class=\"unit\">recovery: fraction of each component's "
                + "inflow leaving in each product; inflow in ").append(esc(texts.flowUnit())).append("</p>\n");
        List<String> rh = new ArrayList<>(List.of("component", "inflow"));
        for (int i = 0; i < products.size(); i++) {
            rh.add(view.recoveryColumn(i));
        }
        rh.add("balance error (relative)");
        tableStart(rh);
        int stages = report.network().stages();
        for (int j = 0; j < comps.size(); j++) {
            String c = comps.get(j);
            double fed = report.network().totalFeed(j);
            body.append("<tr><th>").append(esc(c)).append("</th><td>").append(Formats.general(fed)).append("</td>");
            double sum = 0;
            for (SimulationReport.Product p : products) {
                String at = "/recoveries/" + pointer(c) + "/" + pointer(p.name());
                body.append(td(src, sim, at, Formats::fraction));
                sum += sim.at(at).asDouble();
            }
            body.append("<td>").append(fed > 0 ? sci(Math.abs(sum - 1)) : "–").append("</td></tr>\n");
        }
        tableEnd();
        body.append("<p class=\"note\">The balance error is |1 − Σ recoveries| per component, over every product; "
                + "the solver's whole-cascade closure above is the largest of these over the components (")
                .append(stages).append(" stages).</p>\n");

        List<CaseView.Balance> balances = view.balances();
        if (!balances.isEmpty()) {
            body.append("<h3>Balances</h3>\n<p class=\"unit\">largest relative error</p>\n");
            tableStart(List.of("balance", "over", "error"));
            for (CaseView.Balance bal : balances) {
                balanceRow(src, sim, bal.html(), "every stage", "/" + bal.key());
            }
            balanceRow(src, sim, "every component, in = out", "every stage (solver residual)", "/residual");
            balanceRow(src, sim, "overall, feeds = products", "whole cascade", "/massBalanceError");
            tableEnd();
        }

        chartList.forEach(this::chart);

        body.append("<details><summary>Stage profile (").append(stages).append(" stages)</summary>\n");
        if (!texts.htmlProfileUnits().isEmpty()) {
            body.append("<p class=\"unit\">").append(esc(texts.htmlProfileUnits())).append("</p>\n");
        }
        List<String> ph = new ArrayList<>(List.of("stage", "section"));
        List<CaseView.StageColumn> stageColumns = view.stageColumns().stream().filter(c -> c.html() != null).toList();
        stageColumns.forEach(c -> ph.add(c.html()));
        comps.forEach(c -> ph.add("x " + c));
        comps.forEach(c -> ph.add("y " + c));
        tableStart(ph);
        JsonNode profile = sim.path("profile");
        for (int k = 0; k < profile.size(); k++) {
            JsonNode row = profile.get(k);
            String at = "/profile/" + k;
            body.append("<tr><th>").append(row.path("stage").asInt()).append("</th><td>")
                    .append(esc(row.path("section").asText())).append("</td>");
            for (CaseView.StageColumn c : stageColumns) {
                body.append(td(src, sim, at + "/" + c.key(), c.format()));
            }
            for (String c : comps) {
                body.append(td(src, sim, at + "/aqueous/" + pointer(c), Formats::fraction));
            }
            for (String c : comps) {
                body.append(td(src, sim, at + "/organic/" + pointer(c), Formats::fraction));
            }
            body.append("</tr>\n");
        }
        tableEnd();
        body.append("</details>\n");
        return this;
    }

    private void balanceRow(String src, JsonNode doc, String label, String over, String at) {
        body.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(over)).append("</td>")
                .append(td(src, doc, at, HtmlReport::sci)).append("</tr>\n");
    }

    /** {@code design --json} of the case: Xu's static design, the verified stage counts, products, plant. */
    public HtmlReport design(ObjectNode d, List<NamedChart> chartList) {
        section("design", "Design from the targets (design)");
        String src = "design";
        body.append("<p>Key pair <b>").append(esc(d.path("keyPair").asText())).append("</b>, β = ")
                .append(num(src, d, "/separationFactor", Formats::general)).append(", ")
                .append(esc(d.path("feedPhase").asText())).append(" feed; targets P_A = ")
                .append(num(src, d, "/targets/organic", Formats::percent)).append(", P_B = ")
                .append(num(src, d, "/targets/aqueous", Formats::percent)).append(". ")
                .append(esc(d.path("control").asText())).append("-controlled: ")
                .append(esc(d.path("controlReason").asText())).append(".</p>\n");
        body.append("<p class=\"note\">This is <code>design</code> run on the case's feed, separation factors and "
                + "targets: at Xu's optimum flows, not at the flows and stages of the case shown above.</p>\n");
        body.append("<h3>Xu's static design</h3>\n<p class=\"unit\">flows in ").append(esc(d.path("flowUnit").asText()))
                .append("</p>\n");
        tableStart(List.of("quantity", "symbol", "value"));
        row(src, d, "outlet fraction, loaded organic", "f'_A", "/outletFractions/organic", Formats::fixed);
        row(src, d, "outlet fraction, raffinate", "f'_B", "/outletFractions/aqueous", Formats::fixed);
        row(src, d, "extraction ratio, extraction section", "E_M", "/extractionRatio", Formats::fixed);
        row(src, d, "extraction ratio, scrubbing section", "E'_M", "/scrubRatio", Formats::fixed);
        row(src, d, "extractant flow", "S", "/extractantFlow", Formats::fixed);
        row(src, d, "scrub flow", "W", "/scrubFlow", Formats::fixed);
        row(src, d, "minimum extractant flow (infinite stages)", "S_min", "/minExtractantFlow", Formats::fixed);
        row(src, d, "minimum scrub flow (infinite stages)", "W_min", "/minScrubFlow", Formats::fixed);
        tableEnd();

        body.append("<h3>Stages</h3>\n");
        tableStart(List.of("", "extraction n", "scrub m", "total N"));
        body.append("<tr><th>Xu's estimate, basic</th>")
                .append(td(src, d, "/estimatedStages/basic/extraction", HtmlReport::two))
                .append(td(src, d, "/estimatedStages/basic/scrub", HtmlReport::two)).append("<td></td></tr>\n");
        body.append("<tr><th>Xu's estimate, corrected</th>")
                .append(td(src, d, "/estimatedStages/corrected/extraction", HtmlReport::two))
                .append(td(src, d, "/estimatedStages/corrected/scrub", HtmlReport::two)).append("<td></td></tr>\n");
        body.append("<tr><th>Fenske minimum (total reflux)</th><td></td><td></td>")
                .append(td(src, d, "/fenskeMinimum", HtmlReport::two)).append("</tr>\n");
        body.append("<tr class=\"key\"><th>verified by simulation</th>")
                .append(td(src, d, "/verifiedStages/extraction", HtmlReport::integer))
                .append(td(src, d, "/verifiedStages/scrub", HtmlReport::integer))
                .append(td(src, d, "/verifiedStages/total", HtmlReport::integer)).append("</tr>\n");
        tableEnd();
        body.append("<p>At the verified stages: P_A = ").append(num(src, d, "/verifiedPurities/organic", Formats::percent))
                .append(", P_B = ").append(num(src, d, "/verifiedPurities/aqueous", Formats::percent))
                .append("; one stage fewer in either section misses a target (")
                .append(num(src, d, "/simulations", HtmlReport::integer)).append(" steady states solved; mass balance "
                        + "closure ").append(num(src, d, "/massBalanceError", HtmlReport::sci)).append(").</p>\n");

        List<String> comps = fieldNames(d.path("verifiedProducts").path("organic"));
        body.append("<h3>Verified products</h3>\n<p class=\"unit\">mole fractions; every component simulated</p>\n");
        tableStart(List.of("component", "loaded organic", "raffinate"));
        for (String c : comps) {
            body.append("<tr><th>").append(esc(c)).append("</th>")
                    .append(td(src, d, "/verifiedProducts/organic/" + pointer(c), Formats::fraction))
                    .append(td(src, d, "/verifiedProducts/aqueous/" + pointer(c), Formats::fraction)).append("</tr>\n");
        }
        tableEnd();

        if (d.has("plant")) {
            body.append("<h3>Plant flows and reagents</h3>\n");
            tableStart(List.of("quantity", "value", "unit"));
            plantRow(src, d, "RE fed", "/plant/feedRateMolPerHour", "mol/h");
            plantRow(src, d, "organic flow", "/plant/organicFlowLitresPerHour", "L/h");
            plantRow(src, d, "scrub liquor flow", "/plant/scrubFlowLitresPerHour", "L/h");
            plantRow(src, d, "O/A by volume, extraction section", "/plant/organicToAqueousExtraction", "–");
            plantRow(src, d, "O/A by volume, scrubbing section", "/plant/organicToAqueousScrub", "–");
            plantRow(src, d, "RE in the loaded organic", "/plant/organicProductMolPerHour", "mol/h");
            plantRow(src, d, "RE in the raffinate", "/plant/aqueousProductMolPerHour", "mol/h");
            plantRow(src, d, "scrub acid", "/plant/scrubAcidMolPerHour", "mol H+/h");
            plantRow(src, d, "strip acid", "/plant/stripAcidMolPerHour", "mol H+/h");
            plantRow(src, d, "saponification base", "/plant/saponificationBaseMolPerHour", "mol/h");
            plantRow(src, d, "oxide fed", "/plant/oxideFedKgPerHour", "kg REO/h");
            tableEnd();
        }
        chartList.forEach(this::chart);
        return this;
    }

    /**
     * The design section of a case of any model: {@code design} run on the case's feed, separation
     * factors and targets at Xu's √β optimum, with its stage-count chart; where the model has no
     * design in this report (constant distribution ratios, mass action) or the design cannot be
     * made, the reason.
     *
     * @param caseFile  the case file (read again for design)
     * @param modelCase the case as read for simulate
     * @param stem      the charts' file-name stem
     * @param progress  told after each steady state of the stage-count scan how many of how many are done
     */
    public HtmlReport designOf(Path caseFile, ModelCase modelCase, String stem, BiConsumer<Integer, Integer> progress) {
        if (!(modelCase instanceof CascadeCase cascadeCase)
                || !(cascadeCase.equilibrium() instanceof ConstantSeparationFactors)) {
            return designOfAnyModel(caseFile, stem, progress);
        }
        try {
            DesignInputs in = new CaseReader().readDesign(caseFile);
            CascadeDesigner.Design d = new CascadeDesigner().design(in, FlowChoice.optimum(), Cascade.MAX_STAGES);
            return design(DesignReport.toJson(d), List.of(new NamedChart(stem + "-design-stage-count",
                    StageCountChart.of(in.name(), StageCountScan.of(d, progress), in.components(), d.keyA(),
                            d.keyB()))));
        } catch (InvalidInputException | CaseFileException | StageSearch.NoFeasibleConfigurationException
                 | NoConvergenceException e) {
            // the report is about the case as given: a design that cannot be made is a remark
            return designUnavailable(e.getMessage());
        }
    }

    /**
     * The design of a case of any other model (constant distribution ratios, mass action), as
     * {@code design CASE} makes it with its defaults ({@link Designer}), shown through the shared
     * view of every design: stages by section, operating flows, purities with their targets and the
     * verification, and the design's charts.
     */
    private HtmlReport designOfAnyModel(Path caseFile, String stem, BiConsumer<Integer, Integer> progress) {
        DesignResult d;
        try {
            d = Designer.design(new CaseReader().readForDesign(caseFile), new DesignRequest(FlowChoice.optimum(),
                    Cascade.MAX_STAGES, 0, TargetOverrides.NONE, Map.of()));
        } catch (InvalidInputException | CaseFileException | StageSearch.NoFeasibleConfigurationException
                 | NoConvergenceException e) {
            return designUnavailable(e.getMessage());
        }
        ObjectNode j = DesignReport.toJson(d);
        section("design", "Design from the targets (design)");
        String src = "design";
        body.append("<p class=\"note\">This is <code>design</code> run on the case (model ")
                .append(esc(j.path("model").asText())).append(", its design settings and targets): not at the "
                        + "flows and stages of the case shown above.").append(d.met() ? "" : " <span class=\"badge "
                        + "missed\">the design misses a target</span>").append("</p>\n");
        body.append("<h3>Stages</h3>\n");
        tableStart(List.of("extraction", "scrub", "strip", "total"));
        body.append("<tr class=\"key\">").append(td(src, j, "/stages/extraction", HtmlReport::integer))
                .append(td(src, j, "/stages/scrub", HtmlReport::integer))
                .append(td(src, j, "/stages/strip", HtmlReport::integer))
                .append(td(src, j, "/stages/total", HtmlReport::integer)).append("</tr>\n");
        tableEnd();
        body.append("<h3>Operating flows</h3>\n");
        tableStart(List.of("flow", "value", "unit", "case-file field"));
        JsonNode flows = j.path("operatingFlows");
        for (int i = 0; i < flows.size(); i++) {
            JsonNode f = flows.get(i);
            body.append("<tr><th>").append(esc(f.path("name").asText())).append("</th>")
                    .append(td(src, j, "/operatingFlows/" + i + "/value", Formats::general)).append("<td>")
                    .append(esc(f.path("unit").asText())).append("</td><td><code>")
                    .append(esc(f.path("field").asText(""))).append("</code></td></tr>\n");
        }
        tableEnd();
        body.append("<h3>Verified purities</h3>\n");
        tableStart(List.of("product", "purity", "target"));
        JsonNode purities = j.path("productPurities");
        for (int i = 0; i < purities.size(); i++) {
            body.append("<tr><th>").append(esc(purities.get(i).path("product").asText())).append("</th>")
                    .append(td(src, j, "/productPurities/" + i + "/purity", Formats::percent))
                    .append(td(src, j, "/productPurities/" + i + "/target", Formats::percent)).append("</tr>\n");
        }
        tableEnd();
        body.append("<p>Verified by a cold-start solve: ").append(num(src, j, "/verification/iterations",
                HtmlReport::integer)).append(" iterations, residual ").append(num(src, j, "/verification/residual",
                HtmlReport::sci)).append(", mass balance closure ").append(num(src, j,
                "/verification/massBalanceError", HtmlReport::sci)).append(" (").append(num(src, j, "/steadyStates",
                HtmlReport::integer)).append(" steady states solved for the design).</p>\n");
        List<NamedChart> charts = org.sxcascade.chart.Charts.design(stem, d, progress);
        if (charts != null) {
            charts.forEach(this::chart);
        }
        return this;
    }

    /**
     * The case's own design, for a case with a cascade and targets (issue 17: {@code report} of a
     * designed or optimized case shows its design): how it was made when its {@code origin} section
     * says so (the command, the objective and its value, the exact optimum's value and the margin
     * kept for the rounding), its stages and operating flows ({@link ControlInput#of}, the inputs of
     * the operating window, for every model), the margin of each target in nines, the binding
     * constraints (as the optimizer named them, else the targets with the least margin), and its
     * robustness when the case has an {@code uncertainty} section.
     *
     * @param sim    the case solved as given
     * @param tree   the case file's tree
     * @param origin its {@code origin} section, or {@code null}
     * @param mc     the Monte Carlo of its {@code uncertainty} section (σ or covariance), or {@code null}
     * @param wc     the worst case over its {@code uncertainty.box}, or {@code null}
     */
    public HtmlReport caseDesign(SimulationReport sim, JsonNode tree, org.sxcascade.model.CaseOrigin origin,
                                 org.sxcascade.window.MonteCarlo mc, org.sxcascade.window.WorstCase wc) {
        section("case-design", "The case's design");
        body.append("<p>").append(esc(originText(origin))).append("</p>\n");
        ObjectNode j = sim.toJson();
        JsonNode c = j.path("cascade");
        body.append("<h3>Stages</h3>\n");
        tableStart(List.of("extraction", "scrub", "strip", "total"));
        body.append("<tr class=\"key\">").append(td("simulate", j, "/cascade/extractionStages", HtmlReport::integer))
                .append(td("simulate", j, "/cascade/scrubStages", HtmlReport::integer))
                .append(c.has("stripStages") ? td("simulate", j, "/cascade/stripStages", HtmlReport::integer)
                        : "<td>–</td>")
                .append(td("simulate", j, "/cascade/totalStages", HtmlReport::integer)).append("</tr>\n");
        tableEnd();
        body.append("<h3>Operating flows</h3>\n<p class=\"unit\">as the case file sets them</p>\n");
        tableStart(List.of("flow", "value", "unit", "case-file field"));
        for (ControlInput in : ControlInput.of(tree)) {
            body.append("<tr><th>").append(esc(in.label())).append("</th><td data-value=\"")
                    .append(in.value()).append("\">").append(esc(Formats.general(in.value()))).append("</td><td>")
                    .append(esc(in.unit())).append("</td><td><code>").append(esc(in.field())).append("</code></td></tr>\n");
        }
        tableEnd();
        List<org.sxcascade.window.NinesMargin> margins = org.sxcascade.window.NinesMargin.of(sim);
        body.append("<h3>Targets and their margins</h3>\n<p class=\"unit\">margin = nines(reached) − nines(target), "
                + "nines(P) = −log10(1 − P)</p>\n");
        tableStart(List.of("target", "reached", "required", "margin (nines)"));
        for (org.sxcascade.window.NinesMargin m : margins) {
            body.append("<tr><th>").append(esc(m.label())).append(m.met() ? "" : " <span class=\"badge missed\">"
                    + "MISSED</span>").append("</th><td>").append(esc(OperatingWindow.percentOf(m.reached(),
                    m.shortfall()))).append("</td><td>").append(esc(Formats.percent(m.target()))).append("</td><td>")
                    .append(esc(String.format(Locale.ROOT, "%+.4f", m.margin()))).append("</td></tr>\n");
        }
        tableEnd();
        body.append("<p><b>Binding:</b> ").append(esc(String.join("; ", binding(origin, margins)))).append("</p>\n");
        if (mc != null) {
            body.append("<h3>Robustness (the case's uncertainty section)</h3>\n<pre>").append(esc(mc.toText()))
                    .append("</pre>\n");
        }
        if (wc != null) {
            body.append("<h3>Worst case over the box (the case's uncertainty.box)</h3>\n<pre>")
                    .append(esc(wc.toText())).append("</pre>\n");
        }
        return this;
    }

    /** The sentence on how the case was made. */
    static String originText(org.sxcascade.model.CaseOrigin o) {
        if (o == null) {
            return "The stages and flows of the case as given (it has no origin section: how they were chosen is "
                    + "not recorded).";
        }
        StringBuilder b = new StringBuilder();
        if (o.command().equals("optimize")) {
            b.append("Optimized by sxcascade optimize for the least ").append(o.objective() == null ? "objective"
                    : o.objective());
            if (o.value() != null) {
                b.append(": ").append(Formats.general(o.value())).append(o.unit() == null ? "" : " " + o.unit());
            }
            b.append('.');
            if (o.exactValue() != null && o.value() != null) {
                b.append(String.format(Locale.ROOT, " The exact optimum at the targets themselves is %s (its flows "
                                + "sit on the targets); this one kept a margin of %s nines on every target for the "
                                + "rounding of its flows, %+.3f %%.", Formats.general(o.exactValue()),
                        o.marginNines() == null ? "?" : Formats.general(o.marginNines()),
                        100 * (o.value() - o.exactValue()) / o.exactValue()));
            }
        } else {
            b.append("Designed by sxcascade design (the fewest stages that meet the targets at the designed flows).");
        }
        b.append(o.digits() == null ? " Its flows are the exact ones." : " Its flows are rounded to " + o.digits()
                + " significant digits and verified.");
        return b.toString();
    }

    /** The binding constraints: the optimizer's, else the targets with the least margin. */
    static List<String> binding(org.sxcascade.model.CaseOrigin o, List<org.sxcascade.window.NinesMargin> margins) {
        if (o != null && !o.binding().isEmpty()) {
            return o.binding();
        }
        double least = margins.stream().mapToDouble(org.sxcascade.window.NinesMargin::margin).min().orElse(0);
        List<String> on = new ArrayList<>();
        for (org.sxcascade.window.NinesMargin m : margins) {
            if (m.margin() <= least + 0.01) {
                on.add(m.label() + String.format(Locale.ROOT, " (the least margin, %+.4f nines)", m.margin()));
            }
        }
        return on.isEmpty() ? List.of("no target") : on;
    }

    /**
     * The operating window of the case as given ({@code simulate --window}; docs/design.md,
     * "Operating window"): the margin of each target in nines, the range of each input with every
     * target met, the tolerance on the separation factors and the chart of the feasible region.
     * Each edge carries its full-precision value ({@code data-source="window"}, the key of
     * {@link OperatingWindow#toJson()}).
     */
    public HtmlReport window(OperatingWindow w, List<NamedChart> chartList) {
        section("window", "Operating window (simulate --window)");
        ObjectNode doc = w.toJson();
        String src = "window";
        body.append("<h3>Target margins</h3>\n<p class=\"unit\">nines(P) = −log10(1 − P); margin = nines(reached) − "
                + "nines(target): +1 is ten times less impurity than the target allows</p>\n");
        tableStart(List.of("target", "reached", "required", "margin (nines)"));
        for (int i = 0; i < w.margins().size(); i++) {
            var m = w.margins().get(i);
            body.append("<tr><th>").append(esc(m.label())).append(m.met() ? "" : " <span class=\"badge missed\">"
                    + "MISSED</span>").append("</th><td>").append(esc(OperatingWindow.percentOf(m.reached(),
                    m.shortfall()))).append("</td>").append(td(src, doc, "/margins/" + i + "/required",
                    Formats::percent)).append(td(src, doc, "/margins/" + i + "/margin",
                    v -> String.format(Locale.ROOT, "%+.3f", v))).append("</tr>\n");
        }
        tableEnd();
        if (!w.operatingPointMet()) {
            body.append("<p class=\"note\">The case misses a target, so there is no operating window around it "
                    + "(<code>sxcascade design</code> finds stages and flows that meet the targets).</p>\n");
            return this;
        }
        body.append("<h3>Range of each input</h3>\n<p class=\"unit\">every target met, the other inputs at the "
                + "case's values; edges rounded towards the case's value and verified by simulation at the printed "
                + "digits (the next value out misses)</p>\n");
        tableStart(List.of("input", "field", "case", "lowest", "highest", "below the lowest", "above the highest"));
        for (int i = 0; i < w.ranges().size(); i++) {
            OperatingWindow.InputRange r = w.ranges().get(i);
            String at = "/inputs/" + i;
            body.append("<tr><th>").append(esc(r.input().label())).append("</th><td><code>")
                    .append(esc(r.input().field())).append("</code></td>")
                    .append(td(src, doc, at + "/value", v -> r.input().withUnit(Formats.general(v))))
                    .append(td(src, doc, at + "/lower/value", v -> OperatingWindow.edgeText(r, r.lower(), -1)))
                    .append(td(src, doc, at + "/upper/value", v -> OperatingWindow.edgeText(r, r.upper(), +1)))
                    .append("<td>").append(esc(OperatingWindow.beyondText(r.lower(), -1))).append("</td><td>")
                    .append(esc(OperatingWindow.beyondText(r.upper(), +1))).append("</td></tr>\n");
        }
        tableEnd();
        if (!w.tolerances().isEmpty()) {
            body.append("<h3>Tolerance on the ").append(esc(w.tolerances().get(0).quantity())).append("</h3>\n<ul>\n");
            w.toleranceLines().forEach(line -> body.append("<li>").append(esc(line)).append("</li>\n"));
            body.append("</ul>\n");
        }
        chartList.forEach(this::chart);
        body.append("<p class=\"note\">").append(w.solves()).append(" steady states solved for the window.</p>\n");
        return this;
    }

    /**
     * The calibration section of {@code report --shakeouts DATA}: the data fitted with the law of the
     * case's model (separation factors, constant D or mass action) over the case's components that the
     * data have, with the case's own cation constant for saponified rows, and compared with the case's
     * values. A bad data file is an error (exit 2); a fit the data cannot give is a remark in the section.
     *
     * @param shakeouts the shake-out CSV (docs/fit.md)
     * @param tree      the case file's tree
     * @param stem      the charts' file-name stem
     */
    public HtmlReport calibrationOf(Path shakeouts, JsonNode tree, String stem) {
        org.sxcascade.fit.ShakeoutData data = org.sxcascade.io.ShakeoutReader.read(shakeouts);
        String model = tree.path("model").asText();
        List<String> names = new ArrayList<>();
        tree.path("components").forEach(c -> names.add(c.path("name").asText()));
        org.sxcascade.fit.MassActionFit.Law law = org.sxcascade.fit.MassActionFit.Law.forCaseModel(model);
        String key = law.caseKey();
        if (!tree.path("components").path(0).has(key)) {
            return calibrationUnavailable("the case's components have no " + key + " (a correlation case): "
                    + "`sxcascade fit --shakeouts " + shakeouts + " --model correlation` fits its law");
        }
        List<String> elements = new ArrayList<>();
        for (String n : names) {
            if (data.elements().contains(n)) {
                elements.add(n);
            }
        }
        if (elements.isEmpty()) {
            throw new InvalidInputException("--shakeouts", shakeouts, "a shake-out file with columns of the case's "
                    + "components (" + String.join(", ", names) + "); it has " + String.join(", ", data.elements()));
        }
        JsonNode km = tree.at("/extractant/cationExchangeConstant");
        try {
            org.sxcascade.fit.FitResult fit = org.sxcascade.fit.MassActionFit.fit(
                    org.sxcascade.fit.ShakeoutSelection.of(data, elements, null, null), law,
                    km.isNumber() ? km.asDouble() : Double.NaN, elements.get(0));
            Map<String, Double> caseValues = new java.util.LinkedHashMap<>();
            double ref = tree.path("components").path(names.indexOf(fit.reference())).path(key).asDouble();
            for (String e : elements) {
                double v = tree.path("components").path(names.indexOf(e)).path(key).asDouble();
                caseValues.put(e, law == org.sxcascade.fit.MassActionFit.Law.SEPARATION_FACTORS ? v / ref : v);
            }
            return calibration(fit, caseValues, org.sxcascade.chart.FitCharts.of(stem, fit));
        } catch (InvalidInputException | org.sxcascade.fit.FitFailedException e) {
            return calibrationUnavailable("the data do not give this case's law: " + e.getMessage());
        }
    }

    /** Why there is no calibration. */
    public HtmlReport calibrationUnavailable(String reason) {
        section("calibration", "Chemistry against shake-out data (fit)");
        body.append("<p class=\"note\">No calibration: ").append(esc(reason)).append("</p>\n");
        return this;
    }

    /**
     * The chemistry of the case against shake-out data ({@code fit --shakeouts DATA --json}, the law
     * of the case's model): the fitted parameters with their 95 % intervals beside the case's own
     * values, whether each case value lies inside its interval, the RMS, and the parity chart.
     *
     * @param caseValues per fitted element, the case's value of the fitted quantity (K_ex, β or D), or
     *                   absent where the case has none
     */
    public HtmlReport calibration(org.sxcascade.fit.FitResult fit, Map<String, Double> caseValues,
                                  List<NamedChart> chartList) {
        section("calibration", "Chemistry against shake-out data (fit)");
        ObjectNode doc = org.sxcascade.fit.FitReport.json(fit);
        String src = "fit";
        String law = fit.model();
        boolean beta = law.equals("separation-factors");
        String quantity = beta ? "separationFactor" : law.equals("mass-action") ? "exchangeConstant"
                : "distributionRatio";
        String symbol = beta ? "β" : law.equals("mass-action") ? "K_ex" : "D";
        body.append("<p>").append(esc(fit.selection().data().file())).append(": ").append(fit.pointCount())
                .append(" points of ").append(fit.selection().rows().size()).append(" experiments, fitted with the "
                        + "law of the case's model (").append(esc(law)).append("); RMS log10 D ")
                .append(num(src, doc, "/fit/rmsLog10D", v -> String.format(Locale.ROOT, "%.4f", v)))
                .append(". A case value outside the data's 95 % interval is chemistry the data do not support.</p>\n");
        tableStart(List.of("rare earth", "points", "fitted " + symbol, "95 % interval", "case's " + symbol,
                "case inside the interval"));
        JsonNode params = doc.get("parameters");
        for (int i = 0; i < params.size(); i++) {
            JsonNode p = params.get(i);
            String element = p.get("element").asText();
            Double c = caseValues.get(element);
            double lo = p.at("/ci95/0").asDouble();
            double hi = p.at("/ci95/1").asDouble();
            String at = "/parameters/" + i;
            body.append("<tr><th>").append(esc(beta ? element + "/" + fit.reference() : element)).append("</th>")
                    .append(td(src, doc, at + "/points", v -> String.valueOf((long) v)))
                    .append(td(src, doc, at + "/" + quantity, Formats::general))
                    .append("<td>").append(num(src, doc, at + "/ci95/0", Formats::general)).append(" … ")
                    .append(num(src, doc, at + "/ci95/1", Formats::general)).append("</td><td>")
                    .append(c == null ? "–" : esc(Formats.general(c))).append("</td><td>")
                    .append(c == null ? "–" : c >= lo && c <= hi ? "yes" : "<span class=\"badge missed\">NO</span>")
                    .append("</td></tr>\n");
        }
        tableEnd();
        chartList.forEach(this::chart);
        return this;
    }

    /** Whether the report can show the start-up of this case: the transient simulator runs CMER cases. */
    public static boolean startUpApplies(ModelCase modelCase) {
        return modelCase instanceof CascadeCase;
    }

    /** Why there is no design section (e.g. the case has no purity targets). */
    public HtmlReport designUnavailable(String reason) {
        section("design", "Design from the targets (design)");
        body.append("<p class=\"note\">No design: ").append(esc(reason)).append("</p>\n");
        return this;
    }

    /** {@code transient --json} of the case's {@code transient} section: time to target, and the chart. */
    public HtmlReport startUp(ObjectNode t, List<NamedChart> chartList) {
        section("start-up", "Start-up (transient)");
        String src = "transient";
        body.append("<p>").append(esc(t.path("method").asText())).append(" simulation of ")
                .append(num(src, t, "/simulatedHours", Formats::general)).append(" h (")
                .append(Formats.general(t.path("simulatedHours").asDouble() / 24)).append(" days) from a ")
                .append(esc(t.path("initial").asText())).append(" cascade; largest conservation error ")
                .append(num(src, t, "/maxConservationError", HtmlReport::sci)).append(".</p>\n");
        tableStart(List.of("product", "purity of", "target", "on target after (days)", "purity at the end"));
        for (Iterator<String> it = t.path("timeToTarget").fieldNames(); it.hasNext(); ) {
            String product = it.next();
            JsonNode p = t.path("timeToTarget").path(product);
            String at = "/timeToTarget/" + product;
            body.append("<tr><th>").append(product.equals("organic") ? "loaded organic (A)" : "raffinate (B)")
                    .append("</th><td>").append(esc(join(p.path("purityOf")))).append("</td>")
                    .append(td(src, t, at + "/target", Formats::percent))
                    .append(p.path("reached").asBoolean() ? td(src, t, at + "/days", HtmlReport::two)
                            : p.path("projectedDays").isNumber() ? "<td class=\"missed\">not yet; projected about "
                            + two(p.path("projectedDays").asDouble()) + "</td>"
                            : "<td class=\"missed\">not yet</td>")
                    .append(td(src, t, at + "/finalPurity", Formats::percent)).append("</tr>\n");
        }
        tableEnd();
        if (t.path("timeToSteadyState").isObject()) {
            body.append("<p>Every stage within the steady-state tolerance after ")
                    .append(num(src, t, "/timeToSteadyState/days", HtmlReport::two)).append(" days.</p>\n");
        } else {
            body.append("<p><b>Steady state not reached</b> within the simulated time: at the end the largest stage "
                    + "deviation from the steady state is ").append(num(src, t, "/finalDistanceToSteadyState",
                    HtmlReport::sci)).append(" of the stage's content, so the purities at the end differ from the "
                    + "steady state of the case (the products can be on target long before the stage inventories "
                    + "settle; docs/tutorial-1974.md).</p>\n");
        }
        body.append("<p class=\"note\">A product counts as on target once its purity meets the target and its flow "
                + "is within 1 % of its steady flow, held to the end of the run (docs/tutorial-1974.md).</p>\n");
        chartList.forEach(this::chart);
        return this;
    }

    /** Why there is no start-up section. */
    public HtmlReport startUpUnavailable(String reason) {
        section("start-up", "Start-up (transient)");
        body.append("<p class=\"note\">").append(esc(reason)).append("</p>\n");
        return this;
    }

    // ------------------------------------------------------------------ the page

    /** The whole page. */
    public String toHtml(String generator) {
        StringBuilder b = new StringBuilder(body.length() + 8000);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                // nothing may be fetched: no scripts, no fonts, no images from elsewhere
                .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                        + "style-src 'unsafe-inline'; img-src data:\">\n")
                .append("<title>").append(esc(title)).append(" – sxcascade report</title>\n<style>\n").append(CSS)
                .append("</style>\n</head>\n<body>\n<header>\n<h1>").append(esc(title)).append("</h1>\n<p>")
                .append(esc(generator)).append(" · case file <code>").append(esc(caseFileName)).append("</code></p>\n")
                .append("<nav>");
        for (String entry : toc) {
            b.append(entry);
        }
        b.append("</nav>\n</header>\n<main>\n").append(body).append(toc.isEmpty() ? "" : "</section>\n").append("</main>\n<footer><p>").append(esc(footerUnits)).append(" Every number in the tables "
                + "carries its full-precision value and its JSON source (data-source, data-key, data-value).</p>"
                + "</footer>\n</body>\n</html>\n");
        return b.toString();
    }

    private static final String CSS = """
            :root { color-scheme: light; --ink: #1d2330; --muted: #5b6474; --line: #d9dde4; --accent: #0b5cad; }
            * { box-sizing: border-box; }
            body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: var(--ink); background: #f6f7f9; }
            header, main, footer { max-width: 1200px; margin: 0 auto; padding: 0 16px; }
            header { padding-top: 20px; }
            h1 { font-size: 1.5em; margin: 0 0 4px; }
            h2 { font-size: 1.25em; margin: 32px 0 8px; padding-top: 8px; border-top: 2px solid var(--line); }
            h3 { font-size: 1.05em; margin: 20px 0 4px; }
            header p, .unit, .note, footer { color: var(--muted); }
            .unit { margin: 0 0 6px; font-size: 0.9em; }
            nav { display: flex; flex-wrap: wrap; gap: 2px 14px; }
            nav a { color: var(--accent); text-decoration: none; white-space: nowrap; }
            section { background: #fff; border: 1px solid var(--line); border-radius: 8px; padding: 4px 16px 16px;
                      margin: 16px 0; }
            section > h2 { border-top: 0; margin-top: 12px; }
            .scroll { overflow-x: auto; -webkit-overflow-scrolling: touch; margin: 6px 0 12px; }
            table { border-collapse: collapse; font-variant-numeric: tabular-nums; font-size: 0.92em; }
            th, td { padding: 4px 8px; border-bottom: 1px solid var(--line); text-align: right; white-space: nowrap; }
            th:first-child, thead th { text-align: left; }
            thead th { background: #eef1f5; font-weight: 600; }
            tbody th { font-weight: 500; text-align: left; }
            tr.key td, tr.key th { font-weight: 700; }
            .met { color: #0a7a43; font-weight: 600; }
            .missed { color: #b3261e; font-weight: 600; }
            .badge { font-size: 0.82em; border: 1px solid currentColor; border-radius: 4px; padding: 0 4px;
                     margin-left: 4px; }
            tbody th .badge { display: block; width: max-content; margin: 2px 0 0; }
            dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: 2px 14px; margin: 8px 0; }
            dl.facts dt { color: var(--muted); }
            dl.facts dd { margin: 0; overflow-wrap: anywhere; }
            figure { margin: 16px 0; }
            figure svg { width: 100%; height: auto; display: block; border: 1px solid var(--line); border-radius: 6px;
                         background: #fff; }
            figcaption { color: var(--muted); font-size: 0.9em; margin-top: 4px; }
            details { margin: 10px 0; }
            summary { cursor: pointer; color: var(--accent); }
            pre { background: #f3f4f7; padding: 10px; border-radius: 6px; overflow-x: auto; font-size: 0.85em; }
            code { font-size: 0.92em; }
            @media (max-width: 600px) {
              body { font-size: 14px; }
              section { padding: 2px 10px 10px; border-radius: 0; margin: 10px -16px; }
              dl.facts { grid-template-columns: 1fr; }
              dl.facts dd { margin-bottom: 6px; }
            }
            @media print { body { background: #fff; } section { border: 0; } nav { display: none; } }
            """;

    // ------------------------------------------------------------------ pieces

    private void section(String id, String heading) {
        if (!toc.isEmpty()) {
            body.append("</section>\n");
        }
        toc.add("<a href=\"#" + id + "\">" + esc(heading) + "</a>");
        body.append("<section id=\"").append(id).append("\">\n<h2>").append(esc(heading)).append("</h2>\n");
    }

    private void chart(NamedChart c) {
        charts++;
        String id = "chart" + charts;
        body.append("<figure>\n").append(ChartWriter.inlineSvg(c.chart(), CHART_WIDTH, CHART_HEIGHT, id))
                .append("\n<figcaption>").append(esc(c.title())).append(" (<code>").append(esc(c.fileStem()))
                .append("</code> with <code>--plot</code>)</figcaption>\n</figure>\n");
    }

    private void tableStart(List<String> head) {
        body.append("<div class=\"scroll\"><table>\n<thead><tr>");
        for (String h : head) {
            body.append("<th>").append(esc(h)).append("</th>");
        }
        body.append("</tr></thead>\n<tbody>\n");
    }

    private void tableEnd() {
        body.append("</tbody></table></div>\n");
    }

    private void row(String src, JsonNode doc, String label, String symbol, String at, DoubleFunction<String> f) {
        body.append("<tr><th>").append(esc(label)).append("</th><td>").append(esc(symbol)).append("</td>")
                .append(td(src, doc, at, f)).append("</tr>\n");
    }

    private void plantRow(String src, JsonNode doc, String label, String at, String unit) {
        if (!doc.at(at).isNumber()) {
            return;
        }
        body.append("<tr><th>").append(esc(label)).append("</th>").append(td(src, doc, at, Formats::general))
                .append("<td>").append(esc(unit)).append("</td></tr>\n");
    }

    /** The target verdict, as a badge beside the product's name (visible without scrolling on a phone). */
    private static String verdict(JsonNode p) {
        if (!p.has("met")) {
            return "";
        }
        return p.path("met").asBoolean() ? " <span class=\"badge met\">target met</span>"
                : " <span class=\"badge missed\">target MISSED</span>";
    }

    private static String td(String src, JsonNode doc, String at, DoubleFunction<String> f) {
        return td(src, doc, at, f, "");
    }

    private static String td(String src, JsonNode doc, String at, DoubleFunction<String> f, String prefix) {
        return "<td>" + esc(prefix) + num(src, doc, at, f) + "</td>";
    }

    /** A number from a JSON document, formatted, inside a span that names its source. */
    private static String num(String src, JsonNode doc, String at, DoubleFunction<String> f) {
        JsonNode v = doc.at(at);
        if (!v.isNumber()) {
            return "–";
        }
        return "<span data-source=\"" + src + "\" data-key=\"" + esc(at) + "\" data-value=\"" + v.asText() + "\">"
                + esc(f.apply(v.asDouble())) + "</span>";
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static String join(JsonNode array) {
        List<String> s = new ArrayList<>();
        array.forEach(n -> s.add(n.asText()));
        return String.join("+", s);
    }

    /** A JSON Pointer reference token (RFC 6901: ~ → ~0, / → ~1). */
    static String pointer(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    static String sci(double v) {
        return String.format(Locale.ROOT, "%.1e", v);
    }

    static String two(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String integer(double v) {
        return String.format(Locale.ROOT, "%.0f", v);
    }

    /** HTML text and attribute escaping. */
    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
