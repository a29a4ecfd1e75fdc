package org.sxcascade.sweep;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;
import org.sxcascade.window.ControlInput;
import org.sxcascade.window.OperatingWindow;
import org.sxcascade.window.NinesMargin;

/**
 * The columns of a sweep's results and their text forms. The order is stable: {@code point}, the
 * parameters in spec order, {@code status}, {@code method}, {@code iterations}, {@code residual},
 * {@code mass_balance_error}, the recorded outputs in spec order, {@code reason}. Numbers are
 * written with {@link Double#toString(double)} (the shortest text that reads back as the same
 * double), empty cells as nothing (CSV) or {@code null} (JSON).
 */
public final class RowFormat {
    /** Version of the row format, part of the spec hash: a resumed file must have been written by the same. */
    static final String VERSION = "sxcascade-sweep-rows 1";
    /** Names of the columns every sweep has. */
    static final List<String> FIXED = List.of("point", "status", "method", "iterations", "residual",
            "mass_balance_error", "reason");

    private final List<Column> columns;
    private final int parameterCount;
    private final boolean[] integerParameter;
    private final List<Output> outputs;
    private final List<String> components;
    private final boolean cmer;
    private final boolean massAction;
    private final double reagentExcess;
    private final String header;
    private final String[] jsonKeys;
    /** The column keys of the window's inputs ({@link Output#WINDOW}; empty without it). */
    private final List<String> windowKeys;

    /**
     * The format of a spec's rows.
     *
     * @param spec the sweep: its parameters, recorded outputs, base case (model, components) and task
     */
    public RowFormat(SweepSpec spec) {
        this.outputs = spec.outputs();
        this.components = spec.components();
        this.cmer = spec.cmer();
        this.massAction = spec.massAction();
        this.reagentExcess = spec.task().reagentExcess();
        List<Column> cols = new ArrayList<>();
        cols.add(new Column("point", Column.Type.LONG));
        parameterCount = spec.parameters().size();
        integerParameter = new boolean[parameterCount];
        for (int i = 0; i < parameterCount; i++) {
            Parameter p = spec.parameters().get(i);
            integerParameter[i] = p.integer();
            cols.add(new Column(p.name(), p.integer() ? Column.Type.INTEGER : Column.Type.DOUBLE));
        }
        cols.add(new Column("status", Column.Type.STRING));
        cols.add(new Column("method", Column.Type.STRING));
        cols.add(new Column("iterations", Column.Type.INTEGER));
        cols.add(new Column("residual", Column.Type.DOUBLE));
        cols.add(new Column("mass_balance_error", Column.Type.DOUBLE));
        this.windowKeys = windowKeys(spec.baseCase(), outputs);
        cols.addAll(outputColumns(outputs, components, cmer, massAction, windowKeys));
        cols.add(new Column("reason", Column.Type.STRING));
        this.columns = List.copyOf(cols);
        StringBuilder h = new StringBuilder();
        jsonKeys = new String[columns.size()];
        for (int i = 0; i < columns.size(); i++) {
            h.append(i == 0 ? "" : ",");
            appendCsvText(h, columns.get(i).name()); // quoted as the rows' text is (RFC 4180)
            jsonKeys[i] = "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(columns.get(i).name()))
                    + "\":";
        }
        this.header = h.toString();
    }

    /**
     * The columns, in order.
     *
     * @return every column's name and type
     */
    public List<Column> columns() {
        return columns;
    }

    /**
     * The CSV header line.
     *
     * @return the column names separated by commas, without line end
     */
    public String csvHeader() {
        return header;
    }

    /** Column names of the recorded outputs (for name clashes in the spec). */
    static List<String> outputColumnNames(List<Output> outputs, List<String> components, boolean cmer,
                                          boolean massAction, List<String> windowKeys) {
        return outputColumns(outputs, components, cmer, massAction, windowKeys).stream().map(Column::name).toList();
    }

    /** The column keys of the base case's window inputs ({@link ControlInput#columnKey()}), empty without {@code window}. */
    static List<String> windowKeys(JsonNode baseCase, List<Output> outputs) {
        return outputs.contains(Output.WINDOW) ? ControlInput.of(baseCase).stream().map(ControlInput::columnKey)
                .toList() : List.of();
    }

    /** The columns of {@link Output#WINDOW}. */
    private static List<Column> windowColumns(List<String> windowKeys) {
        List<Column> c = new ArrayList<>();
        c.add(d("margin_nines_min"));
        for (String key : windowKeys) {
            c.add(d("window_low_" + key));
            c.add(d("window_high_" + key));
        }
        c.add(d("tolerance_down"));
        c.add(d("tolerance_up"));
        return c;
    }

