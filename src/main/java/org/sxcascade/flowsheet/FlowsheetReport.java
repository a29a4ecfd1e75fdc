package org.sxcascade.flowsheet;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.report.Formats;
import org.sxcascade.model.StreamModel;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.report.SimulationReport.Table;
import org.sxcascade.solver.SteadyState;

/**
 * What {@code simulate} reports about a solved flowsheet (docs/flowsheets.md): the cascades, every
 * stream with its component flows and purity, the products against their targets, the recycle
 * (tear) iteration and the closure of the whole flowsheet and of each cascade. Flows are in mol RE
 * per mol of total fresh RE fed.
 */
public final class FlowsheetReport {
    /** Unit of every flow in the report. */
    public static final String FLOW_UNIT = SimulationReport.FLOW_UNIT_CMER;
    /** Largest whole-flowsheet closure reported as balanced. */
    public static final double CLOSURE_TOLERANCE = 1e-10;

    private final FlowsheetResult result;
    private final Flowsheet fs;

    public FlowsheetReport(FlowsheetResult result) {
        this.result = result;
        this.fs = result.flowsheet();
    }

    private List<String> comps() {
        return fs.components();
    }

    /** Where a source goes, in words: {@code CePr stage 13 (organic)}, {@code × 0.6}, and the product share. */
    private String destinations(int s) {
        List<String> parts = new ArrayList<>();
        for (Flowsheet.InletRef r : fs.readers(s)) {
            FlowsheetUnit u = fs.units().get(r.cascade());
            Inlet in = u.inlets().get(r.inlet());
            parts.add(u.name() + " stage " + u.stageOf(in) + " (" + in.phase().label() + ")"
                    + (in.fraction() < 1 ? " × " + Formats.general(in.fraction()) : "")
                    + (fs.readsTear(r.cascade(), r.inlet()) ? ", torn" : ""));
        }
        double share = fs.productShare(s);
        if (share > 0) {
            parts.add(share == 1 ? "product" : "product × " + Formats.general(share));
        }
        return String.join("; ", parts);
    }

    private String purityText(int s) {
        List<String> names = new ArrayList<>();
        for (int j : result.purityOf(s)) {
            names.add(comps().get(j));
        }
        return String.join("+", names) + " " + Formats.percent(result.purity(s));
    }

    // ------------------------------------------------------------------ text

