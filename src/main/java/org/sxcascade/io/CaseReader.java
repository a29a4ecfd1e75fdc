package org.sxcascade.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.sxcascade.dynamics.HoldUp;
import org.sxcascade.dynamics.Times;
import org.sxcascade.dynamics.TransientCase;
import org.sxcascade.dynamics.TransientEvent;
import org.sxcascade.dynamics.TransientSettings;
import org.sxcascade.dynamics.StartupStrategy;
import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.EngineeringFlows;
import org.sxcascade.model.CostModel;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.Feed;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.ModelCase;
import org.sxcascade.model.Uncertainty;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.MassActionPreload;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.OperatingFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.model.SideDraw;
import org.sxcascade.model.SideDraws;
import org.sxcascade.model.SolverSettings;
import org.sxcascade.model.StageOptions;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;

/**
 * Reads a case file (YAML, format in docs/case-format.md) into a validated {@link CascadeCase}.
 * Strict: unknown or misspelt keys, duplicate keys, wrong types and values out of range are
 * errors that name the field (as a path such as {@code feed.composition.Nd}), the value and what
 * is allowed.
 */
public final class CaseReader {
    /** Model names in case files. */
    public static final String SEPARATION_FACTORS = "separation-factors";
    public static final String DISTRIBUTION_RATIOS = "distribution-ratios";
    public static final String MASS_ACTION = "mass-action";
    private static final Set<String> MA_TOP = Set.of("name", "description", "model", "components", "extractant",
            "feed", "cascade", "flows", "efficiency", "targets", "solver", "sideDraws",
            "transient",
            "feeds",
            "design", // the design settings (MassActionDesignSettings), read by design, checked by every command
            "optimize", // read by optimize (optimize.MassActionSettings), ignored by simulate
            "costs", // the cost model of optimize --objective cost, checked by every command
            "uncertainty", // the Monte Carlo's σ (--uncertainty), checked by every command
            "origin"); // how design or optimize made the case (report shows it), checked by every command
    private static final Set<String> MA_EXTRACTANT = Set.of("name", "concentration", "cation",
            "cationExchangeConstant");
    private static final Set<String> MA_FEED = Set.of("phase", "composition", "flow", "concentration", "acidity");
    private static final Set<String> MA_CASCADE = Set.of("extractionStages", "scrubStages", "stripStages");
    static final Set<String> MA_FLOWS = Set.of("organicFlow", "saponification", "scrubFlow", "scrubAcidity",
            "stripFlow", "stripAcidity", "reflux",
            "preload");
    private static final Set<String> MA_FEEDS_ENTRY = Set.of("name", "phase", "composition", "flow", "concentration",
            "acidity", "stage");
    private static final Set<String> MA_PRELOAD = Set.of("concentration", "composition");
    static final List<String> MA_EFFICIENCY = List.of("extraction", "scrub", "strip");
    private static final Set<String> MA_TARGETS = Set.of("aqueous", "strip");

    private static final Set<String> TOP = Set.of("name", "description", "model", "components", "feed", "cascade",
            "flows", "targets", "solver", "costs", "transient", "efficiency", "sideDraws", "uncertainty", "origin");
    private static final Set<String> ORIGIN = Set.of("command", "objective", "value", "unit", "exactValue",
            "marginNines", "digits", "binding");
    private static final List<String> EFFICIENCY = List.of("extraction", "scrub");
    private static final Set<String> SIDE_DRAW = Set.of("name", "stage", "phase", "flow", "target");
    private static final Set<String> COSTS = Set.of("currency", "residenceTime", "stageVolumePrice", "organicPrice",
            "acidPrice", "basePrice", "capitalCharge", "operatingHours");
    private static final Set<String> FEED = Set.of("phase", "composition", "flow", "concentration");
    private static final Set<String> CASCADE = Set.of("extractionStages", "scrubStages");
    private static final Set<String> PLANT = Set.of("organicFlow", "organicLoading", "scrubFlow", "scrubAcidity");
    /** Keys of {@code flows} for the CMER model: S and W, or plant flows. */
    private static final Set<String> CMER_FLOWS = Set.of("extractant", "scrub", "organicFlow", "organicLoading",
            "scrubFlow", "scrubAcidity");
    private static final Set<String> TARGETS = Set.of("organic", "aqueous");
    private static final Set<String> TARGET = Set.of("purity", "recovery", "components");
    private static final Set<String> SOLVER = Set.of("method", "tolerance", "maxIterations");
    private static final Set<String> TRANSIENT = Set.of("holdUp", "residenceTime", "simulatedTime", "sampling",
            "initial", "method", "tolerance", "steadyStateTolerance", "events", "strategies",
            "productFlowTolerance");
    /** Parameters of each start-up strategy in {@code transient.strategies}. */
    private static final java.util.Map<String, Set<String>> STRATEGY_KEYS = java.util.Map.of(
            "blank", Set.of(), "feed-filled", Set.of(), "pre-equilibrated", Set.of(),
            "loaded-organic", Set.of("loading"), "total-reflux", Set.of("drawAfter"),
            "ramped-feed", Set.of("from", "over", "steps", "flows"));
    private static final Set<String> PHASES = Set.of("aqueous", "organic");
    private static final Set<String> EVENT = Set.of("at", "feedComposition", "feedFlow", "organicFlow", "scrubFlow",
            "extractant", "scrub", "saponification", "scrubAcidity", "stripFlow", "stripAcidity", "reflux");

    /** What a file is read for: each command needs different parts. */
    private enum Purpose { SIMULATE, DESIGN, TRANSIENT, MASS_ACTION, MASS_ACTION_DESIGN }

    private final ObjectMapper yaml;

    public CaseReader() {
        YAMLFactory factory = new YAMLFactory();
        factory.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
        this.yaml = new ObjectMapper(factory);
    }

    /** Whether a case tree is a {@code model: mass-action} case ({@code false} for {@code null}). */
    public static boolean isMassAction(JsonNode root) {
        return root != null && root.isObject() && root.has("model") && MASS_ACTION.equals(root.get("model").asText());
    }

    /** Reads and validates a {@code model: mass-action} case file (docs/mass-action.md). */
    public MassActionCase readMassAction(Path file) {
        return (MassActionCase) readFile(file, Purpose.MASS_ACTION);
    }

    /**
     * Reads a case file for {@code simulate}, reading the file once: a {@link MassActionCase} for
     * {@code model: mass-action}, else a {@link CascadeCase} as {@link #read(Path)} gives it.
     */
    public Object readForSimulate(Path file) {
        JsonNode root = readTree(file);
        return parse(root, isMassAction(root) ? Purpose.MASS_ACTION : Purpose.SIMULATE, file);
    }

    /** Reads and validates a case file. */
    public CascadeCase read(Path file) {
        return (CascadeCase) readFile(file, Purpose.SIMULATE);
    }

    /**
     * Reads a case file for {@code transient}: a complete simulate case plus its {@code transient}
     * section (hold-ups, simulated time, sampling, events; docs/case-format.md).
     */
    public TransientCase readTransient(Path file) {
        return (TransientCase) readFile(file, Purpose.TRANSIENT);
    }