    private static List<Column> outputColumns(List<Output> outputs, List<String> components, boolean cmer,
                                              boolean massAction, List<String> windowKeys) {
        if (massAction) {
            return massActionColumns(outputs, components, windowKeys);
        }
        List<Column> c = new ArrayList<>();
        for (Output o : outputs) {
            switch (o) {
                case PURITIES -> {
                    c.add(d("purity_organic"));
                    c.add(d("purity_aqueous"));
                }
                case RECOVERIES -> {
                    c.add(d("recovery_organic"));
                    c.add(d("recovery_aqueous"));
                }
                case TARGETS -> c.add(new Column("targets_met", Column.Type.BOOLEAN));
                case COMPOSITIONS -> {
                    for (String name : components) {
                        c.add(d("organic_y_" + name));
                    }
                    for (String name : components) {
                        c.add(d("aqueous_x_" + name));
                    }
                }
                case STAGES -> {
                    c.add(new Column("extraction_stages", Column.Type.INTEGER));
                    c.add(new Column("scrub_stages", Column.Type.INTEGER));
                    c.add(new Column("total_stages", Column.Type.INTEGER));
                }
                case FLOWS -> {
                    if (cmer) {
                        c.add(d("S_mol_per_mol_fed"));
                        c.add(d("W_mol_per_mol_fed"));
                    } else {
                        c.add(d("organic_flow_L_per_h"));
                        c.add(d("scrub_flow_L_per_h"));
                    }
                    c.add(d("organic_product_mol_per_mol_fed"));
                    c.add(d("raffinate_mol_per_mol_fed"));
                }
                case REAGENTS -> {
                    c.add(d("acid_mol_H_per_mol_fed"));
                    c.add(d("base_mol_per_mol_fed"));
                }
                case PHI -> c.add(d("phi"));
                case WORK -> c.add(new Column("steady_states", Column.Type.INTEGER));
                case OBJECTIVE -> c.add(d("objective_value"));
                case WINDOW -> c.addAll(windowColumns(windowKeys));
                default -> throw new IllegalStateException(o.label());
            }
        }
        return c;
    }

    /**
     * Columns of a mass-action base case: named after its products, the raffinate (aqueous, stage
     * 1) and the strip product (the strip liquor not refluxed; the loaded organic without strip
     * stages), as {@code targets.aqueous} and {@code targets.strip} of the case name them.
     */
    private static List<Column> massActionColumns(List<Output> outputs, List<String> components,
                                                  List<String> windowKeys) {
        List<Column> c = new ArrayList<>();
        for (Output o : outputs) {
            switch (o) {
                case PURITIES -> {
                    c.add(d("purity_raffinate"));
                    c.add(d("purity_strip"));
                }
                case RECOVERIES -> {
                    c.add(d("recovery_raffinate"));
                    c.add(d("recovery_strip"));
                }
                case TARGETS -> c.add(new Column("targets_met", Column.Type.BOOLEAN));
                case COMPOSITIONS -> {
                    for (String name : components) {
                        c.add(d("raffinate_x_" + name));
                    }
                    for (String name : components) {
                        c.add(d("strip_x_" + name));
                    }
                }
                case STAGES -> {
                    c.add(new Column("extraction_stages", Column.Type.INTEGER));
                    c.add(new Column("scrub_stages", Column.Type.INTEGER));
                    c.add(new Column("strip_stages", Column.Type.INTEGER));
                    c.add(new Column("total_stages", Column.Type.INTEGER));
                }
                case FLOWS -> {
                    c.add(d("raffinate_L_per_h"));
                    c.add(d("strip_L_per_h"));
                    c.add(d("raffinate_mol_per_mol_fed"));
                    c.add(d("strip_mol_per_mol_fed"));
                    c.add(d("stripped_organic_mol_per_mol_fed"));
                }
                case REAGENTS -> {
                    c.add(d("acid_mol_H_per_mol_fed"));
                    c.add(d("base_mol_per_mol_fed"));
                }
                case CHEMISTRY -> {
                    c.add(d("raffinate_pH"));
                    c.add(d("strip_pH"));
                    c.add(d("max_loading"));
                    c.add(new Column("max_loading_stage", Column.Type.INTEGER));
                    c.add(d("H_balance_error"));
                    c.add(d("cation_balance_error"));
                    c.add(d("extractant_balance_error"));
                }
                case WORK -> c.add(new Column("steady_states", Column.Type.INTEGER));
                case OBJECTIVE -> c.add(d("objective_value"));
                case WINDOW -> c.addAll(windowColumns(windowKeys));
                default -> throw new IllegalStateException(o.label() + " for a mass-action case");
            }
        }
        return c;
    }