    /** The terminal report; with {@code profile} also every cascade's stage profile. */
    public String toText(boolean profile) {
        StringBuilder b = new StringBuilder();
        b.append(fs.name()).append('\n');
        b.append("  model      ").append(modelText()).append('\n');
        for (int f = 0; f < fs.feeds().size(); f++) {
            FreshFeed feed = fs.feeds().get(f);
            StringBuilder z = new StringBuilder();
            for (int j = 0; j < comps().size(); j++) {
                z.append(j == 0 ? "" : ", ").append(comps().get(j)).append(' ').append(Formats.general(feed.fraction(j)));
            }
            FreshFeed.Solution sol = feed.solution();
            b.append(String.format(Locale.ROOT, "  feed       %s: %s mol RE%s = %s of the fresh RE (%s)%s%n",
                    feed.name(), Formats.general(feed.amount()), sol == null ? " per unit time" : "/h",
                    Formats.fixed(fs.feedShare(f)), z, sol == null ? "" : String.format(Locale.ROOT,
                            "; %s L/h at %s mol/L RE, acidity %s mol/L H+", Formats.general(sol.flow()),
                            Formats.general(sol.concentration()), Formats.general(sol.acidity()))));
        }
        b.append(String.format(Locale.ROOT, "  flows      in %s: every amount divided by the total fresh RE, %s mol "
                + "%s%n", FLOW_UNIT, Formats.general(fs.feedTotal()), fs.streams().amountUnit()));
        b.append(String.format(Locale.ROOT, "  solver     newton per cascade, tolerance %.1e%s; %s%n", unitTolerance(),
                fs.tornSources().isEmpty() ? "" : " (1 % of the tear tolerance inside a recycle)", tearLine()));
        b.append(String.format(Locale.ROOT, "  closure    whole flowsheet %.1e (largest over components, allowed %.0e); "
                + "largest of a cascade %.1e%n%n", result.maxClosure(), CLOSURE_TOLERANCE, maxUnitClosure()));

        // every cascade of a flowsheet follows its model: the first one's template heads the table
        var first = fs.units().get(0).template();
        b.append(first.reportHeading()).append('\n');
        Table ct = new Table();
        List<String> heads = new ArrayList<>(List.of("cascade", "stages"));
        heads.addAll(first.reportHeads());
        heads.add("solver");
        ct.row(heads);
        for (UnitResult ur : result.units()) {
            SteadyState st = ur.state();
            List<String> row = new ArrayList<>(List.of(ur.unit().name(), ur.unit().stagesText()));
            row.addAll(ur.unit().template().reportCells());
            row.add(String.format(Locale.ROOT, "%s, %d iterations, imbalance %.1e, closure %.1e", st.method(),
                    st.iterations(), st.residual(), st.massBalanceError()));
            ct.row(row);
        }
        b.append(ct.render()).append('\n');

        b.append("Inlets (component flows in ").append(FLOW_UNIT).append(")\n");
        Table it = new Table();
        List<String> ih = new ArrayList<>(List.of("cascade", "enters", "from", "share", "flow"));
        ih.addAll(comps());
        List<StreamModel.InletColumn> inletColumns = fs.streams().inletColumns();
        inletColumns.forEach(col -> ih.add(col.text()));
        it.row(ih);
        for (int i = 0; i < result.units().size(); i++) {
            UnitResult ur = result.units().get(i);
            FlowsheetUnit u = ur.unit();
            for (int k = 0; k < u.inlets().size(); k++) {
                Inlet in = u.inlets().get(k);
                double[] f = ur.inletFlows().get(k);
                List<String> r = new ArrayList<>(List.of(u.name(), in.phase().label() + ", stage " + u.stageOf(in),
                        in.from() + (fs.readsTear(i, k) ? " (torn)" : ""), Formats.general(in.fraction()),
                        Formats.fixed(reSum(f))));
                for (int j = 0; j < comps().size(); j++) {
                    r.add(Formats.fraction(f[j]));
                }
                for (StreamModel.InletColumn col : inletColumns) {
                    double v = col.quantity().of(f, inletTotal(i, k), fs.feedTotal(), in.phase());
                    r.add(Double.isNaN(v) ? "-" : Formats.general(v));
                }
                it.row(r);
            }
        }
        b.append(it.render()).append('\n');

        b.append("Streams (flow in ").append(FLOW_UNIT).append(", composition in mole fractions)\n");
        Table st = new Table();
        List<String> sh = new ArrayList<>(List.of("stream", "leaves", "flow"));
        sh.addAll(comps());
        sh.addAll(List.of("purity", "goes to"));
        st.row(sh);
        for (int s = 0; s < fs.sources().size(); s++) {
            Source src = fs.sources().get(s);
            List<String> r = new ArrayList<>(List.of(src.name(), src.leaves(), Formats.fixed(result.total(s))));
            for (int j = 0; j < comps().size(); j++) {
                r.add(Formats.fraction(result.fraction(s, j)));
            }
            r.add(purityText(s));
            r.add(destinations(s));
            st.row(r);
        }
        b.append(st.render()).append('\n');

        b.append("Products (leave the flowsheet; flow in ").append(FLOW_UNIT).append(")\n");
        Table pt = new Table();
        pt.row(List.of("product", "leaves", "flow", "purity", "recovery", "target", ""));
        for (int s : result.products()) {
            Source src = fs.sources().get(s);
            ProductTarget t = fs.targetOf(src.name());
            String spec = "-";
            if (t != null) {
                List<String> parts = new ArrayList<>();
                if (t.purity() != null) {
                    parts.add(Formats.percent(t.purity()));
                }
                if (t.recovery() != null) {
                    parts.add("recovery " + Formats.percent(t.recovery()));
                }
                spec = String.join(", ", parts);
            }
            Boolean met = result.met(s);
            pt.row(List.of(src.name() + (fs.productShare(s) < 1 ? " × " + Formats.general(fs.productShare(s)) : ""),
                    src.unit() >= 0 ? fs.units().get(src.unit()).name() + ", " + src.leaves() : src.leaves(),
                    Formats.fixed(fs.productShare(s) * result.total(s)), purityText(s),
                    Formats.percent(result.recovery(s)), spec, met == null ? "" : met ? "met" : "MISSED"));
        }
        b.append(pt.render());
        List<String> intermediate = new ArrayList<>();
        for (int s = 0; s < fs.sources().size(); s++) {
            String streamName = fs.sources().get(s).name();
            if (fs.productShare(s) == 0 && fs.targetOf(streamName) != null) {
                Boolean met = result.met(s);
                intermediate.add(streamName + " " + purityText(s) + " (target " + Formats.percent(fs.targetOf(streamName)
                        .purity() == null ? 0 : fs.targetOf(streamName).purity()) + ", " + (met ? "met" : "MISSED") + ")");
            }
        }
        if (!intermediate.isEmpty()) {
            b.append("  targets on streams that are not products: ").append(String.join("; ", intermediate)).append('\n');
        }
        b.append('\n');

        b.append(fs.hasOwnInflow() ? "Recovery (fraction of each component's inflow, fresh feeds and pre-loaded "
                + "organics, leaving in each product)\n" : "Recovery (fraction of each component's fresh feed leaving in "
                + "each product)\n");
        Table rt = new Table();
        List<String> rh = new ArrayList<>(List.of("component"));
        for (int s : result.products()) {
            rh.add(fs.sources().get(s).name());
        }
        rt.row(rh);
        double[] fresh = fs.inflow();
        for (int j = 0; j < comps().size(); j++) {
            List<String> r = new ArrayList<>(List.of(comps().get(j)));
            for (int s : result.products()) {
                r.add(fresh[j] > 0 ? Formats.fraction(result.productFlow(s, j) / fresh[j]) : "-");
            }
            rt.row(r);
        }
        b.append(rt.render()).append('\n');

        b.append("Recycles (torn streams)\n");
        if (fs.tornSources().isEmpty()) {
            b.append("  none: every inlet reads a fresh feed or a cascade solved before it; one pass\n");
        } else {
            for (int s : fs.tornSources()) {
                b.append(fs.streams().tornLine(fs.sources().get(s).name(), tornTakers(s), result.total(s),
                        fs.sourceTotal(s)));
            }
            b.append(String.format(Locale.ROOT, "  %d passes; tear residual %.2e (tolerance %.1e); start: %s; %s%n",
                    result.tearIterations(), result.tearResidual(), fs.settings().tearTolerance(),
                    startText(), result.acceleration()));
            StringBuilder h = new StringBuilder();
            double[] history = result.tearHistory();
            for (int k = 0; k < history.length; k++) {
                h.append(k == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.1e", history[k]));
            }
            b.append("  residual after each pass: ").append(h).append('\n');
        }
        b.append('\n');

        boolean own = fs.hasOwnInflow();
        b.append(own ? "Closure of the whole flowsheet (|inflow − products| / inflow; inflow = fresh feeds + RE "
                + "pre-loaded on the cascades' organics)\n" : "Closure of the whole flowsheet (|fresh feed − products| / "
                + "fresh feed)\n");
        Table cl = new Table();
        cl.row(List.of("component", own ? "inflow" : "fresh feed", "products", "closure"));
        for (int j = 0; j < comps().size(); j++) {
            double c = result.closure(j);
            cl.row(List.of(comps().get(j), Formats.fraction(fresh[j]), Formats.fraction(result.leaving(j)),
                    Double.isNaN(c) ? "(not fed)" : String.format(Locale.ROOT, "%.1e", c)));
        }
        b.append(cl.render());

        if (profile) {
            for (UnitResult ur : result.units()) {
                b.append('\n').append("Stage profile of ").append(ur.unit().name())
                        .append(" (phase RE flows in ").append(FLOW_UNIT).append("; aqueous x and organic y, mole "
                                + "fractions among the rare earths)\n");
                Table p = new Table();
                List<String> ph = new ArrayList<>(List.of("stage", "section", "aqueous", "organic"));
                comps().forEach(c -> ph.add("x " + c));
                comps().forEach(c -> ph.add("y " + c));
                p.row(ph);
                SteadyState state = ur.state();
                for (int k = 1; k <= ur.unit().totalStages(); k++) {
                    List<String> r = new ArrayList<>(List.of(Integer.toString(k), ur.section(k),
                            Formats.fixed(ur.reFlow(FeedPhase.AQUEOUS, k)), Formats.fixed(ur.reFlow(FeedPhase.ORGANIC, k))));
                    for (int j = 0; j < comps().size(); j++) {
                        r.add(Formats.fraction(ur.reFraction(FeedPhase.AQUEOUS, k, j)));
                    }
                    for (int j = 0; j < comps().size(); j++) {
                        r.add(Formats.fraction(ur.reFraction(FeedPhase.ORGANIC, k, j)));
                    }
                    p.row(r);
                }
                b.append(p.render());
            }
        }
        return b.toString();
    }

    /** The tolerance the cascades were solved to (tighter inside a recycle: {@link FlowsheetSolver#tightSettings}). */
    private double unitTolerance() {
        return fs.tornSources().isEmpty() ? fs.settings().tolerance()
                : FlowsheetSolver.tightSettings(fs.settings()).tolerance();
    }

    private String tearLine() {
        if (fs.tornSources().isEmpty()) {
            return "no recycles (one pass)";
        }
        return String.format(Locale.ROOT, "recycles converged in %d passes, tear residual %.1e ≤ %.0e",
                result.tearIterations(), result.tearResidual(), fs.settings().tearTolerance());
    }

    private String startText() {
        return fs.streams().startText(fs.settings().tearStart().label());
    }

    private String tornTakers(int s) {
        List<String> t = new ArrayList<>();
        for (Flowsheet.InletRef r : fs.readers(s)) {
            if (fs.readsTear(r.cascade(), r.inlet())) {
                t.add(fs.units().get(r.cascade()).name() + " (" + r.path() + ")");
            }
        }
        return String.join(", ", t);
    }

    private double maxUnitClosure() {
        double worst = 0;
        for (UnitResult ur : result.units()) {
            worst = Math.max(worst, ur.state().massBalanceError());
        }
        return worst;
    }

    /** The RE part of a stream's component flows (a mass-action stream also carries cation and acid). */
    private double reSum(double[] a) {
        double s = 0;
        for (int j = 0; j < comps().size(); j++) {
            s += a[j];
        }
        return s;
    }

    /** Fixed total of cascade i's inlet k (its volume, L/h, under mass action): its share of its source's. */
    private double inletTotal(int i, int k) {
        return fs.units().get(i).inlets().get(k).fraction() * fs.sourceTotal(fs.inletSource(i, k));
    }

    /** The model in words, with its parameters. */
    private String modelText() {
        return fs.streams().modelText(comps());
    }

    // ------------------------------------------------------------------ JSON

    /** The report as one JSON document; with {@code profile} each cascade carries its stage profile. */
    public ObjectNode toJson(boolean profile) {
        ObjectMapper mapper = new ObjectMapper();
        ObjectNode root = mapper.createObjectNode();
        root.put("flowsheet", fs.name());
        root.put("converged", true);
        root.put("flowUnit", FLOW_UNIT);
        root.setAll((ObjectNode) mapper.valueToTree(fs.streams().modelJson(comps())));
        root.put("feedTotal", fs.feedTotal());
        ArrayNode feeds = root.putArray("feeds");
        for (int f = 0; f < fs.feeds().size(); f++) {
            FreshFeed feed = fs.feeds().get(f);
            ObjectNode o = feeds.addObject();
            o.put("name", feed.name());
            o.put("amount", feed.amount());
            if (feed.solution() != null) {
                o.put("volumetricFlow", feed.solution().flow());
                o.put("concentration", feed.solution().concentration());
                o.put("acidity", feed.solution().acidity());
            }
            o.put("share", fs.feedShare(f));
            ObjectNode z = o.putObject("composition");
            for (int j = 0; j < comps().size(); j++) {
                z.put(comps().get(j), feed.fraction(j));
            }
        }
        ArrayNode cascades = root.putArray("cascades");
        for (int i = 0; i < result.units().size(); i++) {
            UnitResult ur = result.units().get(i);
            FlowsheetUnit u = ur.unit();
            ObjectNode o = cascades.addObject();
            o.put("name", u.name());
            o.setAll((ObjectNode) mapper.valueToTree(u.template().reportJson()));
            ArrayNode inlets = o.putArray("inlets");
            for (int k = 0; k < u.inlets().size(); k++) {
                Inlet in = u.inlets().get(k);
                ObjectNode io = inlets.addObject();
                io.put("from", in.from());
                io.put("phase", in.phase().label());
                io.put("stage", u.stageOf(in));
                io.put("fraction", in.fraction());
                io.put("torn", fs.readsTear(i, k));
                double[] f = ur.inletFlows().get(k);
                io.put("flow", reSum(f));
                flows(io.putObject("flows"), f);
                for (StreamModel.InletColumn col : fs.streams().inletColumns()) {
                    double v = col.quantity().of(f, inletTotal(i, k), fs.feedTotal(), in.phase());
                    if (Double.isNaN(v)) {
                        io.putNull(col.key());
                    } else {
                        io.put(col.key(), v);
                    }
                }
            }
            o.set("sideDraws", mapper.valueToTree(u.template().drawsJson()));
            ObjectNode solver = o.putObject("solver");
            solver.put("method", ur.state().method());
            solver.put("iterations", ur.state().iterations());
            solver.put("residual", ur.state().residual());
            solver.put("massBalanceError", ur.state().massBalanceError());
            if (profile) {
                ArrayNode p = o.putArray("profile");
                SteadyState state = ur.state();
                for (int k = 1; k <= u.totalStages(); k++) {
                    ObjectNode so = p.addObject();
                    so.put("stage", k);
                    so.put("section", ur.section(k));
                    so.put("aqueousFlow", ur.reFlow(FeedPhase.AQUEOUS, k));
                    so.put("organicFlow", ur.reFlow(FeedPhase.ORGANIC, k));
                    ObjectNode aq = so.putObject("aqueous");
                    ObjectNode org = so.putObject("organic");
                    for (int j = 0; j < comps().size(); j++) {
                        aq.put(comps().get(j), ur.reFraction(FeedPhase.AQUEOUS, k, j));
                        org.put(comps().get(j), ur.reFraction(FeedPhase.ORGANIC, k, j));
                    }
                }
            }
        }
        ArrayNode streams = root.putArray("streams");
        for (int s = 0; s < fs.sources().size(); s++) {
            Source src = fs.sources().get(s);
            ObjectNode o = streams.addObject();
            streamJson(o, s, src);
            o.put("productShare", fs.productShare(s));
            ArrayNode to = o.putArray("sentTo");
            for (Flowsheet.InletRef r : fs.readers(s)) {
                FlowsheetUnit u = fs.units().get(r.cascade());
                ObjectNode t = to.addObject();
                t.put("cascade", u.name());
                t.put("inlet", r.inlet());
                t.put("fraction", u.inlets().get(r.inlet()).fraction());
                t.put("torn", fs.readsTear(r.cascade(), r.inlet()));
            }
        }
        ArrayNode products = root.putArray("products");
        for (int s : result.products()) {
            Source src = fs.sources().get(s);
            ObjectNode o = products.addObject();
            o.put("stream", src.name());
            o.put("share", fs.productShare(s));
            o.put("flow", fs.productShare(s) * result.total(s));
            ObjectNode comp = o.putObject("composition");
            for (int j = 0; j < comps().size(); j++) {
                comp.put(comps().get(j), result.fraction(s, j));
            }
            purityJson(o, s);
        }
        ObjectNode tear = root.putObject("tear");
        ArrayNode tornStreams = tear.putArray("streams");
        for (int s : fs.tornSources()) {
            ObjectNode t = tornStreams.addObject();
            t.put("stream", fs.sources().get(s).name());
            t.setAll((ObjectNode) mapper.valueToTree(fs.streams().tornJson(result.total(s), fs.sourceTotal(s))));
        }
        tear.put("iterations", result.tearIterations());
        tear.put("cascadeTolerance", unitTolerance());
        tear.put("residual", result.tearResidual());
        tear.put("tolerance", fs.settings().tearTolerance());
        tear.put("maxIterations", fs.settings().maxTearIterations());
        tear.put("converged", true);
        tear.put("start", fs.settings().tearStart().label());
        tear.put("acceleration", result.acceleration());
        ArrayNode history = tear.putArray("history");
        for (double r : result.tearHistory()) {
            history.add(r);
        }
        ObjectNode closure = root.putObject("closure");
        closure.put("max", result.maxClosure());
        closure.put("tolerance", CLOSURE_TOLERANCE);
        ObjectNode per = closure.putObject("components");
        for (int j = 0; j < comps().size(); j++) {
            double c = result.closure(j);
            if (Double.isNaN(c)) {
                per.putNull(comps().get(j));
            } else {
                per.put(comps().get(j), c);
            }
        }
        root.put("targetsMet", result.targetsMet());
        return root;
    }

    private void streamJson(ObjectNode o, int s, Source src) {
        o.put("name", src.name());
        o.put("kind", src.kind());
        if (src.isOutlet()) {
            o.put("cascade", fs.units().get(src.unit()).name());
            o.put("phase", src.phase().label());
            o.put("stage", src.stage());
        }
        o.put("flow", result.total(s));
        flows(o.putObject("flows"), result.flows(s));
        ObjectNode comp = o.putObject("composition");
        for (int j = 0; j < comps().size(); j++) {
            comp.put(comps().get(j), result.fraction(s, j));
        }
        purityJson(o, s);
    }

    private void purityJson(ObjectNode o, int s) {
        ArrayNode of = o.putArray("purityOf");
        for (int j : result.purityOf(s)) {
            of.add(comps().get(j));
        }
        o.put("purity", result.purity(s));
        o.put("recovery", result.recovery(s));
        ProductTarget t = fs.targetOf(fs.sources().get(s).name());
        if (t != null) {
            if (t.purity() != null) {
                o.put("target", t.purity());
            }
            if (t.recovery() != null) {
                o.put("recoveryTarget", t.recovery());
            }
            o.put("met", result.met(s));
        }
    }

    private void flows(ObjectNode o, double[] f) {
        for (int j = 0; j < comps().size(); j++) {
            o.put(comps().get(j), f[j]);
        }
    }

    /** Writes the JSON document, pretty-printed. */
    public void writeJson(Writer out, boolean profile) throws IOException {
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out, toJson(profile));
    }