    /**
     * Reads a case file of any model for {@code transient}, reading the file once (for CMER and
     * constant-D cases as {@link #readTransient(Path)} reads them).
     */
    public TransientCase readForTransient(Path file) {
        JsonNode root = readTree(file);
        if (!isMassAction(root)) {
            return (TransientCase) parse(root, Purpose.TRANSIENT, file);
        }
        try {
            YamlMapping top = new YamlMapping(root, "");
            return massActionTransient(top, massAction(top));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.value(), e.allowed() + " [" + file.getFileName() + "]");
        }
    }

    /** A mass-action case with its {@code transient} section (the settings read as for any case). */
    private static TransientCase massActionTransient(YamlMapping top, MassActionCase c) {
        if (!top.has("transient")) {
            throw new InvalidInputException("transient", "(missing)", "a transient section with holdUp (L per "
                    + "stage) or residenceTime, and simulatedTime (docs/case-format.md)");
        }
        try {
            return TransientCase.of(c, transientSection(top, c.rareEarths()));
        } catch (InvalidInputException e) {
            throw e.field().startsWith("transient") || e.field().startsWith("efficiency") ? e : e.under("transient");
        }
    }

    /** Reads a file and parses it, naming the file in every error. */
    private Object readFile(Path file, Purpose purpose) {
        return parse(readTree(file), purpose, file);
    }

    /** Parses a tree read from {@code file}, naming the file in every error. */
    private Object parse(JsonNode root, Purpose purpose, Path file) {
        try {
            return parse(root, purpose);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.value(), e.allowed() + " [" + file.getFileName() + "]");
        }
    }

    /** Parses and validates case-file text. */
    public CascadeCase parse(String text) {
        return (CascadeCase) parse(text, Purpose.SIMULATE);
    }

    /** Parses and validates case-file text with its {@code transient} section. */
    public TransientCase parseTransient(String text) {
        return (TransientCase) parse(text, Purpose.TRANSIENT);
    }

    /**
     * Reads a case file for {@code design}: components, separation factors, feed and both purity
     * targets are required; {@code cascade} and {@code flows} are optional (design computes them),
     * and plant data in {@code flows} (organicLoading, scrubAcidity) is used for plant units.
     */
    public DesignInputs readDesign(Path file) {
        return (DesignInputs) readFile(file, Purpose.DESIGN);
    }

    /**
     * Reads a case file for {@code design}, reading the file once: {@link MassActionDesignInputs}
     * for {@code model: mass-action} (cascade and flows optional, the {@code design:} section),
     * else {@link DesignInputs} as {@link #readDesign(Path)} gives them.
     */
    public Object readForDesign(Path file) {
        JsonNode root = readTree(file);
        return parse(root, isMassAction(root) ? Purpose.MASS_ACTION_DESIGN : Purpose.DESIGN, file);
    }

    /**
     * Reads a YAML file into a tree, with the reader's checks of the file itself (missing,
     * unreadable, empty, malformed or with duplicate keys); the content is not validated. Sweeps
     * change values in such a tree and validate each point with {@link #fromTree(JsonNode)}.
     */
    public JsonNode readTree(Path file) {
        try {
            return parseTree(Files.readString(file));
        } catch (NoSuchFileException e) {
            throw new CaseFileException(file + ": no such file");
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new CaseFileException(file + ": " + notUtf8(file));
        } catch (IOException e) {
            throw new CaseFileException(file + ": cannot read (" + e.getMessage() + ")");
        } catch (CaseFileException e) {
            throw new CaseFileException(file + ": " + e.getMessage());
        }
    }

    /** Where a file is not UTF-8, in words: the first byte that is not, and its line. */
    private static String notUtf8(Path file) {
        try {
            byte[] bytes = Files.readAllBytes(file);
            java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(bytes);
            java.nio.charset.CoderResult r = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .decode(in, java.nio.CharBuffer.allocate(bytes.length), true);
            if (r.isError()) {
                int at = in.position();
                int line = 1;
                for (int i = 0; i < at; i++) {
                    line += bytes[i] == '\n' ? 1 : 0;
                }
                return String.format(Locale.ROOT, "not UTF-8 text: byte 0x%02X at line %d is not UTF-8 (a case file "
                        + "is UTF-8; save it in that encoding)", bytes[at] & 0xFF, line);
            }
        } catch (IOException e) {
            // fall through
        }
        return "not UTF-8 text (a case file is UTF-8; save it in that encoding)";
    }

    /**
     * The first control character of the text other than tab and line ends, as "line L, column C:
     * …", or {@code null}: YAML forbids them, and the parser reports them at the wrong place.
     */
    private static String controlCharacter(String text) {
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            if (c != '\t' && c != '\r' && (c < 0x20 || c == 0x7F || c >= 0x80 && c < 0xA0)) {
                return String.format(Locale.ROOT, "line %d, column %d: control character U+%04X is not allowed "
                        + "in a YAML file (delete it)", line, column, (int) c);
            }
            column++;
        }
        return null;
    }

    /** A YAML parser's message without the parser's internals (class names, its settings' names). */
    static String plainMessage(String message) {
        java.util.regex.Matcher m = java.util.regex.Pattern
                .compile("<org\\.yaml\\.snakeyaml\\.events\\.(\\w+)Event\\([^>]*\\)>").matcher(message);
        StringBuilder b = new StringBuilder();
        while (m.find()) {
            String what = switch (m.group(1)) {
                case "SequenceStart" -> "a list";
                case "MappingStart" -> "a mapping";
                case "Scalar" -> "a value";
                case "Alias" -> "an alias";
                default -> m.group(1).replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
            };
            m.appendReplacement(b, what);
        }
        m.appendTail(b);
        return b.toString()
                .replaceAll("Document nesting depth \\((\\d+)\\) exceeds the maximum allowed \\((\\d+)(, from `[^`]*`)?\\)",
                        "lists and mappings nested $1 deep, more than the $2 allowed")
                .replace("Expected a field name (Scalar value in YAML), got this instead:", "a key must be a plain name, not");
    }

    /** Parses YAML text into a tree (see {@link #readTree(Path)}); the content is not validated. */
    public JsonNode parseTree(String text) {
        JsonNode root;
        String control = controlCharacter(text);
        if (control != null) {
            throw new CaseFileException("malformed YAML at " + control);
        }
        try {
            root = yaml.readTree(text);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException y && y.getProblemMark() != null) {
                // the problem's own place (a tab in the indentation is on its line, not the block's)
                org.yaml.snakeyaml.error.Mark m = y.getProblemMark();
                throw new CaseFileException("malformed YAML at line " + (m.getLine() + 1) + ", column "
                        + (m.getColumn() + 1) + ": " + plainMessage(y.getProblem()));
            }
            JsonLocation at = e.getLocation();
            String where = at == null || at.getLineNr() < 1 ? ""
                    : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new CaseFileException("malformed YAML" + where + ": " + plainMessage(e.getOriginalMessage()));
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new CaseFileException("the case file is empty");
        }
        try {
            StrictYaml.check(text, root); // one document, no tags, quoted scalars marked
        } catch (org.yaml.snakeyaml.error.MarkedYAMLException e) { // in a later document, which Jackson did not read
            org.yaml.snakeyaml.error.Mark m = e.getProblemMark();
            throw new CaseFileException("malformed YAML at " + (m == null ? "" : "line " + (m.getLine() + 1)
                    + ", column " + (m.getColumn() + 1) + ": ") + e.getProblem());
        }
        return root;
    }

    /**
     * Validates a case given as a YAML tree (as {@link #readTree(Path)} returns it) with exactly
     * the checks and messages of {@link #read(Path)}. The tree is only read.
     */
    public CascadeCase fromTree(JsonNode root) {
        return (CascadeCase) parse(root, Purpose.SIMULATE);
    }

    /**
     * Validates a case of any model given as a YAML tree, as {@code simulate} reads a case file: a
     * {@link MassActionCase} for {@code model: mass-action}, else a {@link CascadeCase}. The tree is
     * only read.
     */
    public ModelCase modelCaseFromTree(JsonNode root) {
        return (ModelCase) parse(root, isMassAction(root) ? Purpose.MASS_ACTION : Purpose.SIMULATE);
    }

    /**
     * Validates a {@code model: mass-action} case given as a YAML tree with exactly the checks and
     * messages of {@link #readMassAction(Path)} (sweeps validate each point with it). The tree is
     * only read.
     */
    public MassActionCase massActionFromTree(JsonNode root) {
        return (MassActionCase) parse(root, Purpose.MASS_ACTION);
    }

    /**
     * Validates a tree for {@code design} of any model, as {@link #readForDesign(Path)}:
     * {@link MassActionDesignInputs} for {@code model: mass-action}, else {@link DesignInputs}.
     */
    public Object forDesignFromTree(JsonNode root) {
        return parse(root, isMassAction(root) ? Purpose.MASS_ACTION_DESIGN : Purpose.DESIGN);
    }

    /** Validates a tree for {@code design} and {@code optimize}, as {@link #readDesign(Path)}. */
    public DesignInputs designFromTree(JsonNode root) {
        return (DesignInputs) parse(root, Purpose.DESIGN);
    }

    private Object parse(String text, Purpose purpose) {
        return parse(parseTree(text), purpose);
    }

    private Object parse(JsonNode root, Purpose purpose) {
        boolean design = purpose == Purpose.DESIGN;
        YamlMapping top = new YamlMapping(root, "");
        if (isMassAction(root) || purpose == Purpose.MASS_ACTION) {
            if (purpose == Purpose.MASS_ACTION_DESIGN) {
                return massActionDesign(root);
            }
            if (purpose != Purpose.MASS_ACTION) {
                throw new InvalidInputException("model", MASS_ACTION, SEPARATION_FACTORS + " or " + DISTRIBUTION_RATIOS
                        + " here (mass-action cases are read by simulate, design, optimize, transient, report and sweeps with run: simulate)");
            }
            MassActionCase c = massAction(top);
            if (top.has("transient")) {
                massActionTransient(top, c); // checked as for the other models, used by transient only
            }
            return c;
        }
        top.allow(TOP);
        String name = top.optName("name", null);
        top.optText("description", null);
        String model = top.text("model", SEPARATION_FACTORS + ", " + DISTRIBUTION_RATIOS + " or " + MASS_ACTION);
        boolean cmer;
        if (model.equals(SEPARATION_FACTORS)) {
            cmer = true;
        } else if (model.equals(DISTRIBUTION_RATIOS)) {
            cmer = false;
        } else {
            throw new InvalidInputException("model", model, SEPARATION_FACTORS + ", " + DISTRIBUTION_RATIOS + " or "
                    + MASS_ACTION);
        }

        // components
        String parameterKey = cmer ? "separationFactor" : "distributionRatio";
        Components components = components(top, parameterKey, "a list of components with name and " + parameterKey,
                "a non-empty list of components");
        List<String> names = components.names();
        double[] parameters = components.parameters();
        EquilibriumModel equilibrium = cmer ? new ConstantSeparationFactors(parameters)
                : new ConstantDistributionRatios(parameters);

        // feed
        YamlMapping feedObj = top.obj("feed");
        feedObj.allow(FEED);
        String phaseText = feedObj.text("phase", "aqueous or organic");
        FeedPhase phase;
        switch (phaseText) {
            case "aqueous" -> phase = FeedPhase.AQUEOUS;
            case "organic" -> phase = FeedPhase.ORGANIC;
            default -> throw new InvalidInputException("feed.phase", phaseText, "aqueous or organic");
        }
        double[] composition = composition(feedObj, names);
        Double feedFlow = feedObj.optPositive("flow");
        Double feedConcentration = feedObj.optPositive("concentration");
        Feed feed;
        try {
            feed = new Feed(phase, composition, feedFlow, feedConcentration); // checks the sum
        } catch (InvalidInputException e) {
            throw e.under("feed");
        }

        if (design) {
            if (top.has("sideDraws")) {
                throw new InvalidInputException("sideDraws", "(given)", "no sideDraws for design and optimize: Xu's "
                        + "design is for a cascade without side draws; simulate the designed cascade with them "
                        + "instead");
            }
            double[] efficiency = efficiency(top, EFFICIENCY);
            return designInputs(top, name, cmer, names, parameters, feed,
                    new StageOptions(efficiency[0], efficiency[1], List.of(), List.of(), List.of()));
        }

        // cascade
        YamlMapping cascadeObj = top.obj("cascade");
        cascadeObj.allow(CASCADE);
        Cascade cascade = cascade(cascadeObj);

        // flows
        YamlMapping flowsObj = top.obj("flows");
        OperatingFlows flows = cmer ? cmerFlows(flowsObj, feed) : linearFlows(flowsObj, feed);

        // targets
        ProductTarget organicTarget = null;
        ProductTarget aqueousTarget = null;
        if (top.has("targets")) {
            YamlMapping targets = top.obj("targets");
            targets.allow(TARGETS);
            organicTarget = target(targets, "organic", names, parameters, true, true);
            aqueousTarget = target(targets, "aqueous", names, parameters, false, true);
        }

        // solver
        SolverSettings solver = solverSettings(top);
        costs(top);
        uncertainty(top);
        origin(top);
        StageOptions stageOptions = stageOptions(top, names, parameters);
        CascadeCase cascadeCase = new CascadeCase(name, names, equilibrium, feed, cascade, flows, organicTarget,
                aqueousTarget, solver, stageOptions);
        if (!stageOptions.sideDraws().isEmpty()) {
            // side draws must leave every stage a flow: the stage flows are built to check it
            org.sxcascade.solver.CascadeNetwork.of(cascadeCase);
        }
        if (!top.has("transient")) {
            if (purpose == Purpose.TRANSIENT) {
                throw new InvalidInputException("transient", "(missing)", "a transient section with holdUp (L per "
                        + "stage) or residenceTime, and simulatedTime (docs/case-format.md)");
            }
            return cascadeCase;
        }
        TransientCase transientCase = TransientCase.of(cascadeCase, transientSection(top, names));
        return purpose == Purpose.TRANSIENT ? transientCase : cascadeCase;
    }

    /** {@code feed.composition}: one mole fraction per component, by name. */
    private static double[] composition(YamlMapping feedObj, List<String> names) {
        return composition(feedObj, names, "feed.composition");
    }

    /** A {@code composition} mapping at {@code path}: one mole fraction per component, by name. */
    static double[] composition(YamlMapping feedObj, List<String> names, String path) {
        YamlMapping compositionObj = feedObj.obj("composition");
        double[] composition = new double[names.size()];
        Iterator<String> keys = compositionObj.node().fieldNames();
        Set<String> given = new java.util.HashSet<>();
        while (keys.hasNext()) {
            String key = keys.next();
            if (!names.contains(key)) {
                throw new InvalidInputException(path + "." + key, "(unknown component)",
                        componentsAllowed(key, names, "a component"));
            }
            double z = compositionObj.number(key);
            if (!(z >= 0 && z <= 1)) {
                throw new InvalidInputException(path + "." + key, z, "a mole fraction from 0 to 1");
            }
            composition[names.indexOf(key)] = z;
            given.add(key);
        }
        for (String n : names) {
            if (!given.contains(n)) {
                throw new InvalidInputException(path + "." + n, "(missing)",
                        "a mole fraction for every component (0 if absent)");
            }
        }
        return composition;
    }

    /** The names of the components and each one's parameter (separation factor, …), in file order. */
    private record Components(List<String> names, double[] parameters) {
    }

    /**
     * {@code components}: a list of entries with a distinct {@code name} and a positive
     * {@code parameterKey}; {@code required} and {@code nonEmpty} say what is allowed when the list
     * is missing or not a non-empty list.
     */
    private static Components components(YamlMapping top, String parameterKey, String required, String nonEmpty) {
        JsonNode compsNode = componentList(top, required, nonEmpty);
        double[] parameters = new double[compsNode.size()];
        List<String> names = componentNames(compsNode, Set.of("name", parameterKey),
                (comp, j) -> parameters[j] = comp.positive(parameterKey));
        return new Components(names, parameters);
    }

    /** The {@code components} list, checked to be a non-empty list. */
    private static JsonNode componentList(YamlMapping top, String required, String nonEmpty) {
        JsonNode compsNode = top.required("components", required);
        if (!compsNode.isArray() || compsNode.isEmpty()) {
            throw new InvalidInputException("components", YamlMapping.describe(compsNode), nonEmpty);
        }
        return compsNode;
    }

    /**
     * The distinct names of the entries of a {@code components} list, each entry allowed only
     * {@code keys}; {@code each} reads the rest of entry j.
     */
    private static List<String> componentNames(JsonNode compsNode, Set<String> keys,
                                               java.util.function.ObjIntConsumer<YamlMapping> each) {
        List<String> names = new ArrayList<>();
        for (int j = 0; j < compsNode.size(); j++) {
            YamlMapping comp = new YamlMapping(compsNode.get(j), "components", j);
            comp.allow(keys);
            String componentName = comp.name("name", "a component name");
            if (names.contains(componentName)) {
                throw new InvalidInputException("components[" + j + "].name", componentName,
                        "a name not used by another component");
            }
            names.add(componentName);
            each.accept(comp, j);
        }
        return names;
    }

    /** The rare earths of a mass-action case and each one's distribution law, in file order. */
    private record MassActionComponents(List<String> names, double[] constants, double[] acidSlopes,
                                        double[] dimerSlopes, boolean equalSlopes) {
    }

    private static final String MA_COMPONENT = "rare earths, each with a name and either exchangeConstant "
            + "(mass action) or correlation {pHSlope, dimerSlope, intercept}";

    /**
     * {@code components} of a mass-action case: each rare earth with either
     * {@code exchangeConstant: K} (mass action, {@code D = K e³/h³}) or
     * {@code correlation: {pHSlope: a, dimerSlope: b, intercept: c}}
     * ({@code log₁₀ D = a·pH + b·log₁₀ e + c}, e the free dimer in mol/L), which is read as
     * {@code K = 10^c} with slopes a and b (docs/mass-action.md).
     */
    private static MassActionComponents massActionComponents(YamlMapping top) {
        JsonNode compsNode = componentList(top, "a list of " + MA_COMPONENT, "a non-empty list of " + MA_COMPONENT);
        int r = compsNode.size();
        double[] constants = new double[r];
        double[] a = new double[r];
        double[] b = new double[r];
        List<String> names = componentNames(compsNode, Set.of("name", "exchangeConstant", "correlation"), (comp, j) -> {
            if (comp.has("exchangeConstant") && comp.has("correlation")) {
                throw new InvalidInputException(comp.at("correlation"), "(given with exchangeConstant)",
                        "either exchangeConstant (mass action) or correlation, not both");
            }
            if (comp.has("correlation")) {
                YamlMapping law = comp.obj("correlation");
                law.allow(Set.of("pHSlope", "dimerSlope", "intercept"));
                b[j] = law.number("dimerSlope");
                if (!(b[j] > 0 && b[j] <= MassActionEquilibrium.MAX_SLOPE)) {
                    throw new InvalidInputException(law.at("dimerSlope"), b[j],
                            "above 0 and at most 6 (the slope of log10 D against log10 of the free dimer, mol/L)");
                }
                a[j] = law.number("pHSlope");
                if (!MassActionEquilibrium.slopesAllowed(a[j], b[j])) {
                    throw new InvalidInputException(law.at("pHSlope"), a[j], MassActionEquilibrium.slopeRange(b[j]));
                }
                double c = law.number("intercept");
                if (!(c >= -300 && c <= 300)) {
                    throw new InvalidInputException(law.at("intercept"), c,
                            "a number from -300 to 300 (log10 D at pH 0 and 1 mol/L free dimer)");
                }
                constants[j] = Math.pow(10, c);
            } else {
                comp.required("exchangeConstant", "an exchange constant K_ex > 0 (mass action), or a correlation "
                        + "{pHSlope, dimerSlope, intercept}");
                constants[j] = comp.positive("exchangeConstant");
                a[j] = MassActionEquilibrium.MASS_ACTION_SLOPE;
                b[j] = MassActionEquilibrium.MASS_ACTION_SLOPE;
            }
        });
        boolean equal = true;
        for (int j = 0; j < r; j++) {
            equal &= a[j] == a[0] && b[j] == b[0];
        }
        return new MassActionComponents(names, constants, a, b, equal);
    }

    /**
     * The chemistry of a mass-action file: its rare earths, their model and the extractant.
     *
     * @param names          the rare earths
     * @param equilibrium    the model, molar scale 1 (set it with {@link MassActionEquilibrium#withMolarScale})
     * @param cation         the saponifying cation's name
     * @param orderConstants the order of extractability, for a binary's default target members: K_j
     *                       when the slopes are equal (then D_i/D_j = K_i/K_j on every stage), else
     *                       {@code null} (it depends on pH)
     */
    record MassActionChemistry(List<String> names, MassActionEquilibrium equilibrium, String cation,
                               double[] orderConstants) {
    }

    /** {@code components} and {@code extractant} of a mass-action case or flowsheet. */
    static MassActionChemistry massActionChemistry(YamlMapping top) {
        MassActionComponents components = massActionComponents(top);
        List<String> names = components.names();
        YamlMapping ex = top.obj("extractant");
        ex.allow(MA_EXTRACTANT);
        ex.optName("name", null);
        double concentration = ex.positive("concentration");
        String cation = ex.optName("cation", "Na");
        if (names.contains(cation) || cation.equals("H")) {
            throw new InvalidInputException("extractant.cation", cation, "a name other than the rare earths' and H");
        }
        double cationConstant = ex.positive("cationExchangeConstant");
        MassActionEquilibrium equilibrium = new MassActionEquilibrium(components.constants(), components.acidSlopes(),
                components.dimerSlopes(), cationConstant, concentration, 1.0);
        return new MassActionChemistry(names, equilibrium, cation,
                components.equalSlopes() ? components.constants() : null);
    }

    /** The plant flows of a mass-action cascade ({@code flows}; keys checked by the caller). */
    static MassActionFlows massActionFlows(YamlMapping f) {
        return new MassActionFlows(f.positive("organicFlow"),
                f.has("saponification") ? f.number("saponification") : 0,
                f.has("scrubFlow") ? f.number("scrubFlow") : 0, f.has("scrubAcidity") ? f.number("scrubAcidity") : 0,
                f.has("stripFlow") ? f.number("stripFlow") : 0, f.has("stripAcidity") ? f.number("stripAcidity") : 0,
                f.has("reflux") ? f.number("reflux") : 0);
    }

    /**
     * The optional {@code flows.preload} of a mass-action cascade ({@code concentration} mol/L RE
     * in the organic, {@code composition} over the rare earths), or {@code null}; fields are
     * {@code <flows>.preload.…}. Whether it fits the organic is the model's check.
     */
    static MassActionPreload preload(YamlMapping f, List<String> names) {
        if (!f.has("preload")) {
            return null;
        }
        YamlMapping pre = f.obj("preload");
        pre.allow(MA_PRELOAD);
        double concentration = pre.number("concentration");
        double[] composition = composition(pre, names, pre.at("composition"));
        try {
            return new MassActionPreload(concentration, composition);
        } catch (InvalidInputException e) {
            throw e.under(f.at("preload"));
        }
    }

    /** The stage counts n and m of the {@code cascade} section. */
    private static Cascade cascade(YamlMapping cascadeObj) {
        int extractionStages = cascadeObj.integer("extractionStages");
        int scrubStages = cascadeObj.integer("scrubStages");
        try {
            return new Cascade(extractionStages, scrubStages);
        } catch (InvalidInputException e) {
            throw e.under("cascade");
        }
    }

    /** A {@code model: mass-action} case (docs/mass-action.md). */
    private static MassActionCase massAction(YamlMapping top) {
        top.allow(MA_TOP);
        costs(top);
        uncertainty(top);
        origin(top);
        String name = top.optName("name", null);
        top.optText("description", null);
        MassActionChemistry chemistry = massActionChemistry(top);
        List<String> names = chemistry.names();
        double[] constants = chemistry.orderConstants();
        MassActionDesignSettings.read(top, chemistry.equilibrium().extractantConcentration()); // checked here too: unknown keys are errors for every command

        List<MassActionFeed> feeds = massActionFeeds(top, names);
        YamlMapping cascadeObj = top.obj("cascade");
        cascadeObj.allow(MA_CASCADE);
        Cascade cascade = cascade(cascadeObj);
        int strip = cascadeObj.has("stripStages") ? cascadeObj.integer("stripStages") : 0;
        YamlMapping f = top.obj("flows");
        f.allow(MA_FLOWS);
        MassActionFlows flows = massActionFlows(f);
        MassActionPreload preload = preload(f, names);
        double[] efficiency = efficiency(top, MA_EFFICIENCY);
        ProductTarget raffinate = null;
        ProductTarget stripProduct = null;
        if (top.has("targets")) {
            YamlMapping targets = top.obj("targets");
            targets.allow(MA_TARGETS);
            raffinate = target(targets, "aqueous", names, constants, false, true);
            stripProduct = target(targets, "strip", names, constants, true, true);
        }
        SolverSettings solver = solverSettings(top);
        double feedRate = 0;
        for (MassActionFeed fd : feeds) {
            feedRate += fd.rareEarthRate();
        }
        MassActionEquilibrium equilibrium = chemistry.equilibrium().withMolarScale(feedRate);
        String cation = chemistry.cation();
        SideDraws draws = sideDraws(top, names, constants);
        // MassActionCase checks each feed's and draw's stage against the cascade
        MassActionCase c = new MassActionCase(name, names, equilibrium, cation, feeds, cascade, strip, flows, preload,
                efficiency, raffinate, stripProduct, draws, solver);
        if (!draws.isEmpty()) {
            // side draws must leave every stage a flow: the stage flows are built to check it
            org.sxcascade.solver.CascadeNetwork.massAction(c);
        }
        return c;
    }

    /**
     * The aqueous feeds of a mass-action case: {@code feed} (one feed at stage n) or {@code feeds}
     * (a list, each with its own optional {@code stage} and {@code name}); exactly one of the two.
     */
    private static List<MassActionFeed> massActionFeeds(YamlMapping top, List<String> names) {
        if (top.has("feed") && top.has("feeds")) {
            throw new InvalidInputException("feeds", "(given with feed)",
                    "either feed (one aqueous feed at stage n) or feeds (a list), not both");
        }
        if (!top.has("feeds")) {
            top.required("feed", "one aqueous feed (feed: a mapping) or several (feeds: a list)");
            YamlMapping feedObj = top.obj("feed");
            feedObj.allow(MA_FEED);
            return List.of(massActionFeed(feedObj, names, "feed", false));
        }
        JsonNode list = top.required("feeds", "a list of aqueous feeds");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidInputException("feeds", YamlMapping.describe(list),
                    "a non-empty list of aqueous feeds, each with composition, concentration, flow, acidity, stage");
        }
        List<MassActionFeed> feeds = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            YamlMapping feedObj = new YamlMapping(list.get(i), "feeds", i);
            feedObj.allow(MA_FEEDS_ENTRY);
            feeds.add(massActionFeed(feedObj, names, "feeds[" + i + "]", true));
        }
        return feeds;
    }

    private static MassActionFeed massActionFeed(YamlMapping feedObj, List<String> names, String path, boolean listed) {
        String phaseText = feedObj.optText("phase", "aqueous");
        if (!phaseText.equals("aqueous")) {
            throw new InvalidInputException(path + ".phase", phaseText,
                    "aqueous (the mass-action feed is a RE chloride solution; a loaded organic fed at stage n + 1 is "
                            + "an organic link from the cascade that loads it, in a flowsheet: docs/flowsheets.md)");
        }
        double[] composition = composition(feedObj, names, path + ".composition");
        double feedFlow = feedObj.positive("flow");
        double feedConcentration = feedObj.positive("concentration");
        double acidity = feedObj.has("acidity") ? feedObj.number("acidity") : 0;
        String feedName = listed ? feedObj.optName("name", null) : null;
        Integer stage = listed && feedObj.has("stage") ? feedObj.integer("stage") : null;
        try {
            return new MassActionFeed(feedName, new Feed(FeedPhase.AQUEOUS, composition, feedFlow, feedConcentration),
                    acidity, stage);
        } catch (InvalidInputException e) {
            throw e.under(path);
        }
    }

    /**
     * A mass-action case for {@code design} (docs/design.md, "Mass-action cascades"). Cascade and
     * flows are optional (flows may hold only {@code preload}): when the file has a cascade or plant
     * flows, the file is checked as {@code simulate} would check it. The template handed to design carries the file's n and m (1 + 1 without a
     * {@code cascade}), so that a feed with a {@code stage} of its own has its offset from stage n
     * (which the design keeps); its strip stages and flows are provisional (p = 1, the flows
     * below), and design replaces them before solving anything. The pre-load
     * ({@code flows.preload}) and the feeds are kept.
     */
    private static MassActionDesignInputs massActionDesign(JsonNode root) {
        if (root.has("sideDraws")) {
            throw new InvalidInputException("sideDraws", YamlMapping.describe(root.get("sideDraws")),
                    "none for design (Xu's design is for a cascade without side draws; simulate the designed "
                            + "cascade with them instead)");
        }
        JsonNode feeds = root.path("feeds");
        for (int i = 0; feeds.isArray() && i < feeds.size(); i++) {
            if (feeds.get(i).has("stage") && !root.path("cascade").has("extractionStages")) {
                throw new InvalidInputException("feeds[" + i + "].stage", YamlMapping.describe(feeds.get(i).get("stage")),
                        "given only with cascade.extractionStages for design: the designed cascade keeps each feed's "
                                + "offset from stage n (stage − n), which needs the n the stage was given for; "
                                + "leave stage out to feed stage n");
            }
        }
        // flows holding only the pre-load (kept by the design) are not flows to check as simulate would
        JsonNode givenFlows = root.path("flows");
        boolean plantFlows = givenFlows.isObject() ? givenFlows.size() > (givenFlows.has("preload") ? 1 : 0)
                : root.has("flows");
        if (root.has("cascade") || plantFlows) {
            massAction(new YamlMapping(root, ""));
        }
        com.fasterxml.jackson.databind.node.ObjectNode provisional =
                ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy();
        JsonNode given = root.path("cascade");
        provisional.putObject("cascade")
                .put("extractionStages", given.has("extractionStages") ? given.get("extractionStages").asInt() : 1)
                .put("scrubStages", given.has("scrubStages") ? given.get("scrubStages").asInt() : 1)
                .put("stripStages", 1);
        // s = 0.5 takes every pre-load that some saponification takes (Y ≤ 2sC/3 and Y < 2C(1 − s)/3
        // together need Y < C/3); design checks the pre-load again at the designed saponification
        com.fasterxml.jackson.databind.node.ObjectNode flows = provisional.putObject("flows");
        flows.put("organicFlow", 1.0).put("saponification", 0.5).put("stripFlow", 1.0).put("stripAcidity", 1.0)
                .put("reflux", 0.5);
        if (root.path("flows").has("preload")) {
            flows.set("preload", root.get("flows").get("preload").deepCopy());
        }
        YamlMapping top = new YamlMapping(provisional, "");
        MassActionCase template = massAction(top);
        MassActionDesignSettings settings = MassActionDesignSettings.read(top,
                template.equilibrium().extractantConcentration());
        return new MassActionDesignInputs(template, settings, root);
    }

    /** The optional {@code solver} section. */
    private static SolverSettings solverSettings(YamlMapping top) {
        if (!top.has("solver")) {
            return SolverSettings.defaults();
        }
        YamlMapping s = top.obj("solver");
        s.allow(SOLVER);
        String methodText = s.optText("method", "newton");
        SolverSettings.Method method = SolverSettings.Method.parse("solver.method", methodText);
        SolverSettings defaults = SolverSettings.defaults(method);
        double tolerance = s.has("tolerance") ? s.number("tolerance") : defaults.tolerance();
        int maxIterations = s.has("maxIterations") ? s.integer("maxIterations") : defaults.maxIterations();
        try {
            return new SolverSettings(method, tolerance, maxIterations);
        } catch (InvalidInputException e) {
            throw e.under("solver");
        }
    }

    /** The optional {@code efficiency} and {@code sideDraws} sections. */
    private static StageOptions stageOptions(YamlMapping top, List<String> names, double[] parameters) {
        double[] efficiency = efficiency(top, EFFICIENCY);
        return new StageOptions(efficiency[0], efficiency[1], sideDraws(top, names, parameters));
    }

    /**
     * The optional {@code sideDraws} list (every model): name, stage, phase, flow in the case's
     * flow basis and an optional target. Stages and flows are checked against the cascade by the
     * case and its stage network.
     */
    private static SideDraws sideDraws(YamlMapping top, List<String> names, double[] parameters) {
        if (!top.has("sideDraws")) {
            return SideDraws.NONE;
        }
        List<SideDraw> draws = new ArrayList<>();
        List<String> drawNames = new ArrayList<>();
        List<ProductTarget> drawTargets = new ArrayList<>();
        JsonNode list = top.required("sideDraws", "a list of side draws");
        if (!list.isArray()) {
            throw new InvalidInputException("sideDraws", YamlMapping.describe(list),
                    "a list of side draws, each with name, stage, phase and flow");
        }
        for (int i = 0; i < list.size(); i++) {
            YamlMapping d = new YamlMapping(list.get(i), "sideDraws", i);
            d.allow(SIDE_DRAW);
            drawNames.add(d.optName("name", "draw " + (i + 1)));
            int stage = d.integer("stage");
            String phaseText = d.text("phase", "aqueous or organic");
            FeedPhase phase = switch (phaseText) {
                case "aqueous" -> FeedPhase.AQUEOUS;
                case "organic" -> FeedPhase.ORGANIC;
                default -> throw new InvalidInputException("sideDraws[" + i + "].phase", phaseText,
                        "aqueous or organic");
            };
            double flow = d.positive("flow");
            try {
                drawTargets.add(target(d, "target", names, parameters, phase == FeedPhase.ORGANIC, true));
            } catch (InvalidInputException e) {
                // target() names its fields under "targets.target"
                throw new InvalidInputException(e.field().replace("targets.target", "sideDraws[" + i + "].target"),
                        e.value(), e.allowed());
            }
            try {
                draws.add(new SideDraw(stage, phase, flow));
            } catch (InvalidInputException e) {
                throw e.under("sideDraws[" + i + "]");
            }
        }
        return new SideDraws(draws, drawNames, drawTargets);
    }

    /** The optional {@code efficiency} section: the Murphree efficiency of each section, default 1. */
    static double[] efficiency(YamlMapping top, List<String> sections) {
        double[] efficiency = new double[sections.size()];
        java.util.Arrays.fill(efficiency, 1);
        if (top.has("efficiency")) {
            YamlMapping e = top.obj("efficiency");
            e.allow(Set.copyOf(sections));
            for (int i = 0; i < efficiency.length; i++) {
                if (e.has(sections.get(i))) {
                    efficiency[i] = e.number(sections.get(i));
                }
            }
        }
        return efficiency;
    }

    /** The {@code transient} section, its errors named under {@code transient}. */
    private static TransientSettings transientSection(YamlMapping top, List<String> names) {
        try {
            return transientSettings(top.obj("transient"), names);
        } catch (InvalidInputException e) {
            throw e.field().startsWith("transient") ? e : e.under("transient");
        }
    }

    private static TransientSettings transientSettings(YamlMapping t, List<String> names) {
        t.allow(TRANSIENT);
        if (t.has("holdUp") == t.has("residenceTime")) {
            throw new InvalidInputException(t.has("holdUp") ? "transient.residenceTime" : "transient.holdUp",
                    t.has("holdUp") ? "given with holdUp" : "(missing)",
                    "exactly one of holdUp {aqueous, organic} in L per stage or residenceTime {aqueous, organic} "
                            + "as times (e.g. 0.5 h)");
        }
        HoldUp holdUp;
        if (t.has("holdUp")) {
            YamlMapping h = t.obj("holdUp");
            h.allow(PHASES);
            holdUp = new HoldUp.Volumes(h.positive("aqueous"), h.positive("organic"));
        } else {
            YamlMapping r = t.obj("residenceTime");
            r.allow(PHASES);
            holdUp = new HoldUp.ResidenceTimes(r.time("aqueous"), r.time("organic"));
        }
        double simulated = t.time("simulatedTime");
        double sampling = t.has("sampling") ? t.time("sampling") : simulated / TransientSettings.DEFAULT_SAMPLES;
        TransientSettings.Initial initial = TransientSettings.Initial.BLANK;
        if (t.has("initial")) {
            initial = TransientSettings.Initial.parse("transient.initial", t.text("initial", "blank or steady-state"));
        }
        TransientSettings.Method method = TransientSettings.Method.AUTO;
        if (t.has("method")) {
            method = TransientSettings.Method.parse("transient.method", t.text("method", "auto, continuous, implicit or rows"));
        }
        double tolerance = t.has("tolerance") ? t.number("tolerance") : TransientSettings.DEFAULT_TOLERANCE;
        double steady = t.has("steadyStateTolerance") ? t.number("steadyStateTolerance")
                : TransientSettings.DEFAULT_STEADY_STATE_TOLERANCE;
        List<TransientEvent> events = new ArrayList<>();
        if (t.has("events")) {
            JsonNode list = t.node().get("events");
            if (!list.isArray()) {
                throw new InvalidInputException("transient.events", YamlMapping.describe(list), "a list of events");
            }
            for (int i = 0; i < list.size(); i++) {
                YamlMapping e = new YamlMapping(list.get(i), "transient.events[" + i + "]");
                try {
                    events.add(event(e, names));
                } catch (InvalidInputException x) {
                    throw x.field().startsWith("transient") ? x : x.under("transient.events[" + i + "]");
                }
            }
        }
        List<StartupStrategy> strategies = new ArrayList<>();
        if (t.has("strategies")) {
            strategies = strategies(t.obj("strategies"));
        }
        try {
            double flowTolerance = t.has("productFlowTolerance") ? t.number("productFlowTolerance")
                    : TransientSettings.DEFAULT_PRODUCT_FLOW_TOLERANCE;
            return new TransientSettings(holdUp, simulated, sampling, initial, method, tolerance, steady, events,
                    strategies, flowTolerance);
        } catch (InvalidInputException e) {
            throw e.under("transient");
        }
    }

    /**
     * {@code transient.strategies}: a mapping from strategy names to their parameters ({@code {}}
     * for none), in the order {@code --compare} runs them.
     */
    private static List<StartupStrategy> strategies(YamlMapping m) {
        m.allow(STRATEGY_KEYS.keySet());
        List<StartupStrategy> list = new ArrayList<>();
        var names = m.node().fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            StartupStrategy.Kind kind = StartupStrategy.Kind.parse(m.at(name), name);
            JsonNode node = m.node().get(name);
            YamlMapping p = new YamlMapping(node.isNull() ? com.fasterxml.jackson.databind.node.JsonNodeFactory
                    .instance.objectNode() : node, m.at(name));
            p.allow(STRATEGY_KEYS.get(name));
            if (p.has("flows") && !List.of("feed", "all").contains(p.text("flows", "feed or all"))) {
                throw new InvalidInputException(p.at("flows"), p.text("flows", "feed or all"),
                        "feed (the feed flow alone ramps) or all (every inlet flow ramps with it)");
            }
            try {
                list.add(new StartupStrategy(kind,
                        p.has("loading") ? p.number("loading") : StartupStrategy.DEFAULT_LOADING,
                        p.has("drawAfter") ? p.time("drawAfter") : null,
                        p.has("from") ? p.number("from") : StartupStrategy.DEFAULT_RAMP_FROM,
                        p.has("over") ? p.time("over") : StartupStrategy.DEFAULT_RAMP_HOURS,
                        p.has("steps") ? p.integer("steps") : StartupStrategy.DEFAULT_RAMP_STEPS,
                        p.has("flows") && p.text("flows", "feed or all").equals("all")));
            } catch (InvalidInputException e) {
                throw e.field().startsWith("transient") ? e : new InvalidInputException(p.at(e.field()), e.value(),
                        e.allowed());
            }
        }
        return list;
    }

    private static TransientEvent event(YamlMapping e, List<String> names) {
        e.allow(EVENT);
        double at = e.time("at");
        double[] composition = null;
        if (e.has("feedComposition")) {
            YamlMapping z = e.obj("feedComposition");
            z.allow(new java.util.HashSet<>(names));
            composition = new double[names.size()];
            for (int j = 0; j < names.size(); j++) {
                if (!z.has(names.get(j))) {
                    throw new InvalidInputException(z.at(names.get(j)), "(missing)",
                            "a mole fraction for every component (0 if absent)");
                }
                composition[j] = z.number(names.get(j));
            }
        }
        return new TransientEvent(at, composition, e.optPositive("feedFlow"), e.optPositive("organicFlow"),
                optNumber(e, "scrubFlow"), e.optPositive("extractant"), e.optPositive("scrub"),
                optNumber(e, "saponification"), optNumber(e, "scrubAcidity"), optNumber(e, "stripFlow"),
                optNumber(e, "stripAcidity"), optNumber(e, "reflux"));
    }

    /** A number if the key is there (range checked by the caller), else {@code null}. */
    private static Double optNumber(YamlMapping m, String key) {
        return m.has(key) ? m.number(key) : null;
    }

    private static DesignInputs designInputs(YamlMapping top, String name, boolean cmer, List<String> names,
                                             double[] parameters, Feed feed, StageOptions stageOptions) {
        if (!cmer && feed.volumetricFlow() == null) {
            throw new InvalidInputException("feed.flow", "(missing)",
                    "the feed flow in L/h (model distribution-ratios works with volumetric flows)");
        }
        if (top.has("cascade")) {
            YamlMapping cascadeObj = top.obj("cascade");
            cascadeObj.allow(CASCADE);
        }
        Double loading = null;
        Double acidity = null;
        if (top.has("flows")) {
            YamlMapping flowsObj = top.obj("flows");
            if (cmer) {
                flowsObj.allow(CMER_FLOWS);
                loading = flowsObj.optPositive("organicLoading");
                acidity = flowsObj.optPositive("scrubAcidity");
            } else {
                flowsObj.allow(Set.of("organicFlow", "scrubFlow")); // design computes both
            }
        }
        YamlMapping targets = top.has("targets") ? top.obj("targets") : null;
        if (targets != null) {
            targets.allow(TARGETS);
        }
        ProductTarget organic = designTarget(targets, "organic", names, parameters, true);
        ProductTarget aqueous = designTarget(targets, "aqueous", names, parameters, false);
        if (top.has("solver")) {
            top.obj("solver").allow(SOLVER);
        }
        if (top.has("transient")) { // checked so that a typo is caught wherever the file is used
            transientSection(top, names);
        }
        origin(top);
        return new DesignInputs(name == null ? "cascade" : name, names, parameters, feed, organic, aqueous,
                loading, acidity, costs(top), !cmer, stageOptions);
    }

    /**
     * The {@code costs} section of a case file's tree (the cost model of {@code optimize --objective
     * cost}), or {@code null} when it has none; the mass-action optimizer's reader.
     *
     * @throws CaseFileException if the section is malformed
     */
    /**
     * The {@code uncertainty} section of a case tree ({@link Uncertainty#NONE} without one), checked:
     * {@code chemistry}, {@code feed}, {@code flows} (relative σ, 0 … 1) and {@code covariance}
     * ({@code components}: names of the case's components; {@code matrix}: their ln constants'
     * covariance).
     */
    public static Uncertainty readUncertainty(JsonNode root) {
        return uncertainty(new YamlMapping(root, ""));
    }

    /**
     * The {@code origin} section of a case tree (how {@code design} or {@code optimize} made the
     * case), or {@code null} without one, checked: unknown keys are errors.
     */
    public static org.sxcascade.model.CaseOrigin readOrigin(JsonNode root) {
        return origin(new YamlMapping(root, ""));
    }

    private static org.sxcascade.model.CaseOrigin origin(YamlMapping top) {
        if (!top.has("origin")) {
            return null;
        }
        YamlMapping o = top.obj("origin");
        o.allow(ORIGIN);
        List<String> binding = new ArrayList<>();
        if (o.has("binding")) {
            JsonNode b = o.node().get("binding");
            if (!b.isArray()) {
                throw new InvalidInputException(o.at("binding"), YamlMapping.describe(b), "a list of texts");
            }
            for (JsonNode x : b) {
                if (!x.isValueNode()) {
                    throw new InvalidInputException(o.at("binding"), YamlMapping.describe(x), "a list of texts");
                }
                binding.add(x.asText());
            }
        }
        Integer digits = null;
        if (o.has("digits")) {
            digits = o.integer("digits");
            if (digits < 1 || digits > 17) {
                throw new InvalidInputException(o.at("digits"), digits, "significant digits from 1 to 17");
            }
        }
        try {
            return new org.sxcascade.model.CaseOrigin(o.text("command", "design or optimize"),
                    o.optText("objective", null), o.has("value") ? o.number("value") : null,
                    o.optText("unit", null), o.has("exactValue") ? o.number("exactValue") : null,
                    o.has("marginNines") ? o.number("marginNines") : null, digits, binding);
        } catch (InvalidInputException e) {
            throw e.field().startsWith("origin") ? e : e.under("origin");
        }
    }

    private static Uncertainty uncertainty(YamlMapping top) {
        if (!top.has("uncertainty")) {
            return Uncertainty.NONE;
        }
        YamlMapping u = top.obj("uncertainty");
        u.allow(Set.of("chemistry", "feed", "flows", "covariance", "box"));
        double[] sigma = new double[3];
        String[] keys = {"chemistry", "feed", "flows"};
        for (int i = 0; i < 3; i++) {
            if (u.has(keys[i])) {
                sigma[i] = u.number(keys[i]);
                if (!(sigma[i] >= 0 && sigma[i] <= 1)) {
                    throw new InvalidInputException(u.at(keys[i]), sigma[i], "a relative standard deviation from 0 "
                            + "to 1 (0.03 is 3 %)");
                }
            }
        }
        List<String> names = new ArrayList<>();
        double[][] matrix = new double[0][];
        if (u.has("covariance")) {
            YamlMapping cov = u.obj("covariance");
            cov.allow(Set.of("components", "matrix"));
            JsonNode comps = cov.required("components", "a list of the case's component names");
            JsonNode known = top.node().path("components");
            List<String> caseNames = new ArrayList<>();
            known.forEach(c -> caseNames.add(c.path("name").asText()));
            if (!comps.isArray() || comps.isEmpty()) {
                throw new InvalidInputException(cov.at("components"), comps.toString(), "a list of the case's "
                        + "component names, e.g. [Nd]");
            }
            for (JsonNode c : comps) {
                if (!caseNames.contains(c.asText()) || names.contains(c.asText())) {
                    throw new InvalidInputException(cov.at("components"), c.asText(), "each once, a component of the "
                            + "case (" + String.join(", ", caseNames) + ")");
                }
                names.add(c.asText());
            }
            JsonNode m = cov.required("matrix", "a square list of lists of numbers");
            if (!m.isArray()) {
                throw new InvalidInputException(cov.at("matrix"), m.toString(), "a square list of lists of numbers");
            }
            matrix = new double[m.size()][];
            for (int i = 0; i < m.size(); i++) {
                JsonNode row = m.get(i);
                if (!row.isArray()) {
                    throw new InvalidInputException(cov.at("matrix") + "[" + i + "]", row.toString(), "a list of numbers");
                }
                matrix[i] = new double[row.size()];
                for (int j = 0; j < row.size(); j++) {
                    if (!row.get(j).isNumber()) {
                        throw new InvalidInputException(cov.at("matrix") + "[" + i + "][" + j + "]", row.get(j).asText(),
                                "a number");
                    }
                    matrix[i][j] = row.get(j).asDouble();
                }
            }
        }
        double[] box = new double[3];
        if (u.has("box")) { // the worst case's box (docs/design.md, "Worst case over a box")
            YamlMapping b = u.obj("box");
            String[] boxKeys = {"chemistry", "feed", "flows"};
            b.allow(Set.of(boxKeys));
            for (int k = 0; k < boxKeys.length; k++) {
                if (b.has(boxKeys[k])) {
                    box[k] = b.number(boxKeys[k]);
                    if (!(box[k] > 0 && box[k] <= Uncertainty.MAX_BOX)) {
                        throw new InvalidInputException(b.at(boxKeys[k]), b.node().get(boxKeys[k]).asText(),
                                "a relative half-width above 0 and at "
                                + "most 1 (0.05: each value anywhere from x/1.05 to 1.05·x)");
                    }
                }
            }
            if (box[0] == 0 && box[1] == 0 && box[2] == 0) {
                throw new InvalidInputException(b.at("chemistry"), InvalidInputException.MISSING, "at least one of "
                        + "box.chemistry, box.feed, box.flows (relative half-widths, e.g. 0.05)");
            }
        }
        return new Uncertainty(sigma[0], sigma[1], sigma[2], names, matrix, box[0], box[1], box[2]);
    }

    public static CostModel readCosts(JsonNode root) {
        return costs(new YamlMapping(root, ""));
    }

    /**
     * The {@code costs} section (cost model of {@code optimize --objective cost}), or {@code null}.
     * Checked by every command, so a typo is caught wherever the file is used.
     */
    private static CostModel costs(YamlMapping top) {
        if (!top.has("costs")) {
            return null;
        }
        YamlMapping costs = top.obj("costs");
        costs.allow(COSTS);
        return new CostModel(costs.optText("currency", null), costs.number("residenceTime"),
                costs.number("stageVolumePrice"), costs.number("organicPrice"), costs.number("acidPrice"),
                costs.number("basePrice"), costs.has("capitalCharge") ? costs.number("capitalCharge")
                : CostModel.DEFAULT_CAPITAL_CHARGE, costs.has("operatingHours") ? costs.number("operatingHours")
                : CostModel.DEFAULT_OPERATING_HOURS);
    }

    /**
     * A product's entry for design; a binary may leave it out (its group is then the more or less
     * extractable component, and its numbers may come from the command line).
     */
    private static ProductTarget designTarget(YamlMapping targets, String product, List<String> names, double[] parameters,
                                              boolean organic) {
        if (targets != null && targets.has(product)) {
            return target(targets, product, names, parameters, organic, false);
        }
        if (names.size() != 2 || parameters[0] == parameters[1]) {
            throw new InvalidInputException("targets." + product, "(missing)",
                    "an entry naming the product's components (required unless the case is a binary with "
                            + "different separation factors)");
        }
        return new ProductTarget(List.of(binaryMember(parameters, organic)), null, null);
    }

    /**
     * A binary's product when the case does not name its component: the organic product is the
     * more extractable component, the raffinate the other.
     */
    private static int binaryMember(double[] parameters, boolean organic) {
        int best = 0;
        for (int j = 1; j < parameters.length; j++) {
            if (organic ? parameters[j] > parameters[best] : parameters[j] < parameters[best]) {
                best = j;
            }
        }
        return best;
    }

    private static OperatingFlows cmerFlows(YamlMapping flows, Feed feed) {
        flows.allow(CMER_FLOWS);
        boolean xu = flows.has("extractant") || flows.has("scrub");
        boolean plant = PLANT.stream().anyMatch(flows::has);
        if (xu && plant) {
            throw new InvalidInputException("flows", "both S/W and plant flows",
                    "either extractant and scrub (mol RE per mol RE fed) or organicFlow, organicLoading, scrubFlow "
                            + "and scrubAcidity, not both");
        }
        if (!plant) {
            return new XuFlows(flows.positive("extractant"), flows.positive("scrub"));
        }
        if (feed.volumetricFlow() == null || feed.concentration() == null) {
            throw new InvalidInputException(feed.volumetricFlow() == null ? "feed.flow" : "feed.concentration",
                    "(missing)", "a positive number: plant flows (flows.organicFlow …) need the feed flow in L/h "
                            + "and its RE concentration in mol/L");
        }
        return XuFlows.from(new EngineeringFlows(feed.volumetricFlow(), feed.concentration(),
                flows.positive("organicFlow"), flows.positive("organicLoading"), flows.positive("scrubFlow"),
                flows.positive("scrubAcidity")));
    }

    private static OperatingFlows linearFlows(YamlMapping flows, Feed feed) {
        flows.allow(Set.of("organicFlow", "scrubFlow"));
        if (feed.volumetricFlow() == null) {
            throw new InvalidInputException("feed.flow", "(missing)",
                    "the feed flow in L/h (model distribution-ratios works with volumetric flows)");
        }
        double scrub = flows.has("scrubFlow") ? flows.number("scrubFlow") : 0.0;
        if (!(scrub >= 0) || !Double.isFinite(scrub)) {
            throw new InvalidInputException("flows.scrubFlow", scrub, "a finite number ≥ 0 (L/h)");
        }
        return new VolumetricFlows(feed.volumetricFlow(), flows.positive("organicFlow"), scrub);
    }

    private static ProductTarget target(YamlMapping targets, String product, List<String> names, double[] parameters,
                                        boolean organic, boolean requireNumber) {
        if (!targets.has(product)) {
            return null;
        }
        YamlMapping t = targets.obj(product);
        t.allow(TARGET);
        String path = "targets." + product;
        List<Integer> members = new ArrayList<>();
        if (t.has("components")) {
            JsonNode list = t.node().get("components");
            if (!list.isArray() || list.isEmpty()) {
                throw new InvalidInputException(path + ".components", YamlMapping.describe(list), "a list of component names");
            }
            for (JsonNode item : list) {
                int index = names.indexOf(item.asText());
                if (index < 0 || !item.isTextual()) {
                    throw new InvalidInputException(path + ".components", item.asText(),
                            componentsAllowed(item.asText(), names, "components"));
                }
                members.add(index);
            }
        } else if (names.size() == 2 && parameters == null) {
            throw new InvalidInputException(path + ".components", "(missing)",
                    "the component names that make up this product (required when the components' correlation "
                            + "slopes differ: which one extracts more then depends on pH)");
        } else if (names.size() == 2 && parameters[0] == parameters[1]) {
            throw new InvalidInputException(path + ".components", "(missing)",
                    "the component names that make up this product (required when both components have the same "
                            + "separation factor or distribution ratio)");
        } else if (names.size() <= 2) {
            members.add(binaryMember(parameters, organic));
        } else {
            throw new InvalidInputException(path + ".components", "(missing)",
                    "the component names that make up this product (required with more than 2 components)");
        }
        Double purity = t.has("purity") ? t.number("purity") : null;
        Double recovery = t.has("recovery") ? t.number("recovery") : null;
        if (purity == null && recovery == null && requireNumber) {
            throw new InvalidInputException(path + ".purity", "(missing)", "a purity, a recovery or both");
        }
        try {
            return new ProductTarget(members, purity, recovery);
        } catch (InvalidInputException e) {
            throw e.under(path);
        }
    }

    /** Closest allowed key by edit distance (≤ 3), to suggest for a typo, or {@code null}. */
    /**
     * What a reference to a component allows: "{@code what} listed under components: Pr, Nd", after
     * "did you mean 'Nd'? " when the name given is close to one of them (case or a typo).
     */
    static String componentsAllowed(String given, List<String> names, String what) {
        String hint = closest(given, names, 1); // names are short: "Sm" is not a typo of "Pr"
        return (hint == null ? "" : "did you mean '" + hint + "'? ") + what + " listed under components: "
                + String.join(", ", names);
    }

    public static String closest(String key, List<String> allowed) {
        return closest(key, allowed, 3);
    }

    /** The allowed word nearest to {@code key} ignoring case, within {@code most} edits, or {@code null}. */
    static String closest(String key, List<String> allowed, int most) {
        String best = null;
        int bestDistance = most + 1;
        for (String candidate : allowed) {
            int d = distance(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        return best;
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

}