    private static Column d(String name) {
        return new Column(name, Column.Type.DOUBLE);
    }

    // ------------------------------------------------------------------ rows

    /**
     * A point's row with its operating window's columns filled ({@link Output#WINDOW}): the least
     * target margin in nines; each input's edges (the crossing for a missed target or a failure,
     * the bound for a physical bound, empty for the search limit or when the point misses a
     * target); the key pair's factor at each edge of its tolerance.
     */
    SweepRow withWindow(SweepRow row, OperatingWindow w) {
        Object[] v = row.values().toArray();
        int at = columnIndex("margin_nines_min");
        v[at] = w.margins().stream().mapToDouble(NinesMargin::margin).min().orElse(Double.NaN);
        for (OperatingWindow.InputRange r : w.ranges()) {
            int i = windowKeys.indexOf(r.input().columnKey());
            if (i >= 0) {
                v[at + 1 + 2 * i] = edgeValue(r.lower());
                v[at + 2 + 2 * i] = edgeValue(r.upper());
            }
        }
        if (!w.tolerances().isEmpty()) {
            v[at + 1 + 2 * windowKeys.size()] = edgeValue(w.tolerances().get(0).down());
            v[at + 2 + 2 * windowKeys.size()] = edgeValue(w.tolerances().get(0).up());
        }
        return SweepRow.of(row.point(), row.status(), v);
    }

    private static Double edgeValue(OperatingWindow.Edge e) {
        return e.kind() == OperatingWindow.EdgeKind.SEARCH_LIMIT ? null : e.value();
    }

    private int columnIndex(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException(name);
    }

    /** What a successful point produced, for {@link #ok}. */
    record Outcome(CascadeCase cascadeCase, CascadeNetwork network, SteadyState state, int steadyStates,
                   Double objective, String note) {
    }

    private Object[] start(long point, double[] parameters, SweepRow.Status status) {
        Object[] v = new Object[columns.size()];
        v[0] = point;
        for (int i = 0; i < parameterCount; i++) {
            v[1 + i] = integerParameter[i] ? (Object) (int) parameters[i] : (Object) parameters[i];
        }
        v[1 + parameterCount] = status.label();
        return v;
    }

    /** A point that produced no result: its status and reason, with the solver's numbers if any. */
    SweepRow failed(long point, double[] parameters, SweepRow.Status status, String reason, String method,
                    Integer iterations, Double residual) {
        Object[] v = start(point, parameters, status);
        int s = 1 + parameterCount;
        v[s + 1] = method;
        v[s + 2] = iterations;
        v[s + 3] = residual;
        v[columns.size() - 1] = reason == null ? "" : reason;
        return SweepRow.of(point, status, v);
    }

    /** A point's result. */
    SweepRow ok(long point, double[] parameters, Outcome o) {
        Object[] v = start(point, parameters, SweepRow.Status.OK);
        int s = 1 + parameterCount;
        SteadyState st = o.state();
        v[s + 1] = st.method();
        v[s + 2] = st.iterations();
        v[s + 3] = st.residual();
        v[s + 4] = st.massBalanceError();
        int k = s + 5;
        CascadeCase c = o.cascadeCase();
        SimulationReport report = needsReport() ? new SimulationReport(c, o.network(), st) : null;
        for (Output out : outputs) {
            switch (out) {
                case PURITIES -> {
                    v[k++] = fraction(report.products().get(0).purity());
                    v[k++] = fraction(report.products().get(1).purity());
                }
                case RECOVERIES -> {
                    v[k++] = fraction(report.products().get(0).recovery());
                    v[k++] = fraction(report.products().get(1).recovery());
                }
                case TARGETS -> v[k++] = targetsMet(report);
                case COMPOSITIONS -> {
                    int n = o.network().stages();
                    for (int j = 0; j < components.size(); j++) {
                        v[k++] = fraction(st.organicFraction(n, j));
                    }
                    for (int j = 0; j < components.size(); j++) {
                        v[k++] = fraction(st.aqueousFraction(1, j));
                    }
                }
                case STAGES -> {
                    v[k++] = c.cascade().extractionStages();
                    v[k++] = c.cascade().scrubStages();
                    v[k++] = c.cascade().totalStages();
                }
                case FLOWS -> {
                    if (c.flows() instanceof XuFlows xu) {
                        v[k++] = xu.extractant();
                        v[k++] = xu.scrub();
                    } else {
                        VolumetricFlows vol = (VolumetricFlows) c.flows();
                        v[k++] = vol.organicFlow();
                        v[k++] = vol.scrubFlow();
                    }
                    v[k++] = st.organicTotal(o.network().stages());
                    v[k++] = st.aqueousTotal(1);
                }
                case REAGENTS -> {
                    XuFlows xu = (XuFlows) c.flows();
                    v[k++] = CascadeDesigner.scrubAcid(xu.scrub())
                            + CascadeDesigner.stripAcid(c.feed().phase(), xu.extractant(), xu.scrub(), reagentExcess);
                    v[k++] = CascadeDesigner.saponification(xu.extractant(), reagentExcess);
                }
                case PHI -> v[k++] = ((XuFlows) c.flows()).extractant() * c.cascade().totalStages();
                case WORK -> v[k++] = o.steadyStates();
                case OBJECTIVE -> v[k++] = o.objective();
                case WINDOW -> k += 3 + 2 * windowKeys.size(); // filled by withWindow
                default -> throw new IllegalStateException(out.label());
            }
        }
        v[k] = o.note() == null ? "" : o.note();
        return SweepRow.of(point, SweepRow.Status.OK, v);
    }

