package org.sxcascade.sweep;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.io.CaseFileException;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.io.DesignInputs;
import org.sxcascade.io.YamlMapping;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.optimize.PlantFlowSearch;
import org.sxcascade.optimize.Objective;
import org.sxcascade.optimize.OptimizerSettings;

/** Reads and validates sweep specs (docs/sweep.md); every error names the spec field. */
final class SpecReader {
    private static final Set<String> TOP = Set.of("name", "description", "base", "case", "run", "design", "optimize",
            "rowsFallback", "warmStart", "parameters", "sampling", "samples", "seed", "maxPoints", "record");
    private static final Set<String> PARAMETER = Set.of("path", "paths", "name", "values", "range");
    private static final Set<String> RANGE = Set.of("from", "to", "step", "count", "scale");
    private static final Set<String> DESIGN = Set.of("margin", "scrub", "extractant", "maxStages", "reagentExcess");
    private static final Set<String> OPTIMIZE = Set.of("objective", "maxStages", "maxExtractant", "reagentExcess");
    /** Case fields that take integers. */
    private static final Set<String> INTEGER_PATHS = Set.of("cascade.extractionStages", "cascade.scrubStages",
            "cascade.stripStages", "solver.maxIterations");
    /** Case fields that design and optimize compute or do not read. */
    private static final Set<String> COMPUTED = Set.of("flows.extractant", "flows.scrub", "flows.organicFlow",
            "flows.scrubFlow");
    /** Fields only mass-action cases have (docs/mass-action.md), for the hint on a path of another model. */
    private static final Pattern MASS_ACTION_ONLY = Pattern.compile("flows\\.(reflux|saponification|stripFlow|"
            + "stripAcidity)|cascade\\.stripStages|feed\\.acidity|extractant\\..+|components\\[\\d+]\\.exchangeConstant"
            + "|efficiency\\.strip|targets\\.strip\\..+");
    /** Fields that CMER or linear cases have and mass-action cases do not. */
    private static final Pattern NOT_MASS_ACTION = Pattern.compile("flows\\.(extractant|scrub|organicLoading)|"
            + "components\\[\\d+]\\.(separationFactor|distributionRatio)|targets\\.organic\\..+|costs\\..+"
            + "|transient\\..+");
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.\\[\\]+-]*");
    /** Most values one range may expand to. */
    private static final long MAX_RANGE_VALUES = 10_000_000L;

    private SpecReader() {
    }

    static SweepSpec read(Path file) {
        CaseReader cases = new CaseReader();
        JsonNode root;
        try {
            root = cases.readTree(file);
        } catch (CaseFileException e) {
            throw new CaseFileException(e.getMessage().replace("the case file is empty", "the sweep spec is empty"));
        }
        // every error of the spec or its base case is tagged once, with the file it comes from
        String tag = " [" + file.getFileName() + "]";
        try {
            YamlMapping top = new YamlMapping(root, "");
            top.allow(TOP);
            if (top.has("base") == top.has("case")) {
                throw new InvalidInputException(top.has("base") ? "case" : "base",
                        top.has("base") ? "given with base" : "(missing)",
                        "exactly one of base (a case file, relative to the spec) or case (the case inline)");
            }
            ObjectNode resolved = ((ObjectNode) root).deepCopy();
            List<Path> inputs = new ArrayList<>(List.of(file));
            if (top.has("base")) {
                String base = top.text("base", "a case file name");
                Path dir = file.toAbsolutePath().getParent();
                Path caseFile = dir == null ? Path.of(base) : dir.resolve(base);
                JsonNode caseTree;
                try {
                    caseTree = cases.readTree(caseFile);
                } catch (CaseFileException e) {
                    throw new InvalidInputException("base", base, "a readable case file (" + e.getMessage() + ")");
                }
                if (caseTree.isObject() && caseTree.has("cascades")) {
                    throw new InvalidInputException("base", base, "a single-cascade case file for sweep; flowsheets "
                            + "run with `sxcascade simulate " + caseFile + "` (docs/flowsheets.md)");
                }
                inputs.add(caseFile);
                ObjectNode rebuilt = resolved.objectNode();
                resolved.properties().forEach(en -> {
                    if (en.getKey().equals("base")) {
                        rebuilt.set("case", caseTree);
                    } else {
                        rebuilt.set(en.getKey(), en.getValue());
                    }
                });
                resolved = rebuilt;
                tag = " [" + caseFile.getFileName() + ", the base case of " + file.getFileName() + "]";
                validateCase(resolved);
                tag = " [" + file.getFileName() + "]";
            }
            return fromTree(resolved, inputs);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.field(), e.value(), e.allowed() + tag);
        }
    }

    static SweepSpec fromResolved(String json) {
        // JSON written from a spec already read: its strings are not the user's quotes
        try {
            return fromTree(new ObjectMapper().readTree(json), List.of());
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a resolved sweep spec: " + e.getOriginalMessage(), e);
        }
    }

    /** The base case must be valid for the run on its own. */
    private static void validateCase(JsonNode resolved) {
        String run = resolved.has("run") ? resolved.get("run").asText() : "simulate";
        JsonNode c = resolved.get("case");
        if (CaseReader.isMassAction(c)) {
            if (run.equals("simulate") || run.equals("optimize")) {
                new CaseReader().massActionFromTree(c);
            } // else design reads it for design (the spec's own check reports a bad run)
        } else if (run.equals("simulate")) {
            new CaseReader().fromTree(c);
        } else if (run.equals("design") || run.equals("optimize")) {
            new CaseReader().designFromTree(c);
        } // else the spec's own check reports run
    }

    /**
     * @param root   the spec with its case inline
     * @param inputs the files it was read from (the spec, its base case), for {@link SweepSpec#inputs()}
     */
    private static SweepSpec fromTree(JsonNode root, List<Path> inputs) {
        YamlMapping top = new YamlMapping(root, "");
        top.allow(TOP);
        if (top.has("base")) {
            throw new InvalidInputException("base", top.text("base", "text"), "a spec with its case inline");
        }
        String name = top.optName("name", "sweep");
        top.optText("description", null);
        String run = top.optText("run", "simulate");
        SweepTask.Kind kind = switch (run) {
            case "simulate" -> SweepTask.Kind.SIMULATE;
            case "design" -> SweepTask.Kind.DESIGN;
            case "optimize" -> SweepTask.Kind.OPTIMIZE;
            default -> throw new InvalidInputException("run", run, "simulate, design or optimize");
        };
        JsonNode caseTree = top.required("case", "the base case (base: FILE, or case: {...})");
        if (!caseTree.isObject()) {
            throw new InvalidInputException("case", caseTree.asText(), "a mapping: the base case");
        }
        boolean massAction = CaseReader.isMassAction(caseTree);
        List<String> components;
        boolean cmer;
        CaseReader cases = new CaseReader();
        try {
            if (massAction && kind == SweepTask.Kind.DESIGN) {
                components = ((MassActionDesignInputs) cases.forDesignFromTree(caseTree)).template().rareEarths();
                cmer = false;
            } else if (massAction) {
                MassActionCase c = cases.massActionFromTree(caseTree);
                if (kind == SweepTask.Kind.OPTIMIZE) {
                    PlantFlowSearch.check(c); // a strip section, both targets, no side draws
                }
                components = c.rareEarths();
                cmer = false;
            } else if (kind == SweepTask.Kind.SIMULATE) {
                CascadeCase c = cases.fromTree(caseTree);
                components = c.components();
                cmer = caseTree.get("model").asText().equals(CaseReader.SEPARATION_FACTORS);
            } else {
                DesignInputs in = cases.designFromTree(caseTree);
                components = in.components();
                cmer = !in.distributionRatios(); // the flow columns: S, W or L/h
            }
        } catch (InvalidInputException e) {
            throw e.field().startsWith("case") ? e : e.under("case");
        }
        SweepTask task = task(top, kind, massAction);
        if (massAction && task.reagentExcess() != 0) {
            throw new InvalidInputException("design.reagentExcess", task.reagentExcess(), "0 for a mass-action base "
                    + "case: its strip acid and saponification follow design.stripExcess and "
                    + "design.saponificationMargin of the case");
        }

        // parameters
        JsonNode list = top.required("parameters", "a list of parameters, each with a path and values or a range");
        if (!list.isArray() || list.isEmpty()) {
            throw new InvalidInputException("parameters", describe(list), "a non-empty list of parameters");
        }
        Sampling sampling = top.has("sampling") ? Sampling.parse("sampling", top.text("sampling", "grid, "
                + "latin-hypercube or random")) : Sampling.GRID;
        boolean grid = sampling == Sampling.GRID;
        if (top.has("warmStart") && !grid) {
            // refused whatever its value, as with another run than simulate
            throw new InvalidInputException("warmStart", top.node().get("warmStart").asText(), "warmStart only with "
                    + "run: simulate and sampling: grid (sampling " + sampling.label() + " has no neighbouring points "
                    + "to start from)");
        }
        long maxPoints = top.has("maxPoints") ? longInteger(top, "maxPoints") : SweepSpec.DEFAULT_MAX_POINTS;
        if (maxPoints < 1 || maxPoints > 1_000_000_000_000L) {
            throw new InvalidInputException("maxPoints", maxPoints, "an integer from 1 to 10^12");
        }
        List<Parameter> parameters = new ArrayList<>();
        Set<String> usedPaths = new HashSet<>();
        Set<String> usedNames = new HashSet<>();
        for (int i = 0; i < list.size(); i++) {
            Parameter p = parameter(new YamlMapping(list.get(i), "parameters[" + i + "]"), caseTree, kind, grid);
            for (ParameterPath path : p.paths()) {
                if (!usedPaths.add(path.text())) {
                    throw new InvalidInputException("parameters[" + i + "].path", path.text(),
                            "a field no other parameter sets");
                }
            }
            if (!usedNames.add(p.name())) {
                throw new InvalidInputException("parameters[" + i + "].name", p.name(),
                        "a name no other parameter has");
            }
            parameters.add(p);
        }

        long samples = 0;
        long seed = 0;
        if (grid) {
            for (String key : List.of("samples", "seed")) {
                if (top.has(key)) {
                    throw new InvalidInputException(key, top.node().get(key).asText(),
                            "nothing: " + key + " is for sampling latin-hypercube or random (a grid takes every "
                                    + "combination)");
                }
            }
            long size;
            try {
                size = SweepSpec.gridSize(parameters);
            } catch (ArithmeticException e) {
                size = Long.MAX_VALUE;
            }
            if (size > maxPoints) {
                throw new InvalidInputException("parameters", "a grid of " + (size == Long.MAX_VALUE
                        ? "more than 2^63" : String.valueOf(size)) + " points",
                        "at most maxPoints = " + maxPoints + " points: fewer values, or raise maxPoints");
            }
        } else {
            samples = longInteger(top, "samples");
            if (samples < 1 || samples > maxPoints) {
                throw new InvalidInputException("samples", samples, "an integer from 1 to " + maxPoints
                        + " (maxPoints)");
            }
            seed = top.has("seed") ? longInteger(top, "seed") : 1;
        }

        // outputs
        List<Output> outputs = new ArrayList<>();
        if (top.has("record")) {
            JsonNode rec = top.node().get("record");
            if (!rec.isArray() || rec.isEmpty()) {
                throw new InvalidInputException("record", describe(rec), "a list of: " + Output.labels());
            }
            for (int i = 0; i < rec.size(); i++) {
                String field = "record[" + i + "]";
                Output o = Output.parse(field, rec.get(i).asText());
                if (outputs.contains(o)) {
                    throw new InvalidInputException(field, o.label(), "an output not listed before");
                }
                if (o == Output.OBJECTIVE && kind != SweepTask.Kind.OPTIMIZE) {
                    throw new InvalidInputException(field, o.label(), "objective only with run: optimize");
                }
                if (o == Output.PHI && !cmer || o == Output.REAGENTS && !cmer && !massAction) {
                    throw new InvalidInputException(field, o.label(), massAction
                            ? "phi only for model separation-factors (it needs S)"
                            : "reagents and phi only for model separation-factors (they need S and W)");
                }
                if (o == Output.WINDOW && kind != SweepTask.Kind.SIMULATE) {
                    throw new InvalidInputException(field, o.label(), "window only with run: simulate (the window of "
                            + "a designed or optimized point is that of its written case: simulate --window on it)");
                }
                if (o == Output.WINDOW && !caseTree.has("targets")) {
                    throw new InvalidInputException(field, o.label(), "window only for a base case with targets "
                            + "(the window is the range in which every target holds)");
                }
                if (o == Output.CHEMISTRY && !massAction) {
                    throw new InvalidInputException(field, o.label(), "chemistry only for model "
                            + CaseReader.MASS_ACTION + " (pH, loading and the H+ balance are its stage states)");
                }
                outputs.add(o);
            }
        } else if (massAction) {
            outputs.addAll(kind == SweepTask.Kind.SIMULATE
                    ? List.of(Output.PURITIES, Output.RECOVERIES, Output.CHEMISTRY, Output.REAGENTS)
                    : List.of(Output.PURITIES, Output.STAGES, Output.REAGENTS, Output.WORK));
        } else {
            outputs.addAll(kind == SweepTask.Kind.SIMULATE
                    ? List.of(Output.PURITIES, Output.RECOVERIES, Output.STAGES, Output.FLOWS)
                    : List.of(Output.PURITIES, Output.STAGES, Output.FLOWS, Output.WORK));
        }
        Set<String> columns = new HashSet<>(RowFormat.outputColumnNames(outputs, components, cmer,
                massAction, RowFormat.windowKeys(caseTree, outputs)));
        for (int i = 0; i < parameters.size(); i++) {
            if (columns.contains(parameters.get(i).name())) {
                throw new InvalidInputException("parameters[" + i + "].name", parameters.get(i).name(),
                        "a name that is not a result column (give the parameter a name)");
            }
        }
        String resolved;
        try {
            resolved = new ObjectMapper().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return new SweepSpec(name, caseTree, components, cmer, task, parameters, sampling, samples, seed, maxPoints,
                outputs, resolved, inputs);
    }

    private static SweepTask task(YamlMapping top, SweepTask.Kind kind, boolean massAction) {
        if (kind != SweepTask.Kind.DESIGN && top.has("design")) {
            throw new InvalidInputException("design", "(given)", "design settings only with run: design");
        }
        if (kind != SweepTask.Kind.OPTIMIZE && top.has("optimize")) {
            throw new InvalidInputException("optimize", "(given)", "optimize settings only with run: optimize");
        }
        if (kind != SweepTask.Kind.SIMULATE && top.has("rowsFallback")) {
            throw new InvalidInputException("rowsFallback", top.node().get("rowsFallback").asText(),
                    "rowsFallback only with run: simulate");
        }
        if (kind != SweepTask.Kind.SIMULATE && top.has("warmStart")) {
            throw new InvalidInputException("warmStart", top.node().get("warmStart").asText(),
                    "warmStart only with run: simulate and sampling: grid");
        }
        switch (kind) {
            case SIMULATE -> {
                boolean fallback = flag(top, "rowsFallback", true);
                boolean warm = flag(top, "warmStart", false);
                return new SweepTask(kind, null, 0, 0, null, fallback, warm);
            }
            case DESIGN -> {
                YamlMapping d = top.has("design") ? top.obj("design") : new YamlMapping(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "design");
                d.allow(DESIGN);
                int chosen = (d.has("margin") ? 1 : 0) + (d.has("scrub") ? 1 : 0) + (d.has("extractant") ? 1 : 0);
                if (chosen > 1) {
                    throw new InvalidInputException("design", "more than one of margin, scrub, extractant",
                            "at most one way to set the flows");
                }
                FlowChoice choice;
                try {
                    choice = d.has("margin") ? FlowChoice.margin(number(d, "margin"))
                            : d.has("scrub") ? FlowChoice.fixedScrub(number(d, "scrub"))
                            : d.has("extractant") ? FlowChoice.fixedExtractant(number(d, "extractant"))
                            : FlowChoice.optimum();
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("design." + e.field().replace("flows.", ""), e.value(),
                            e.allowed());
                }
                int maxStages = d.has("maxStages") ? d.integer("maxStages") : Cascade.MAX_STAGES;
                if (maxStages < 2 || maxStages > Cascade.MAX_STAGES) {
                    throw new InvalidInputException("design.maxStages", maxStages,
                            "an integer from 2 to " + Cascade.MAX_STAGES);
                }
                double excess = d.has("reagentExcess") ? number(d, "reagentExcess") : 0;
                if (!(excess >= 0 && excess <= 10)) {
                    throw new InvalidInputException("design.reagentExcess", excess, "a fraction from 0 to 10");
                }
                return new SweepTask(kind, choice, maxStages, excess, null, false);
            }
            default -> {
                YamlMapping o = top.has("optimize") ? top.obj("optimize") : new YamlMapping(com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode(), "optimize");
                o.allow(OPTIMIZE);
                Objective objective;
                try {
                    objective = Objective.of(o.optText("objective", massAction ? "reagents" : "phi"));
                } catch (InvalidInputException e) {
                    throw new InvalidInputException("optimize.objective", e.value(), e.allowed());
                }
                if (massAction) {
                    return massActionOptimize(o, objective);
                }
                if (objective == Objective.EXTRACTANT && !o.has("maxStages")) {
                    throw new InvalidInputException("optimize.maxStages", "(missing)", "a stage limit for "
                            + "objective extractant: S falls towards S_min as stages are added, so its minimum "
                            + "lies at the limit");
                }
                int maxStages = o.has("maxStages") ? o.integer("maxStages") : Cascade.MAX_STAGES;
                Double maxExtractant = o.has("maxExtractant") ? number(o, "maxExtractant") : null;
                double excess = o.has("reagentExcess") ? number(o, "reagentExcess") : 0;
                OptimizerSettings settings;
                try {
                    settings = new OptimizerSettings(objective, maxStages, maxExtractant, null, null, null, null,
                            null, null, excess, false, null);
                } catch (InvalidInputException e) {
                    throw new InvalidInputException(optionField("optimize", e.field()), e.value(), e.allowed());
                }
                return new SweepTask(kind, null, maxStages, excess, settings, false);
            }
        }
    }

    /** A {@code true}/{@code false} key of the spec's top level, or {@code otherwise} when it is not given. */
    private static boolean flag(YamlMapping top, String key, boolean otherwise) {
        if (!top.has(key)) {
            return otherwise;
        }
        JsonNode b = top.node().get(key);
        if (!b.isBoolean()) {
            throw new InvalidInputException(key, b.asText(), "true or false");
        }
        return b.booleanValue();
    }

    /**
     * The optimize task of a mass-action base case: the objective only (reagents, stages or cost; default
     * reagents), its bounds, constraints and weights being the case's own {@code optimize} section, as
     * {@code sxcascade optimize} reads them.
     */
    private static SweepTask massActionOptimize(YamlMapping o, Objective objective) {
        for (String key : List.of("maxStages", "maxExtractant", "reagentExcess")) {
            if (o.has(key)) {
                throw new InvalidInputException("optimize." + key, o.node().get(key).asText(), "not given for a "
                        + "mass-action base case: its bounds are the optimize section of the case (optimize."
                        + "extractionStages, scrubStages, stripStages, organicFlow, …; docs/optimize.md)");
            }
        }
        if (objective != Objective.REAGENTS && objective != Objective.STAGES && objective != Objective.COST) {
            throw new InvalidInputException("optimize.objective", objective.label(), "reagents, stages or cost for "
                    + "a mass-action base case");
        }
        return new SweepTask(SweepTask.Kind.OPTIMIZE, null, Cascade.MAX_STAGES, 0, OptimizerSettings.of(objective),
                false);
    }

    /** The spec field of a command-line option named in a message ({@code --max-stages} → {@code optimize.maxStages}). */
    static String optionField(String section, String field) {
        return switch (field) {
            case "--max-stages" -> section + ".maxStages";
            case "--max-extractant" -> section + ".maxExtractant";
            case "--reagent-excess" -> section + ".reagentExcess";
            case "--objective" -> section + ".objective";
            case "--margin" -> section + ".margin";
            case "--scrub" -> section + ".scrub";
            case "--extractant" -> section + ".extractant";
            default -> field;
        };
    }

    private static Parameter parameter(YamlMapping p, JsonNode caseTree, SweepTask.Kind kind, boolean grid) {
        p.allow(PARAMETER);
        if (p.has("path") == p.has("paths")) {
            throw new InvalidInputException(p.at(p.has("path") ? "paths" : "path"),
                    p.has("path") ? "given with path" : "(missing)",
                    "exactly one of path (a case field, e.g. components[1].separationFactor) or paths (a list of "
                            + "fields set to the same value)");
        }
        List<String> texts = new ArrayList<>();
        String pathField = p.at(p.has("path") ? "path" : "paths");
        if (p.has("path")) {
            texts.add(p.text("path", "a case field, e.g. components[1].separationFactor"));
        } else {
            JsonNode l = p.node().get("paths");
            if (!l.isArray() || l.isEmpty()) {
                throw new InvalidInputException(pathField, describe(l), "a non-empty list of case fields");
            }
            for (JsonNode t : l) {
                texts.add(t.asText());
            }
        }
        List<ParameterPath> paths = new ArrayList<>();
        Boolean integer = null;
        for (String text : texts) {
            ParameterPath path = ParameterPath.parse(text);
            if (path == null || !ParameterPath.isNumber(path.find(caseTree))) {
                List<String> known = ParameterPath.numericPaths(caseTree, "");
                String hint = CaseReader.closest(text, known);
                throw new InvalidInputException(pathField, text, modelHint(text, caseTree)
                        + (hint == null ? "" : "did you mean '" + hint + "'? ") + "a numeric field of the base case: "
                        + String.join(", ", new TreeSet<>(known)));
            }
            if (kind != SweepTask.Kind.SIMULATE && (text.startsWith("cascade.") || text.startsWith("solver.")
                    || COMPUTED.contains(text))) {
                throw new InvalidInputException(pathField, text, "a field that " + kind.label() + " reads: it "
                        + "computes the stages and flows itself (vary targets, separation factors, feed or plant data)");
            }
            boolean isInteger = INTEGER_PATHS.contains(text);
            if (integer != null && integer != isInteger) {
                throw new InvalidInputException(pathField, String.join(", ", texts),
                        "fields of one kind: all integers (stage counts) or all real numbers");
            }
            integer = isInteger;
            paths.add(path);
        }
        String name = texts.size() == 1 ? texts.get(0) : null;
        if (p.has("name")) {
            name = p.name("name", "a column name");
        } else if (name == null) {
            throw new InvalidInputException(p.at("name"), "(missing)",
                    "a column name for a parameter that sets several fields");
        }
        if (!NAME.matcher(name).matches() || RowFormat.FIXED.contains(name)) {
            throw new InvalidInputException(p.at("name"), name, "a column name of letters, digits and _ . [ ] + - "
                    + "(starting with a letter or _), other than " + String.join(", ", RowFormat.FIXED));
        }
        if (p.has("values") == p.has("range")) {
            throw new InvalidInputException(p.at(p.has("values") ? "range" : "values"),
                    p.has("values") ? "given with values" : "(missing)",
                    "exactly one of values (a list of numbers) or range {from, to, step or count, scale}");
        }
        if (p.has("values")) {
            JsonNode l = p.node().get("values");
            if (!l.isArray() || l.isEmpty()) {
                throw new InvalidInputException(p.at("values"), describe(l), "a non-empty list of numbers");
            }
            double[] values = new double[l.size()];
            for (int i = 0; i < l.size(); i++) {
                values[i] = number(l.get(i), p.at("values") + "[" + i + "]", integer);
            }
            return new Parameter(name, paths, integer, values, null);
        }
        YamlMapping r = p.obj("range");
        r.allow(RANGE);
        double from = number(r.required("from", "a number"), r.at("from"), integer);
        double to = number(r.required("to", "a number"), r.at("to"), integer);
        String scale = r.optText("scale", "linear");
        boolean log;
        switch (scale) {
            case "linear" -> log = false;
            case "log" -> log = true;
            default -> throw new InvalidInputException(r.at("scale"), scale, "linear or log");
        }
        if (from > to) {
            throw new InvalidInputException(r.at("to"), fmt(to), "at least from = " + fmt(from) + " (the range is empty)");
        }
        if (log && !(from > 0)) {
            throw new InvalidInputException(r.at("from"), fmt(from), "a number > 0 for scale log");
        }
        if (log && integer) {
            throw new InvalidInputException(r.at("scale"), scale, "linear for an integer field (stage counts)");
        }
        if (!grid) {
            for (String key : List.of("step", "count")) {
                if (r.has(key)) {
                    throw new InvalidInputException(r.at(key), r.node().get(key).asText(), "nothing when sampling: "
                            + "points are drawn from the whole range (step and count make a grid)");
                }
            }
            return new Parameter(name, paths, integer, null, new Parameter.Range(from, to, log));
        }
        if (r.has("step") && r.has("count")) {
            throw new InvalidInputException(r.at("count"), "given with step", "step or count, not both");
        }
        double[] values;
        if (from == to && !r.has("step") && !r.has("count")) {
            values = new double[] {from};
        } else if (r.has("step")) {
            if (log) {
                throw new InvalidInputException(r.at("step"), r.node().get("step").asText(),
                        "count for scale log (values evenly spaced in the logarithm)");
            }
            double step = number(r.node().get("step"), r.at("step"), integer);
            if (!(step > 0)) {
                throw new InvalidInputException(r.at("step"), fmt(step), "a number > 0");
            }
            BigDecimal f = BigDecimal.valueOf(from);
            BigDecimal s = BigDecimal.valueOf(step);
            BigDecimal steps = BigDecimal.valueOf(to).subtract(f).divide(s, 0, RoundingMode.FLOOR);
            if (steps.compareTo(BigDecimal.valueOf(MAX_RANGE_VALUES)) >= 0) {
                throw new InvalidInputException(r.at("step"), fmt(step), "a step giving at most " + MAX_RANGE_VALUES
                        + " values");
            }
            values = new double[steps.intValue() + 1];
            for (int i = 0; i < values.length; i++) {
                values[i] = f.add(s.multiply(BigDecimal.valueOf(i))).doubleValue();
            }
        } else if (r.has("count")) {
            if (integer) {
                throw new InvalidInputException(r.at("count"), r.node().get("count").asText(),
                        "step for an integer field (stage counts): count could give fractions");
            }
            long count = longInteger(r, "count");
            if (count < 2 || count > MAX_RANGE_VALUES) {
                throw new InvalidInputException(r.at("count"), count, "an integer from 2 to " + MAX_RANGE_VALUES
                        + " (from and to are both values)");
            }
            values = new double[(int) count];
            BigDecimal f = BigDecimal.valueOf(from);
            BigDecimal span = BigDecimal.valueOf(to).subtract(f);
            for (int i = 0; i < values.length; i++) {
                values[i] = log ? from * Math.pow(to / from, (double) i / (count - 1))
                        : f.add(span.multiply(BigDecimal.valueOf(i)).divide(BigDecimal.valueOf(count - 1),
                        MathContext.DECIMAL64)).doubleValue();
            }
            values[0] = from;
            values[values.length - 1] = to;
        } else {
            throw new InvalidInputException(r.at("step"), "(missing)",
                    "step (spacing) or count (number of values) for a grid over a range");
        }
        return new Parameter(name, paths, integer, values, null);
    }

    /**
     * For a path of a field the base case's model does not have (flows.reflux on a CMER case,
     * flows.extractant on a mass-action case): says so, before the list of the fields it has.
     */
    private static String modelHint(String path, JsonNode caseTree) {
        String model = caseTree.path("model").asText();
        if (CaseReader.isMassAction(caseTree) ? NOT_MASS_ACTION.matcher(path).matches()
                : MASS_ACTION_ONLY.matcher(path).matches()) {
            return path + " is not a field of model " + model + " cases (docs/"
                    + (CaseReader.isMassAction(caseTree) ? "mass-action" : "case-format") + ".md); ";
        }
        return "";
    }

    private static double number(JsonNode v, String field, boolean integer) {
        double x;
        if (v != null) {
            YamlMapping.refuseQuotedNumber(field, v, integer ? "an integer" : "a number");
        }
        if (v != null && v.isNumber()) {
            x = v.doubleValue();
        } else if (v != null && v.isTextual()) {
            try {
                x = Double.parseDouble(v.asText().trim());
            } catch (NumberFormatException e) {
                throw new InvalidInputException(field, v.asText(), integer ? "an integer" : "a number");
            }
        } else {
            throw new InvalidInputException(field, describe(v), integer ? "an integer" : "a number");
        }
        if (!Double.isFinite(x)) {
            throw new InvalidInputException(field, v.asText(), "a finite number");
        }
        if (integer && (x != Math.rint(x) || Math.abs(x) > Integer.MAX_VALUE)) {
            throw new InvalidInputException(field, v.asText(), "an integer (the field is a stage count or limit)");
        }
        return x;
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fmt(double x) {
        return x == Math.rint(x) && Math.abs(x) < 1e15 ? String.valueOf((long) x) : String.format(Locale.ROOT, "%.9g", x);
    }

    private static String describe(JsonNode node) {
        return YamlMapping.describe(node);
    }

    private static long longInteger(YamlMapping m, String key) {
        JsonNode v = m.required(key, "an integer");
        if (v.isIntegralNumber() && v.canConvertToLong()) {
            return v.longValue();
        }
        YamlMapping.refuseQuotedNumber(m.at(key), v, "an integer");
        if (v.isTextual()) {
            try {
                return Long.parseLong(v.asText().trim());
            } catch (NumberFormatException e) {
                // fall through
            }
        }
        throw new InvalidInputException(m.at(key), describe(v), "an integer");
    }

    private static double number(YamlMapping m, String key) {
        return number(m.required(key, "a number"), m.at(key), false);
    }
}