    // ------------------------------------------------------------------ CSV

    /** Writes every cascade's stage profile: one row per cascade and stage, x_j and y_j per component. */
    public void writeProfileCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("cascade", "stage", "section", "aqueous_flow", "organic_flow"));
        comps().forEach(c -> header.add("x_" + c));
        comps().forEach(c -> header.add("y_" + c));
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT.builder()
                .setHeader(header.toArray(new String[0])).get())) {
            for (UnitResult ur : result.units()) {
                SteadyState state = ur.state();
                for (int k = 1; k <= ur.unit().totalStages(); k++) {
                    List<Object> row = new ArrayList<>(List.of(ur.unit().name(), k, ur.section(k),
                            num(ur.reFlow(FeedPhase.AQUEOUS, k)), num(ur.reFlow(FeedPhase.ORGANIC, k))));
                    for (int j = 0; j < comps().size(); j++) {
                        row.add(num(ur.reFraction(FeedPhase.AQUEOUS, k, j)));
                    }
                    for (int j = 0; j < comps().size(); j++) {
                        row.add(num(ur.reFraction(FeedPhase.ORGANIC, k, j)));
                    }
                    csv.printRecord(row);
                }
            }
        }
    }

    private static String num(double x) {
        return String.format(Locale.ROOT, "%.15g", x);
    }
}
