package org.sxcascade.io;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.flowsheet.Draw;
import org.sxcascade.flowsheet.Flowsheet;
import org.sxcascade.flowsheet.FlowsheetSettings;
import org.sxcascade.flowsheet.FlowsheetUnit;
import org.sxcascade.flowsheet.FreshFeed;
import org.sxcascade.flowsheet.Inlet;
import org.sxcascade.flowsheet.StreamTarget;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CmerStreams;
import org.sxcascade.model.CmerTemplate;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.MassActionPreload;
import org.sxcascade.model.MassActionStreams;
import org.sxcascade.model.MassActionTemplate;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.SolverSettings;

/**
 * Reads a flowsheet file (YAML; format in docs/flowsheets.md) into a validated {@link Flowsheet}.
 * A flowsheet file is a case file with a top-level {@code cascades:} list instead of
 * {@code feed}/{@code cascade}/{@code flows}. Strict like {@link CaseReader}: unknown or misspelt
 * keys, duplicate keys, wrong types, values out of range, unknown stream names and shares of one
 * stream summing above 1 are {@link InvalidInputException}s naming the field as a path
 * ({@code cascades[1].inlets[0].from}), the value and what is allowed.
 */
public final class FlowsheetReader {
    /** The key that makes a YAML file a flowsheet. */
    public static final String CASCADES = "cascades";

    private static final Set<String> TOP = Set.of("name", "description", "model", "components", "feeds", CASCADES,
            "targets", "solver");
    private static final Set<String> MA_TOP = Set.of("name", "description", "model", "components", "extractant",
            "feeds", CASCADES, "targets", "solver");
    private static final Set<String> FEED = Set.of("name", "composition", "amount");
    private static final Set<String> MA_FEED = Set.of("name", "composition", "flow", "concentration", "acidity");
    private static final Set<String> MA_CASCADE = Set.of("name", "extractionStages", "scrubStages", "stripStages",
            "flows", "efficiency", "inlets", "sideDraws");
    private static final Set<String> CASCADE = Set.of("name", "extractionStages", "scrubStages", "extractant",
            "acidScrub", "efficiency", "inlets", "sideDraws");
    private static final Set<String> EFFICIENCY = Set.of("extraction", "scrub");
    private static final Set<String> INLET = Set.of("from", "stage", "phase", "fraction");
    private static final Set<String> DRAW = Set.of("name", "stage", "phase", "flow");
    private static final Set<String> TARGET = Set.of("purity", "recovery", "components");
    private static final Set<String> SOLVER = Set.of("tolerance", "maxIterations", "tearTolerance",
            "maxTearIterations", "tearStart", "acceleration");

    private final CaseReader yaml = new CaseReader();