    /**
     * A mass-action point's result ({@link SimulationReport}'s numbers: the same as {@code simulate}'s).
     *
     * @param c       the point's case
     * @param network its stage network
     * @param st      its steady state
     * @param note    a note for the reason column (e.g. the fallback to rows), or {@code null}
     */
    SweepRow okMassAction(long point, double[] parameters, MassActionCase c, CascadeNetwork network, SteadyState st,
                          String note) {
        return okMassAction(point, parameters, c, network, st, note, 1);
    }

    /** As {@link #okMassAction(long, double[], MassActionCase, CascadeNetwork, SteadyState, String)}, after {@code steadyStates} solves (a design). */
    SweepRow okMassAction(long point, double[] parameters, MassActionCase c, CascadeNetwork network, SteadyState st,
                          String note, int steadyStates) {
        return okMassAction(point, parameters, c, network, st, note, steadyStates, null);
    }

    /**
     * As {@link #okMassAction(long, double[], MassActionCase, CascadeNetwork, SteadyState, String, int)},
     * with the optimized objective's value (an optimize point).
     */
    SweepRow okMassAction(long point, double[] parameters, MassActionCase c, CascadeNetwork network, SteadyState st,
                          String note, int steadyStates, Double objective) {
        Object[] v = start(point, parameters, SweepRow.Status.OK);
        int s = 1 + parameterCount;
        v[s + 1] = st.method();
        v[s + 2] = st.iterations();
        v[s + 3] = st.residual();
        v[s + 4] = st.massBalanceError();
        int k = s + 5;
        SimulationReport report = new SimulationReport(c, network, st);
        // products(): the raffinate, then the strip liquor (or the loaded organic without strip stages)
        SimulationReport.Product raffinate = report.products().get(0);
        SimulationReport.Product strip = report.products().get(1);
        for (Output out : outputs) {
            switch (out) {
                case PURITIES -> {
                    v[k++] = fraction(raffinate.purity());
                    v[k++] = fraction(strip.purity());
                }
                case RECOVERIES -> {
                    v[k++] = fraction(raffinate.recovery());
                    v[k++] = fraction(strip.recovery());
                }
                case TARGETS -> v[k++] = report.products().stream().allMatch(p -> p.met() == null) ? null
                        : report.targetsMet();
                case COMPOSITIONS -> {
                    for (String name : components) {
                        v[k++] = raffinate.composition().get(name);
                    }
                    for (String name : components) {
                        v[k++] = strip.composition().get(name);
                    }
                }
                case STAGES -> {
                    v[k++] = c.cascade().extractionStages();
                    v[k++] = c.cascade().scrubStages();
                    v[k++] = c.stripStages();
                    v[k++] = c.totalStages();
                }
                case FLOWS -> {
                    v[k++] = raffinate.volume();
                    v[k++] = strip.volume();
                    v[k++] = raffinate.flow();
                    v[k++] = strip.flow();
                    // RE left on the organic that goes back to saponification (none without strip stages)
                    v[k++] = c.stripStages() > 0 ? report.products().get(2).flow() : null;
                }
                case REAGENTS -> {
                    v[k++] = c.acidPerMolFed();
                    v[k++] = c.basePerMolFed();
                }
                case CHEMISTRY -> {
                    v[k++] = MassActionEquilibrium.pH(raffinate.acidity());
                    v[k++] = Double.isNaN(strip.acidity()) ? null : MassActionEquilibrium.pH(strip.acidity());
                    MassActionCaseView.StageRow highest = MassActionCaseView.of(report.view()).stages().get(0);
                    for (MassActionCaseView.StageRow row : MassActionCaseView.of(report.view()).stages()) {
                        if (row.loading() > highest.loading()) {
                            highest = row;
                        }
                    }
                    v[k++] = highest.loading();
                    v[k++] = highest.stage();
                    v[k++] = MassActionCaseView.of(report.view()).hydrogenBalance();
                    v[k++] = MassActionCaseView.of(report.view()).cationBalance();
                    v[k++] = MassActionCaseView.of(report.view()).extractantBalance();
                }
                case WORK -> v[k++] = steadyStates;
                case OBJECTIVE -> v[k++] = objective;
                case WINDOW -> k += 3 + 2 * windowKeys.size(); // filled by withWindow
                default -> throw new IllegalStateException(out.label() + " for a mass-action case");
            }
        }
        v[k] = note == null ? "" : note;
        return SweepRow.of(point, SweepRow.Status.OK, v);
    }

