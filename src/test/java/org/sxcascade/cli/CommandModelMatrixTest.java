package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command on every model and variant (issue 15, "Command × model matrix"). Each cell either
 * works, and then its output is checked for physics (mass-balance closure ≤ 1e-10, targets met
 * exactly when the printed purities reach them) and for the shape the docs promise (JSON keys, CSV
 * header); or it is refused with exit code 2 and a message naming what is not supported. No cell
 * may give exit code 1 or a stack trace. The table {@link #EXPECTED} is the matrix of
 * docs/commands.md, which {@link #docsShowTheMatrix()} checks word for word.
 */
class CommandModelMatrixTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final double CLOSURE = 1e-10;

    enum Command { SIMULATE, DESIGN, OPTIMIZE, TRANSIENT, REPORT, SWEEP, SWEEP_DESIGN, SWEEP_OPTIMIZE }

    enum Model { CMER, CONSTANT_D, MASS_ACTION, CORRELATION }

    enum Variant { PLAIN, MURPHREE, SIDE_DRAW, FLOWSHEET }

    /** How the test's name and docs/commands.md call a command, model or variant. */
    static String label(Enum<?> e) {
        return switch (e.name()) {
            case "SWEEP" -> "sweep (run: simulate)";
            case "SWEEP_DESIGN" -> "sweep (run: design)";
            case "SWEEP_OPTIMIZE" -> "sweep (run: optimize)";
            case "CMER" -> "CMER (separation-factors)";
            case "CONSTANT_D" -> "constant D (distribution-ratios)";
            case "MASS_ACTION" -> "mass action";
            case "CORRELATION" -> "correlation (mass action)";
            case "MURPHREE" -> "Murphree 0.9";
            case "SIDE_DRAW" -> "side draw";
            default -> e.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /**
     * What a cell does: works ({@code message} null), or is refused with exit 2 and a message
     * containing {@code message}; {@code doc} is the cell's text in docs/commands.md.
     */
    record Expect(String message, String doc) {
        static Expect works() {
            return new Expect(null, "✓");
        }

        static Expect refused(String message, String doc) {
            return new Expect(message, doc);
        }
    }

    // refusal messages, as the commands print them
    private static final String FLOWSHEET_ONLY_SIMULATE = "cascades = (a flowsheet of linked cascades) is not "
            + "allowed: a single-cascade case file for ";
    private static final String SWEEP_FLOWSHEET = "is not allowed: a single-cascade case file for sweep; flowsheets "
            + "run with `sxcascade simulate";
    private static final String DESIGN_NO_DRAWS = "sideDraws = (given) is not allowed: no sideDraws for design "
            + "and optimize";
    private static final String MA_DESIGN_NO_DRAWS = "sideDraws = a list is not allowed: none for design";
    private static final String MA_OPTIMIZE_NO_DRAWS = "sideDraws = 1 draw is not allowed: none for optimize";
    private static final String FLOWSHEET_MODELS = "model = distribution-ratios is not allowed: separation-factors "
            + "or mass-action (the models of flowsheets of linked cascades";

    /** The matrix: model → variant → command → what it does. */
    static final Map<Model, Map<Variant, Map<Command, Expect>>> EXPECTED = new LinkedHashMap<>();

    static {
        for (Model m : Model.values()) {
            Map<Variant, Map<Command, Expect>> row = new LinkedHashMap<>();
            for (Variant v : Variant.values()) {
                Map<Command, Expect> cells = new LinkedHashMap<>();
                for (Command c : Command.values()) {
                    cells.put(c, expect(c, m, v));
                }
                row.put(v, cells);
            }
            EXPECTED.put(m, row);
        }
    }

    private static Expect expect(Command c, Model m, Variant v) {
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        if (v == Variant.FLOWSHEET) {
            if (c == Command.SIMULATE) {
                return m == Model.CONSTANT_D ? Expect.refused(FLOWSHEET_MODELS, "no: CMER or mass action only")
                        : Expect.works();
            }
            if (c == Command.SWEEP || c == Command.SWEEP_DESIGN || c == Command.SWEEP_OPTIMIZE) {
                return Expect.refused(SWEEP_FLOWSHEET, "no: simulate only");
            }
            return Expect.refused(FLOWSHEET_ONLY_SIMULATE + label(c), "no: simulate only");
        }
        switch (c) {
            case SIMULATE, REPORT, SWEEP:
                return Expect.works();
            case DESIGN, OPTIMIZE, SWEEP_DESIGN, SWEEP_OPTIMIZE:
                if (v == Variant.SIDE_DRAW) {
                    String message = !massAction ? DESIGN_NO_DRAWS
                            : c == Command.OPTIMIZE || c == Command.SWEEP_OPTIMIZE ? MA_OPTIMIZE_NO_DRAWS
                            : MA_DESIGN_NO_DRAWS;
                    return Expect.refused(message, "no: side draws");
                }
                return Expect.works();
            case TRANSIENT:
                return Expect.works();
            default:
                throw new IllegalStateException(c.name());
        }
    }

    static Stream<Arguments> cells() {
        List<Arguments> all = new ArrayList<>();
        EXPECTED.forEach((m, row) -> row.forEach((v, cells) -> cells.forEach(
                (c, e) -> all.add(Arguments.of(c, m, v, e, label(c) + " × " + label(m) + " × " + label(v))))));
        return all.stream();
    }

    // ----------------------------------------------------------------------------- the cases

    private static final String CMER = """
            name: small CMER Pr/Nd
            model: separation-factors
            components:
              - {name: Pr, separationFactor: 1.0}
              - {name: Nd, separationFactor: 4.0}
            feed: {phase: aqueous, composition: {Pr: 0.25, Nd: 0.75}, flow: 10, concentration: 0.5}
            cascade: {extractionStages: 11, scrubStages: 8}
            flows: {organicFlow: 50.0334, organicLoading: 0.15, scrubFlow: 11.2575, scrubAcidity: 1.0}
            targets:
              organic: {purity: 0.999, components: [Nd]}
              aqueous: {purity: 0.999, components: [Pr]}
            """;
    private static final String CONSTANT_D = """
            name: small constant D
            model: distribution-ratios
            components:
              - {name: A, distributionRatio: 2.0}
              - {name: B, distributionRatio: 0.5}
            feed: {phase: aqueous, composition: {A: 0.5, B: 0.5}, flow: 10, concentration: 0.1}
            cascade: {extractionStages: 6, scrubStages: 6}
            flows: {organicFlow: 10, scrubFlow: 10}
            targets:
              organic: {purity: 0.9, components: [A]}
              aqueous: {purity: 0.9, components: [B]}
            """;
    /** cases/pr-nd-mass-action.yaml on 6 + 6 + 2 stages, with targets it can reach (and, for transient, hold-ups). */
    private static final String MASS_ACTION_TRANSIENT = MassActionTransientCommandTest.CASE;
    private static final String MASS_ACTION = MASS_ACTION_TRANSIENT.substring(0,
            MASS_ACTION_TRANSIENT.indexOf("transient:"));
    /** The same with the correlations of cases/pr-nd-correlation.yaml. */
    private static final String CORRELATION = correlation(MASS_ACTION);
    /** The hold-ups of the CMER and constant-D cases: 30 d sampled every 3 d, as the mass-action one. */
    private static final String TRANSIENT = "transient: {holdUp: {aqueous: 10, organic: 20}, simulatedTime: 30 d, "
            + "sampling: 3 d}\n";
    private static final Pattern EXCHANGE_CONSTANT = Pattern.compile("(?m)^(\\s+)exchangeConstant: ([0-9.]+)");

    private static String correlation(String massAction) {
        return massAction.replace("{name: Pr, exchangeConstant: 0.02}",
                        "{name: Pr, correlation: {pHSlope: 2.8, dimerSlope: 2.6, intercept: -1.75}}")
                .replace("{name: Nd, exchangeConstant: 0.03}",
                        "{name: Nd, correlation: {pHSlope: 2.9, dimerSlope: 2.7, intercept: -1.55}}");
    }

    /** The case file of a cell: inline YAML, or a flowsheet from the bundled ones. */
    private Path caseFile(Model m, Variant v, boolean transientSection) throws Exception {
        if (v == Variant.FLOWSHEET) {
            return switch (m) {
                case CMER -> Path.of("cases/la-ce-pr-nd.yaml");
                case MASS_ACTION -> Path.of("cases/la-ce-pr-nd-mass-action.yaml");
                // the same train with log10 D = 2.95 pH + 2.95 log10[(HA)2] + log10 K: near the mass-action
                // law (slopes 3), but a correlation (docs/mass-action.md)
                case CORRELATION -> write("case.yaml", EXCHANGE_CONSTANT.matcher(
                        Files.readString(Path.of("cases/la-ce-pr-nd-mass-action.yaml"))).replaceAll(
                                r -> r.group(1) + "correlation: {pHSlope: 2.95, dimerSlope: 2.95, intercept: "
                                        + Math.log10(Double.parseDouble(r.group(2))) + "}"));
                // the model is checked before anything else of a flowsheet
                case CONSTANT_D -> write("case.yaml", Files.readString(Path.of("cases/la-ce-pr-nd.yaml"))
                        .replace("model: separation-factors", "model: distribution-ratios"));
            };
        }
        String yaml = switch (m) {
            case CMER -> CMER;
            case CONSTANT_D -> CONSTANT_D;
            case MASS_ACTION -> MASS_ACTION;
            case CORRELATION -> CORRELATION;
        };
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        if (v == Variant.MURPHREE) {
            yaml += "efficiency: {extraction: 0.9, scrub: 0.9}\n";
        } else if (v == Variant.SIDE_DRAW) {
            // an aqueous draw from a scrub stage: CMER in mol RE per mol fed, the others in L/h
            yaml += "sideDraws:\n  - " + switch (m) {
                case CMER -> "{name: middle, stage: 14, phase: aqueous, flow: 0.1}";
                case CONSTANT_D -> "{name: middle, stage: 9, phase: aqueous, flow: 2}";
                default -> "{name: middle, stage: 9, phase: aqueous, flow: 0.5}";
            } + "\n";
        }
        if (transientSection) {
            yaml += massAction ? MASS_ACTION_TRANSIENT.substring(MASS_ACTION_TRANSIENT.indexOf("transient:"))
                    : TRANSIENT;
        }
        return write("case.yaml", yaml);
    }

    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        Path file = dir.resolve(name);
        Files.writeString(file, text);
        return file;
    }

    // ----------------------------------------------------------------------------- the test

    @ParameterizedTest(name = "{4}")
    @MethodSource("cells")
    void cell(Command c, Model m, Variant v, Expect e, String name) throws Exception {
        Path file = caseFile(m, v, c == Command.TRANSIENT);
        Path out = dir.resolve(c == Command.REPORT ? "out.html" : "out.csv");
        CliHarness r = switch (c) {
            case SIMULATE -> CliHarness.run("simulate", file.toString(), "--json", "--csv", out.toString());
            case DESIGN -> CliHarness.run("design", file.toString(), "--json");
            case OPTIMIZE -> CliHarness.run("optimize", file.toString(), "--json");
            case TRANSIENT -> CliHarness.run("transient", file.toString(), "--json", "--csv", out.toString());
            case REPORT -> CliHarness.run("report", file.toString(), "-o", out.toString());
            case SWEEP, SWEEP_DESIGN, SWEEP_OPTIMIZE -> CliHarness.run("sweep", sweepSpec(file, c, m).toString(),
                    "-o", out.toString());
        };
        assertThat(r.err()).as("no stack trace").doesNotContain("Exception", "\tat ");
        if (e.message() != null) {
            assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
            assertThat(r.err()).startsWith("error: ").contains(e.message());
            assertThat(r.out()).isEmpty();
            assertThat(out).doesNotExist();
            return;
        }
        assertThat(r.exitCode()).as(r.err()).isZero();
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        switch (c) {
            case SIMULATE -> {
                if (v == Variant.FLOWSHEET) {
                    checkFlowsheet(JSON.readTree(r.out()), out, m);
                } else {
                    checkSimulation(JSON.readTree(r.out()), massAction, v);
                    checkProfileCsv(out, massAction, JSON.readTree(r.out()));
                }
            }
            case DESIGN -> checkDesign(JSON.readTree(r.out()), m, v);
            case OPTIMIZE -> checkOptimum(JSON.readTree(r.out()), m, v);
            case TRANSIENT -> {
                checkTransient(JSON.readTree(r.out()), out, massAction, v);
                // started in the steady state of simulate, the dynamics stay in it: their steady state is simulate's
                CliHarness still = CliHarness.run("transient", file.toString(), "--json", "--initial", "steady-state",
                        "--time", "2d", "--sampling", "1d");
                assertThat(still.exitCode()).as(still.err()).isZero();
                JsonNode doc = JSON.readTree(still.out());
                // (to the integrator's accuracy at its default tolerance; TransientStageOptionsTest checks 1e-11)
                assertThat(doc.get("finalDistanceToSteadyState").asDouble()).isLessThan(1e-6);
                assertEndIsSimulate(doc, 1e-6);
            }
            case REPORT -> checkReport(out, massAction);
            case SWEEP, SWEEP_DESIGN, SWEEP_OPTIMIZE -> checkSweep(out, c, m);
        }
    }

    private Path sweepSpec(Path caseFile, Command c, Model m) throws Exception {
        Path base = caseFile.isAbsolute() ? caseFile : caseFile.toAbsolutePath();
        String parameter = c == Command.SWEEP
                ? "{path: flows.organicFlow, values: [" + (m == Model.CMER ? "50.0334" : m == Model.CONSTANT_D ? "10"
                        : "230") + "]}"
                : m == Model.MASS_ACTION || m == Model.CORRELATION ? "{path: targets.strip.purity, values: [0.9]}"
                : "{path: targets.organic.purity, values: [0.999]}";
        String run = c == Command.SWEEP ? "simulate" : c == Command.SWEEP_DESIGN ? "design" : "optimize";
        return write("spec.yaml", "name: matrix\nbase: " + base + "\nrun: " + run + "\nparameters:\n  - " + parameter
                + (c != Command.SWEEP_OPTIMIZE ? "" : m == Model.MASS_ACTION || m == Model.CORRELATION
                ? "\nrecord: [purities, stages, reagents, objective, work]"
                : "\nrecord: [purities, stages, flows, objective, work]") + "\n");
    }

    /** simulate --json of one cascade: closure, balances, targets against purities, the documented keys. */
    private static void checkSimulation(JsonNode doc, boolean massAction, Variant v) {
        assertThat(doc.fieldNames()).toIterable().contains("case", "converged", "method", "iterations", "residual",
                "massBalanceError", "flowUnit", "cascade", "products", "recoveries", "profile");
        assertThat(doc.get("converged").asBoolean()).isTrue();
        assertThat(doc.get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        assertThat(doc.get("residual").asDouble()).isLessThanOrEqualTo(CLOSURE);
        if (massAction) {
            assertThat(doc.get("model").asText()).isEqualTo("mass-action");
            for (String balance : List.of("rareEarthBalance", "hydrogenBalance", "cationBalance",
                    "extractantBalance")) {
                assertThat(doc.get(balance).asDouble()).as(balance).isLessThanOrEqualTo(CLOSURE);
            }
        }
        JsonNode cascade = doc.get("cascade");
        assertThat(doc.get("profile")).hasSize(cascade.get("totalStages").asInt());
        checkTargets(doc.get("products"));
        // every component's recoveries over all products (side draws included) add up to 1
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.get("recoveries").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> component = it.next();
            double sum = 0;
            for (JsonNode share : component.getValue()) {
                sum += share.asDouble();
            }
            assertThat(sum).as("recoveries of " + component.getKey()).isCloseTo(1, within(CLOSURE));
        }
        assertThat(cascade.get("sideDraws")).hasSize(v == Variant.SIDE_DRAW ? 1 : 0);
        if (v == Variant.SIDE_DRAW) {
            assertThat(doc.get("products")).anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("middle"));
        }
        if (v == Variant.MURPHREE) {
            assertThat(cascade.get("efficiency").get("extraction").asDouble()).isEqualTo(0.9);
        }
    }

    /** A product with a target is {@code met} exactly when its purity (and recovery) reach the target. */
    private static void checkTargets(JsonNode products) {
        for (JsonNode p : products) {
            if (!p.hasNonNull("target")) {
                continue;
            }
            boolean reached = p.get("purity").asDouble() >= p.get("target").asDouble()
                    && (!p.hasNonNull("recoveryTarget")
                            || p.get("recovery").asDouble() >= p.get("recoveryTarget").asDouble());
            assertThat(p.get("met").asBoolean()).as("met of " + p).isEqualTo(reached);
        }
    }

    private static void checkProfileCsv(Path csv, boolean massAction, JsonNode doc) throws Exception {
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith(massAction
                ? "stage,section,aqueous_flow_L_per_h,organic_flow_L_per_h,aqueous_Pr_mol_per_L"
                : "stage,section,aqueous_flow,organic_flow,x_");
        assertThat(lines).hasSize(1 + doc.get("cascade").get("totalStages").asInt());
    }

    private static void checkFlowsheet(JsonNode doc, Path csv, Model m) throws Exception {
        assertThat(doc.fieldNames()).toIterable().contains("flowsheet", "converged", "flowUnit", "model", "feeds",
                "cascades", "streams", "products", "tear", "closure", "targetsMet", switch (m) {
                    case CMER -> "separationFactors";
                    case MASS_ACTION -> "exchangeConstants";
                    default -> "correlations";
                });
        assertThat(doc.get("converged").asBoolean()).isTrue();
        assertThat(doc.get("closure").get("max").asDouble()).isLessThanOrEqualTo(CLOSURE);
        boolean all = true;
        for (JsonNode p : doc.get("products")) {
            if (p.hasNonNull("target")) {
                boolean reached = p.get("purity").asDouble() >= p.get("target").asDouble();
                assertThat(p.get("met").asBoolean()).as("met of " + p.get("stream")).isEqualTo(reached);
                all &= reached;
            }
        }
        assertThat(doc.get("targetsMet").asBoolean()).isEqualTo(all);
        assertThat(Files.readAllLines(csv).get(0)).startsWith("cascade,stage,section,");
    }

    /**
     * The fields every model's design and optimum give (one view, docs/design.md and docs/optimize.md):
     * the stage counts by section adding up, each operating flow named with its unit, each product's
     * purity against its target with the margin their difference, the verification's closure; and
     * the same numbers as the model's own fields.
     */
    private static void checkCommonView(JsonNode doc, Model m, boolean optimum) {
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        assertThat(doc.get("model").asText()).isEqualTo(massAction ? "mass-action"
                : m == Model.CMER ? "separation-factors" : "distribution-ratios");
        JsonNode stages = doc.get("stages");
        assertThat(stages.get("extraction").asInt() + stages.get("scrub").asInt() + stages.get("strip").asInt())
                .isEqualTo(stages.get("total").asInt());
        assertThat(stages.get("strip").asInt() > 0).isEqualTo(massAction);
        assertThat(doc.get("operatingFlows")).isNotEmpty().allSatisfy(q -> {
            assertThat(q.get("name").asText()).isNotEmpty();
            assertThat(q.has("unit")).isTrue();
            assertThat(q.get("value").isNumber()).isTrue();
        });
        assertThat(doc.get("productPurities")).hasSize(2).allSatisfy(p -> {
            assertThat(p.get("margin").asDouble()).isEqualTo(p.get("purity").asDouble() - p.get("target").asDouble());
            assertThat(p.get("purity").asDouble()).isGreaterThanOrEqualTo(p.get("target").asDouble());
        });
        assertThat(doc.get("verification").get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        // constant distribution ratios solve linearly, in 0 iterations
        assertThat(doc.get("verification").get("iterations").asInt()).isNotNegative();
        assertThat(doc.get("verification").get("residual").asDouble()).isNotNegative().isLessThan(1e-6);
        if (optimum) {
            assertThat(doc.get("binding")).isNotEmpty();
        }
        double organicFlow = -1;
        for (JsonNode q : doc.get("operatingFlows")) {
            if (q.path("field").asText().equals("flows.organicFlow")) {
                organicFlow = q.get("value").asDouble();
            }
        }
        if (massAction) {
            assertThat(stages.get("total").asInt())
                    .isEqualTo(doc.get("verification").get("cascade").get("totalStages").asInt());
            assertThat(organicFlow).isEqualTo(optimum ? doc.get("optimum").get("flows").get("organicFlow").asDouble()
                    : doc.get("plant").get("organicFlow").asDouble());
            String[] products = optimum ? new String[] {"raffinatePurity", "stripPurity"} : new String[] {"strip",
                "raffinate"};
            JsonNode own = optimum ? doc.get("optimum") : doc.get("purities");
            assertThat(doc.get("productPurities").get(0).get("purity").asDouble()).isEqualTo(own.get(products[0])
                    .asDouble());
            assertThat(doc.get("productPurities").get(1).get("purity").asDouble()).isEqualTo(own.get(products[1])
                    .asDouble());
        } else {
            assertThat(stages.get("extraction").asInt()).isEqualTo(optimum ? doc.get("extractionStages").asInt()
                    : doc.get("verifiedStages").get("extraction").asInt());
            JsonNode own = optimum ? doc.get("purities") : doc.get("verifiedPurities");
            assertThat(doc.get("productPurities").get(0).get("purity").asDouble()).isEqualTo(own.get("organic")
                    .asDouble());
            assertThat(doc.get("productPurities").get(1).get("purity").asDouble()).isEqualTo(own.get("aqueous")
                    .asDouble());
        }
    }

    private static void checkDesign(JsonNode doc, Model m, Variant v) {
        checkCommonView(doc, m, false);
        if (m == Model.MASS_ACTION || m == Model.CORRELATION) {
            assertThat(doc.fieldNames()).toIterable().contains("case", "model", "met", "targets", "purities",
                    "stages", "plant", "verification");
            JsonNode verification = doc.get("verification");
            checkSimulationBalances(verification);
            assertThat(verification.get("cascade").get("totalStages").asInt())
                    .isEqualTo(doc.get("stages").get("total").asInt());
            checkTargets(verification.get("products"));
            boolean met = true;
            for (Iterator<String> it = doc.get("targets").fieldNames(); it.hasNext(); ) {
                String product = it.next();
                met &= doc.get("purities").get(product).asDouble() >= doc.get("targets").get(product).asDouble();
            }
            assertThat(doc.get("met").asBoolean()).isEqualTo(met).isTrue();
        } else {
            assertThat(doc.fieldNames()).toIterable().contains("case", "keyPair", "control", "extractantFlow",
                    "scrubFlow", "verifiedStages", "verifiedPurities", "massBalanceError");
            assertThat(doc.get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
            // the products: mole fractions adding up to 1, the group purity (A | B of the case) as printed
            JsonNode products = doc.get("verifiedProducts");
            String[] group = m == Model.CMER ? new String[] {"Nd", "Pr"} : new String[] {"A", "B"};
            int k = 0;
            for (String product : List.of("organic", "aqueous")) {
                double purity = doc.get("verifiedPurities").get(product).asDouble();
                assertThat(purity).isGreaterThanOrEqualTo(doc.get("targets").get(product).asDouble());
                assertThat(products.get(product).get(group[k++]).asDouble()).isEqualTo(purity);
                double sum = 0;
                for (JsonNode x : products.get(product)) {
                    sum += x.asDouble();
                }
                assertThat(sum).isCloseTo(1, within(1e-12));
            }
            checkEfficiency(doc, v);
            if (m == Model.CONSTANT_D) {
                // the flow rule of docs/design.md: E_A = D_A·O/A = g in extraction, E_B = D_B·O/A = 1/g in scrubbing
                JsonNode lin = doc.get("distributionRatios");
                double g = lin.get("purificationPerStage").asDouble();
                assertThat(g).isGreaterThan(1).isLessThan(Math.sqrt(4.0));
                assertThat(2.0 * lin.get("organicToAqueousExtraction").asDouble()).isCloseTo(g, within(1e-12));
                assertThat(0.5 * lin.get("organicToAqueousScrub").asDouble()).isCloseTo(1 / g, within(1e-12));
                assertThat(lin.get("scrubFlow").asDouble() / 10).isCloseTo(lin.get("freeRatio").asDouble(),
                        within(1e-12)); // aqueous feed of 10 L/h: the free ratio is scrub/feed
            } else {
                assertThat(doc.has("distributionRatios")).isFalse();
            }
        }
    }

    /** A Murphree case's efficiencies are echoed; an equilibrium-stage case has none. */
    private static void checkEfficiency(JsonNode doc, Variant v) {
        if (v == Variant.MURPHREE) {
            assertThat(doc.get("efficiency").get("extraction").asDouble()).isEqualTo(0.9);
            assertThat(doc.get("efficiency").get("scrub").asDouble()).isEqualTo(0.9);
        } else {
            assertThat(doc.has("efficiency")).isFalse();
        }
    }

    private static void checkSimulationBalances(JsonNode simulation) {
        assertThat(simulation.get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        for (String balance : List.of("rareEarthBalance", "hydrogenBalance", "cationBalance", "extractantBalance")) {
            assertThat(simulation.get(balance).asDouble()).as(balance).isLessThanOrEqualTo(CLOSURE);
        }
    }

    private static void checkOptimum(JsonNode doc, Model m, Variant v) {
        checkCommonView(doc, m, true);
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        JsonNode verification = doc.get("verification");
        assertThat(verification.get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        if (massAction) {
            assertThat(doc.fieldNames()).toIterable().contains("case", "model", "objective", "optimum", "caseFlows",
                    "bounds", "search", "verification");
            checkSimulationBalances(verification);
            assertThat(doc.get("optimum").get("feasible").asBoolean()).isTrue();
            checkTargets(verification.get("products"));
            assertThat(verification.get("products")).filteredOn(p -> p.hasNonNull("target"))
                    .isNotEmpty().allSatisfy(p -> assertThat(p.get("met").asBoolean()).isTrue());
        } else {
            assertThat(doc.fieldNames()).toIterable().contains("case", "objective", "targets", "extractionStages",
                    "scrubStages", "totalStages", "extractantFlow", "scrubFlow", "purities", "objectiveValue");
            for (String product : List.of("organic", "aqueous")) {
                assertThat(doc.get("purities").get(product).asDouble())
                        .isGreaterThanOrEqualTo(doc.get("targets").get(product).asDouble());
            }
            checkEfficiency(doc, v);
            assertThat(doc.has("volumetricFlows")).isEqualTo(m == Model.CONSTANT_D);
            if (m == Model.CONSTANT_D) {
                assertThat(doc.get("volumetricFlows").get("purificationPerStage").asDouble()).isGreaterThan(1);
                assertThat(doc.get("acidPerMolFed").asDouble()).isZero(); // no cation exchange in this model
            }
        }
    }

    private static void checkTransient(JsonNode doc, Path csv, boolean massAction, Variant v) throws Exception {
        assertThat(doc.fieldNames()).toIterable().contains("case", "method", "units", "holdUp", "timeToTarget",
                "timeToSteadyState", "maxConservationError", "steadyState", "series");
        assertThat(doc.get("maxConservationError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        assertThat(doc.get("steadyState").get("massBalanceError").asDouble()).isLessThanOrEqualTo(CLOSURE);
        assertThat(doc.get("series")).hasSize(11); // 30 d sampled every 3 d
        for (JsonNode t : doc.get("timeToTarget")) {
            if (t.get("reached").asBoolean()) {
                assertThat(t.get("finalPurity").asDouble()).isGreaterThanOrEqualTo(t.get("target").asDouble());
            }
        }
        if (massAction) {
            assertThat(doc.get("model").asText()).isEqualTo("mass-action");
        }
        if (doc.get("timeToSteadyState").isObject()) {
            // a start-up that reached the steady state ends in that of simulate
            assertEndIsSimulate(doc, 1e-5);
        }
        if (v == Variant.SIDE_DRAW) {
            assertThat(doc.get("series").get(10).get("products"))
                    .anySatisfy(p -> assertThat(p.get("name").asText()).isEqualTo("middle"));
        }
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.get(0)).startsWith("time_h,time_d,");
        assertThat(lines).hasSize(12);
    }

    /** Every product (side draws too) at the end of a run at the purity and RE flow of simulate, relative {@code tol}. */
    private static void assertEndIsSimulate(JsonNode doc, double tol) {
        JsonNode series = doc.get("series");
        JsonNode end = series.get(series.size() - 1).get("products");
        JsonNode steady = doc.get("steadyState").get("products");
        assertThat(end).hasSameSizeAs(steady);
        // RE flows: the run's unit (mol/h) over simulate's (its products' flow unit) is one factor for all
        // products that carry more than traces
        double unit = Double.NaN;
        double largest = 0;
        for (JsonNode s : steady) {
            largest = Math.max(largest, s.path(s.has("rareEarthFlow") ? "rareEarthFlow" : "flowMolPerHour")
                    .asDouble(s.path("flow").asDouble()));
        }
        for (int i = 0; i < end.size(); i++) {
            JsonNode p = end.get(i);
            JsonNode s = steady.get(i);
            assertThat(p.get("stage").asInt()).isEqualTo(s.get("stage").asInt());
            double steadyFlow = s.path(s.has("rareEarthFlow") ? "rareEarthFlow" : "flowMolPerHour").asDouble(
                    s.path("flow").asDouble());
            if (steadyFlow > 1e-6 * largest) {
                double ratio = p.get("rareEarthFlow").asDouble() / steadyFlow;
                unit = Double.isNaN(unit) ? ratio : unit;
                assertThat(ratio).as(p.get("name").asText() + " RE flow").isCloseTo(unit, within(tol * unit));
            }
            if (s.hasNonNull("purity") && p.hasNonNull("purity")) {
                assertThat(p.get("purity").asDouble()).as(p.get("name").asText())
                        .isCloseTo(s.get("purity").asDouble(), within(tol));
            }
        }
    }

    private static final Pattern DATA = Pattern.compile(
            "data-source=\"simulate\" data-key=\"/(\\w+)\" data-value=\"([^\"]+)\"");

    private static void checkReport(Path html, boolean massAction) throws Exception {
        String text = Files.readString(html);
        assertThat(text).startsWith("<!DOCTYPE html>").endsWith("</html>\n");
        Map<String, Double> values = new LinkedHashMap<>();
        Matcher matcher = DATA.matcher(text);
        while (matcher.find()) {
            values.put(matcher.group(1), Double.parseDouble(matcher.group(2)));
        }
        List<String> balances = massAction ? List.of("massBalanceError", "hydrogenBalance",
                "cationBalance", "extractantBalance") : List.of("massBalanceError");
        for (String balance : balances) {
            assertThat(values).as(balance).containsKey(balance);
            assertThat(values.get(balance)).as(balance).isLessThanOrEqualTo(CLOSURE);
        }
    }

    private static void checkSweep(Path csv, Command c, Model m) throws Exception {
        boolean massAction = m == Model.MASS_ACTION || m == Model.CORRELATION;
        List<String> lines = Files.readAllLines(csv);
        String header = lines.get(0);
        List<String> columns = List.of(header.split(","));
        assertThat(header).startsWith(c == Command.SWEEP
                ? "point,flows.organicFlow,status,method,iterations,residual,mass_balance_error,"
                : massAction ? "point,targets.strip.purity,status," : "point,targets.organic.purity,status,");
        assertThat(header).endsWith(",reason");
        assertThat(lines).hasSize(2);
        List<String> row = List.of(lines.get(1).split(",", -1));
        assertThat(row.get(columns.indexOf("status"))).isEqualTo("ok");
        assertThat(Double.parseDouble(row.get(columns.indexOf("mass_balance_error")))).isLessThanOrEqualTo(CLOSURE);
        assertThat(Path.of(csv + ".sweep.json")).exists();
        if (c == Command.SWEEP_OPTIMIZE) {
            // the optimum's objective, as optimize --json of the point's case gives it
            assertThat(columns).contains("extraction_stages", "scrub_stages", "objective_value");
            assertThat(Double.parseDouble(row.get(columns.indexOf("objective_value")))).isPositive();
        }
        if (c == Command.SWEEP_DESIGN || c == Command.SWEEP_OPTIMIZE) {
            assertThat(columns).contains("extraction_stages", "scrub_stages");
            if (m == Model.CONSTANT_D) { // volumetric flows, not S and W
                assertThat(columns).contains("organic_flow_L_per_h").doesNotContain("S_mol_per_mol_fed");
            }
            // the designed cascade meets the swept target and the case's other one, as the row prints them
            double[][] targets = massAction ? new double[][] {{0.9}, {0.75}} : m == Model.CMER
                    ? new double[][] {{0.999}, {0.999}} : new double[][] {{0.999}, {0.9}};
            String[] purities = massAction ? new String[] {"purity_strip", "purity_raffinate"}
                    : new String[] {"purity_organic", "purity_aqueous"};
            for (int k = 0; k < 2; k++) {
                assertThat(Double.parseDouble(row.get(columns.indexOf(purities[k])))).as(purities[k])
                        .isGreaterThanOrEqualTo(targets[k][0]);
            }
        }
    }

    // ----------------------------------------------------------------------------- the docs

    /** The matrix of docs/commands.md as {@link #EXPECTED} writes it. */
    static String markdown() {
        StringBuilder b = new StringBuilder("| model | variant |");
        for (Command c : Command.values()) {
            String label = label(c);
            b.append(" `").append(label.replace(" (", "` (")).append(label.contains("(") ? " |" : "` |");
        }
        b.append("\n|---|---|");
        b.append("---|".repeat(Command.values().length)).append('\n');
        EXPECTED.forEach((m, row) -> row.forEach((v, cells) -> {
            b.append("| ").append(label(m)).append(" | ").append(label(v)).append(" |");
            cells.values().forEach(e -> b.append(' ').append(e.doc()).append(" |"));
            b.append('\n');
        }));
        return b.toString();
    }

    @Test
    void docsShowTheMatrix() throws Exception {
        assertThat(Files.readString(Path.of("docs/commands.md"))).as("docs/commands.md holds:\n" + markdown())
                .contains(markdown());
    }
}