    /**
     * Whether a file is a flowsheet: a YAML mapping with a top-level {@code cascades} key. A file
     * that cannot be read or parsed is not (the ordinary reader then reports what is wrong).
     */
    public static boolean isFlowsheet(Path file) {
        try {
            if (!Files.isRegularFile(file)) {
                return false;
            }
            JsonNode root = new CaseReader().parseTree(Files.readString(file));
            return root.isObject() && root.has(CASCADES);
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /**
     * Refuses a flowsheet file for a command that works on single cascades (exit code 2 through
     * the command line's handler).
     *
     * @param command the command's name, e.g. {@code design}
     * @throws InvalidInputException if the file is a flowsheet
     */
    public static void refuseFlowsheet(Path file, String command) {
        if (isFlowsheet(file)) {
            throw new InvalidInputException(CASCADES, "(a flowsheet of linked cascades)",
                    "a single-cascade case file for " + command + "; flowsheets run with `sxcascade simulate "
                            + file + "` (docs/flowsheets.md) [" + file.getFileName() + "]");
        }
    }

    /** Reads and validates a flowsheet file; every error names the file. */
    public Flowsheet read(Path file) {
        JsonNode root = yaml.readTree(file);
        try {
            return fromTree(root);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.value(), e.allowed() + " [" + file.getFileName() + "]");
        }
    }

    /** Parses and validates flowsheet text. */
    public Flowsheet parse(String text) {
        return fromTree(yaml.parseTree(text));
    }

    /** Validates a flowsheet given as a YAML tree. */
    public Flowsheet fromTree(JsonNode root) {
        YamlMapping top = new YamlMapping(root, "");
        String model = root.isObject() && root.has("model") ? top.text("model", CaseReader.SEPARATION_FACTORS)
                : CaseReader.SEPARATION_FACTORS;
        if (model.equals(CaseReader.MASS_ACTION)) {
            return massAction(top);
        }
        model = top.text("model", CaseReader.SEPARATION_FACTORS);
        if (!model.equals(CaseReader.SEPARATION_FACTORS)) {
            throw new InvalidInputException("model", model, CaseReader.SEPARATION_FACTORS + " or "
                    + CaseReader.MASS_ACTION + " (the models of flowsheets of linked cascades; "
                    + CaseReader.DISTRIBUTION_RATIOS + " is for single cascades)");
        }
        top.allow(TOP);
        String name = top.optName("name", null);
        top.optText("description", null);

        // components
        JsonNode compsNode = top.required("components", "a list of components with name and separationFactor");
        if (!compsNode.isArray() || compsNode.isEmpty()) {
            throw new InvalidInputException("components", YamlMapping.describe(compsNode),
                    "a non-empty list of components");
        }
        List<String> names = new ArrayList<>();
        double[] beta = new double[compsNode.size()];
        for (int j = 0; j < compsNode.size(); j++) {
            YamlMapping comp = new YamlMapping(compsNode.get(j), "components[" + j + "]");
            comp.allow(Set.of("name", "separationFactor"));
            String componentName = comp.name("name", "a component name");
            if (names.contains(componentName)) {
                throw new InvalidInputException("components[" + j + "].name", componentName,
                        "a name not used by another component");
            }
            names.add(componentName);
            beta[j] = comp.positive("separationFactor");
        }
        ConstantSeparationFactors equilibrium = new ConstantSeparationFactors(beta);

        // feeds
        List<FreshFeed> feeds = new ArrayList<>();
        JsonNode feedList = list(top, "feeds", "a list of fresh feeds, each with name, composition and amount");
        for (int f = 0; f < feedList.size(); f++) {
            String path = "feeds[" + f + "]";
            YamlMapping feed = new YamlMapping(feedList.get(f), path);
            feed.allow(FEED);
            String feedName = feed.name("name", "a feed name");
            double[] z = composition(feed.obj("composition"), names);
            double amount = feed.positive("amount");
            try {
                feeds.add(new FreshFeed(feedName, z, amount));
            } catch (InvalidInputException e) {
                throw e.under(path);
            }
        }

        List<FlowsheetUnit> units = units(top, FlowsheetReader::cascade);
        return new Flowsheet(name, names, new CmerStreams(equilibrium), feeds, units, targets(top, names, beta),
                settings(top, false));
    }

    /**
     * A {@code model: mass-action} flowsheet: the chemistry ({@code components}, {@code extractant})
     * of a mass-action case, fresh feeds as aqueous solutions, cascades with the stage counts,
     * {@code flows} (pre-load included) and {@code efficiency} of a mass-action case, aqueous
     * inlets and organic inlets (at any stage; by default they join the cascade's own organic at stage 1).
     */
    private static Flowsheet massAction(YamlMapping top) {
        top.allow(MA_TOP);
        String name = top.optName("name", null);
        top.optText("description", null);
        CaseReader.MassActionChemistry chemistry = CaseReader.massActionChemistry(top);
        List<String> names = chemistry.names();
        List<FreshFeed> feeds = new ArrayList<>();
        JsonNode feedList = list(top, "feeds", "a list of fresh feeds, each with name, composition, flow, "
                + "concentration and acidity");
        for (int f = 0; f < feedList.size(); f++) {
            String path = "feeds[" + f + "]";
            YamlMapping feed = new YamlMapping(feedList.get(f), path);
            feed.allow(MA_FEED);
            String feedName = feed.name("name", "a feed name");
            double[] z = composition(feed.obj("composition"), names);
            double flow = feed.positive("flow");
            double concentration = feed.positive("concentration");
            double acidity = feed.has("acidity") ? feed.number("acidity") : 0;
            try {
                feeds.add(FreshFeed.ofSolution(feedName, z, new FreshFeed.Solution(flow, concentration, acidity)));
            } catch (InvalidInputException e) {
                throw e.under(path);
            }
        }
        List<FlowsheetUnit> units = units(top, c -> massActionCascade(c, chemistry));
        return new Flowsheet(name, names, new MassActionStreams(chemistry.equilibrium(), chemistry.cation()), feeds,
                units, targets(top, names, chemistry.orderConstants()), settings(top, true));
    }

    /**
     * The cascades of a flowsheet, each read by {@code cascade} from its mapping; an error names the
     * cascade ({@code cascades[i]}) unless it already does.
     */
    private static List<FlowsheetUnit> units(YamlMapping top, java.util.function.Function<YamlMapping, FlowsheetUnit> cascade) {
        List<FlowsheetUnit> units = new ArrayList<>();
        JsonNode cascadeList = list(top, CASCADES, "a list of cascades");
        for (int i = 0; i < cascadeList.size(); i++) {
            String path = "cascades[" + i + "]";
            try {
                units.add(cascade.apply(new YamlMapping(cascadeList.get(i), path)));
            } catch (InvalidInputException e) {
                throw e.field().startsWith(path) ? e : e.under(path);
            }
        }
        return units;
    }

    /**
     * A cascade of a mass-action flowsheet: stage counts, {@code flows} (with an optional
     * {@code preload}, checked against the flowsheet's extractant), {@code efficiency}, inlets and draws.
     */
    private static FlowsheetUnit massActionCascade(YamlMapping c, CaseReader.MassActionChemistry chemistry) {
        c.allow(MA_CASCADE);
        String unitName = c.name("name", "a cascade name");
        Cascade cascade = new Cascade(c.integer("extractionStages"), c.integer("scrubStages"));
        int strip = c.has("stripStages") ? c.integer("stripStages") : 0;
        YamlMapping f = c.obj("flows");
        f.allow(CaseReader.MA_FLOWS);
        MassActionFlows flows = CaseReader.massActionFlows(f);
        MassActionPreload preload = CaseReader.preload(f, chemistry.names());
        if (preload != null && !chemistry.equilibrium().preloadFits(flows.saponification(), preload.concentration())) {
            throw new InvalidInputException(f.at("preload.concentration"), preload.concentration(),
                    chemistry.equilibrium().preloadRange(flows.saponification()));
        }
        double[] efficiency = CaseReader.efficiency(c, CaseReader.MA_EFFICIENCY);
        List<Inlet> inlets = inlets(c);
        List<Draw> draws = draws(c, "L/h");
        List<SideDraw> sideDraws = new ArrayList<>();
        List<String> drawNames = new ArrayList<>();
        List<ProductTarget> noTargets = new ArrayList<>();
        for (Draw d : draws) {
            sideDraws.add(new SideDraw(d.stage(), d.phase(), d.flow()));
            drawNames.add(d.name());
            noTargets.add(null);
        }
        return new FlowsheetUnit(unitName, inlets, new MassActionTemplate(cascade, strip, flows, efficiency,
                new SideDraws(sideDraws, drawNames, noTargets), preload));
    }

    /** {@code targets: {<outlet>: {purity, recovery, components}}}. */
    private static List<StreamTarget> targets(YamlMapping top, List<String> names, double[] order) {
        List<StreamTarget> targets = new ArrayList<>();
        if (top.has("targets")) {
            YamlMapping t = top.obj("targets");
            Iterator<String> keys = t.node().fieldNames();
            while (keys.hasNext()) {
                String stream = keys.next();
                targets.add(new StreamTarget(stream, target(t, stream, names, order)));
            }
        }
        return targets;
    }

    /** The optional {@code solver} section ({@code tearStart} only for CMER flowsheets). */
    private static FlowsheetSettings settings(YamlMapping top, boolean massAction) {
        FlowsheetSettings settings = FlowsheetSettings.defaults();
        if (top.has("solver")) {
            YamlMapping s = top.obj("solver");
            s.allow(SOLVER);
            try {
                settings = new FlowsheetSettings(
                        s.has("tolerance") ? s.number("tolerance") : SolverSettings.DEFAULT_TOLERANCE,
                        s.has("maxIterations") ? s.integer("maxIterations") : SolverSettings.DEFAULT_NEWTON_ITERATIONS,
                        s.has("tearTolerance") ? s.number("tearTolerance") : FlowsheetSettings.DEFAULT_TEAR_TOLERANCE,
                        s.has("maxTearIterations") ? s.integer("maxTearIterations")
                                : FlowsheetSettings.DEFAULT_MAX_TEAR_ITERATIONS,
                        s.has("tearStart") ? FlowsheetSettings.TearStart.parse("solver.tearStart",
                                s.text("tearStart", "sharp, feed or uniform")) : FlowsheetSettings.TearStart.SHARP,
                        s.has("acceleration") ? FlowsheetSettings.Acceleration.parse("solver.acceleration",
                                s.text("acceleration", "wegstein or none")) : FlowsheetSettings.Acceleration.WEGSTEIN);
            } catch (InvalidInputException e) {
                throw e.field().startsWith("solver") ? e : e.under("solver");
            }
            if (massAction && settings.tearStart() == FlowsheetSettings.TearStart.SHARP) {
                if (s.has("tearStart")) {
                    throw new InvalidInputException("solver.tearStart", "sharp", "feed or uniform for a mass-action "
                            + "flowsheet: the sharp-split start needs every stream's RE total before solving, which "
                            + "only the CMER model fixes (docs/flowsheets.md)");
                }
                settings = settings.withTearStart(FlowsheetSettings.TearStart.FEED);
            }
        }
        return settings;
    }

    private static JsonNode list(YamlMapping top, String key, String allowed) {
        JsonNode node = top.required(key, allowed);
        if (!node.isArray() || node.isEmpty()) {
            throw new InvalidInputException(top.at(key), YamlMapping.describe(node), allowed + " (at least one)");
        }
        return node;
    }

    private static double[] composition(YamlMapping z, List<String> names) {
        double[] composition = new double[names.size()];
        Set<String> given = new HashSet<>();
        Iterator<String> keys = z.node().fieldNames();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!names.contains(key)) {
                throw new InvalidInputException(z.at(key), "(unknown component)",
                        CaseReader.componentsAllowed(key, names, "a component"));
            }
            double x = z.number(key);
            if (!(x >= 0 && x <= 1)) {
                throw new InvalidInputException(z.at(key), x, "a mole fraction from 0 to 1");
            }
            composition[names.indexOf(key)] = x;
            given.add(key);
        }
        for (String n : names) {
            if (!given.contains(n)) {
                throw new InvalidInputException(z.at(n), "(missing)", "a mole fraction for every component (0 if absent)");
            }
        }
        return composition;
    }

    private static FeedPhase phase(YamlMapping m) {
        String text = m.text("phase", "aqueous or organic");
        return switch (text) {
            case "aqueous" -> FeedPhase.AQUEOUS;
            case "organic" -> FeedPhase.ORGANIC;
            default -> throw new InvalidInputException(m.at("phase"), text, "aqueous or organic");
        };
    }

    private static FlowsheetUnit cascade(YamlMapping c) {
        c.allow(CASCADE);
        String unitName = c.name("name", "a cascade name");
        int n = c.integer("extractionStages");
        int m = c.integer("scrubStages");
        double s = c.positive("extractant");
        double w = c.number("acidScrub");
        double eExtraction = 1;
        double eScrub = 1;
        if (c.has("efficiency")) {
            YamlMapping e = c.obj("efficiency");
            e.allow(EFFICIENCY);
            eExtraction = e.has("extraction") ? e.number("extraction") : 1;
            eScrub = e.has("scrub") ? e.number("scrub") : 1;
        }
        List<Inlet> inlets = inlets(c);
        List<Draw> draws = draws(c, Draw.FLOW_UNIT);
        List<SideDraw> sideDraws = new ArrayList<>();
        List<String> drawNames = new ArrayList<>();
        for (Draw d : draws) {
            sideDraws.add(new SideDraw(d.stage(), d.phase(), d.flow()));
            drawNames.add(d.name());
        }
        return new FlowsheetUnit(unitName, inlets, new CmerTemplate(n, m, s, w, eExtraction, eScrub, sideDraws,
                drawNames));
    }

    /** The optional {@code sideDraws} of a cascade, flows in {@code unit}. */
    private static List<Draw> draws(YamlMapping c, String unit) {
        List<Draw> draws = new ArrayList<>();
        if (c.has("sideDraws")) {
            JsonNode drawList = c.node().get("sideDraws");
            if (!drawList.isArray()) {
                throw new InvalidInputException(c.at("sideDraws"), YamlMapping.describe(drawList), "a list of side draws");
            }
            for (int k = 0; k < drawList.size(); k++) {
                String path = c.at("sideDraws[" + k + "]");
                YamlMapping d = new YamlMapping(drawList.get(k), path);
                d.allow(DRAW);
                String drawName = d.name("name", "a draw name");
                int stage = d.integer("stage");
                FeedPhase phase = phase(d);
                double flow = d.number("flow");
                try {
                    if (!unit.equals(Draw.FLOW_UNIT)) {
                        // a Draw checks its flow in the CMER unit; other models' draws are in their own
                        InvalidInputException.requirePositive("flow", flow, unit);
                    }
                    draws.add(new Draw(drawName, stage, phase, flow));
                } catch (InvalidInputException e) {
                    throw e.under(path);
                }
            }
        }
        return draws;
    }

    /** {@code inlets} of a cascade: at least one, each with from, phase and optional stage and fraction. */
    private static List<Inlet> inlets(YamlMapping c) {
        List<Inlet> inlets = new ArrayList<>();
        JsonNode inletList = list(c, "inlets", "a list of inlets, each with from and phase");
        for (int k = 0; k < inletList.size(); k++) {
            String path = c.at("inlets[" + k + "]");
            YamlMapping in = new YamlMapping(inletList.get(k), path);
            in.allow(INLET);
            String from = in.text("from", "a fresh feed name or <cascade>.raffinate, <cascade>.organic, "
                    + "<cascade>.<draw> (CMER), <cascade>.strip (mass action)");
            FeedPhase phase = phase(in);
            Integer stage = in.has("stage") ? in.integer("stage") : null;
            double fraction = in.has("fraction") ? in.number("fraction") : 1.0;
            try {
                inlets.add(new Inlet(from, phase, stage, fraction));
            } catch (InvalidInputException e) {
                throw e.under(path);
            }
        }
        return inlets;
    }

    private static ProductTarget target(YamlMapping targets, String stream, List<String> names, double[] beta) {
        YamlMapping t = targets.obj(stream);
        t.allow(TARGET);
        String path = t.at("").replaceAll("\\.$", "");
        List<Integer> members = new ArrayList<>();
        if (t.has("components")) {
            JsonNode list = t.node().get("components");
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException(t.at("components"), YamlMapping.describe(list),
                        "a list of component names");
            }
            for (JsonNode item : list) {
                int index = names.indexOf(item.asText());
                if (index < 0 || !item.isTextual()) {
                    throw new InvalidInputException(t.at("components"), item.asText(),
                            CaseReader.componentsAllowed(item.asText(), names, "components"));
                }
                members.add(index);
            }
        } else if (names.size() == 2 && beta != null && beta[0] != beta[1]
                && (stream.endsWith("." + FlowsheetUnit.RAFFINATE) || stream.endsWith("." + FlowsheetUnit.ORGANIC)
                || stream.endsWith("." + MassActionTemplate.STRIP))) {
            // the raffinate takes the less extractable; the loaded organic and the strip liquor the more
            boolean organic = !stream.endsWith("." + FlowsheetUnit.RAFFINATE);
            members.add(organic == beta[0] > beta[1] ? 0 : 1);
        } else {
            throw new InvalidInputException(t.at("components"), "(missing)",
                    "the component names that make up this product (required except for the raffinate or "
                            + "organic of a binary)");
        }
        Double purity = t.has("purity") ? t.number("purity") : null;
        Double recovery = t.has("recovery") ? t.number("recovery") : null;
        if (purity == null && recovery == null) {
            throw new InvalidInputException(t.at("purity"), "(missing)", "a purity, a recovery or both");
        }
        try {
            return new ProductTarget(members, purity, recovery);
        } catch (InvalidInputException e) {
            throw e.under(path);
        }
    }
}