    /** Whether every target is met; {@code null} (an empty cell) when no product has a target. */
    private static Boolean targetsMet(SimulationReport report) {
        boolean any = false;
        for (SimulationReport.Product p : report.products()) {
            Boolean met = p.met();
            if (met != null) {
                any = true;
                if (!met) {
                    return false;
                }
            }
        }
        return any ? Boolean.TRUE : null;
    }

    private boolean needsReport() {
        return outputs.contains(Output.PURITIES) || outputs.contains(Output.RECOVERIES)
                || outputs.contains(Output.TARGETS);
    }

    // ------------------------------------------------------------------ text

    /**
     * The row as one CSV line.
     *
     * @param row a row of this format
     * @return its cells with RFC 4180 quoting, without line end
     */
    public String csvLine(SweepRow row) {
        StringBuilder b = new StringBuilder(256);
        List<Object> v = row.values();
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            Object x = v.get(i);
            if (x == null) {
                continue;
            }
            if (x instanceof String s) {
                appendCsvText(b, s);
            } else {
                appendValue(b, x);
            }
        }
        return b.toString();
    }

    /**
     * A number or boolean cell: the text of {@link String#valueOf(Object)} ({@link Double#toString},
     * {@link Long#toString}, …), appended by the builder's own primitive appends, which write the
     * same characters without a String per cell.
     */
    private static void appendValue(StringBuilder b, Object x) {
        if (x instanceof Double d) {
            b.append(d.doubleValue());
        } else if (x instanceof Integer i) {
            b.append(i.intValue());
        } else if (x instanceof Long l) {
            b.append(l.longValue());
        } else {
            b.append(x);
        }
    }

    /**
     * A purity, recovery or mole fraction as written: within [0, 1], where rounding in the sums can
     * put it a few ulps outside (1.0000000000000024); NaN stays NaN.
     */
    static double fraction(double x) {
        return x > 1 ? 1 : x < 0 ? 0 : x;
    }

    private static void appendCsvText(StringBuilder b, String s) {
        boolean quote = false;
        for (int i = 0; i < s.length() && !quote; i++) {
            char c = s.charAt(i);
            quote = c == ',' || c == '"' || c == '\n' || c == '\r';
        }
        if (!quote) {
            b.append(s);
            return;
        }
        b.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '"') {
                b.append("\"\"");
            } else if (c == '\n' || c == '\r') {
                b.append(' ');
            } else {
                b.append(c);
            }
        }
        b.append('"');
    }

    /**
     * The row as one JSON object on one line.
     *
     * @param row a row of this format
     * @return its cells keyed by the column names; empty cells and non-finite numbers are null
     */
    public String jsonLine(SweepRow row) {
        StringBuilder b = new StringBuilder(384);
        b.append('{');
        List<Object> v = row.values();
        for (int i = 0; i < v.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(jsonKeys[i]);
            Object x = v.get(i);
            if (x == null || x instanceof Double d && !Double.isFinite(d)) {
                b.append("null");
            } else if (x instanceof String s) {
                b.append('"').append(JsonStringEncoder.getInstance().quoteAsString(s)).append('"');
            } else {
                appendValue(b, x);
            }
        }
        return b.append('}').toString();
    }
}
