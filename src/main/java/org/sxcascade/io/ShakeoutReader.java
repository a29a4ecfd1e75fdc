package org.sxcascade.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sxcascade.fit.Shakeout;
import org.sxcascade.fit.ShakeoutData;
import org.sxcascade.model.InvalidInputException;

/**
 * Reads a shake-out CSV (docs/fit.md, "Shake-out data"): one header row naming the columns with
 * their units, one equilibrium experiment per row. The whole file is checked before anything is
 * returned, so nothing half-read is fitted: a bad row is an {@link InvalidInputException} naming
 * the file, the line, the column, the value and what is allowed; an unknown or repeated column,
 * or a missing required one, is an error too.
 */
public final class ShakeoutReader {
    /** Rare earths a shake-out file may name in its {@code <RE>_…} columns. */
    public static final List<String> RARE_EARTHS = List.of("La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb",
            "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y", "Sc");
    static final String EXTRACTANT = "extractant_mol_per_L";
    static final String O_TO_A = "o_to_a";
    static final String ACID = "initial_acid_mol_per_L";
    static final String SAPONIFICATION = "saponification";
    static final String CATION = "cation";
    static final String WEIGHT = "weight";
    static final String ID = "experiment_id";
    static final String SOURCE = "source";
    static final String FLAGS = "flags";
    static final String INITIAL = "_initial_mol_per_L";
    static final String AQUEOUS = "_aqueous_eq_mol_per_L";
    static final String D = "_D";
    /** Cation labels allowed in the {@code cation} column. */
    public static final List<String> CATIONS = List.of("Na", "NH4", "K");
    private static final List<String> REQUIRED = List.of(EXTRACTANT, O_TO_A, ACID);
    private static final List<String> OPTIONAL = List.of(SAPONIFICATION, CATION, WEIGHT, ID, SOURCE, FLAGS);

    private ShakeoutReader() {
    }

    /** Reads and checks a whole file. */
    public static ShakeoutData read(Path file) {
        return parse(file.toString(), CsvTable.text(file));
    }

    /** Reads and checks the text of a shake-out CSV; {@code name} names it in messages. */
    public static ShakeoutData parse(String name, String text) {
        CsvTable table = CsvTable.parse(name, text, "a header row and at least one experiment (docs/fit.md)");
        List<String> header = table.header();
        Map<String, Integer> column = table.column();
        // the rare earths, in column order, and what each has
        Set<String> elementSet = new LinkedHashSet<>();
        for (int i = 0; i < header.size(); i++) {
            String col = header.get(i);
            if (REQUIRED.contains(col) || OPTIONAL.contains(col)) {
                continue;
            }
            String element = elementOf(col);
            if (element == null || !RARE_EARTHS.contains(element)) {
                throw new InvalidInputException(name + " header, column " + (i + 1), col.isEmpty() ? "(blank)" : col,
                        "one of " + String.join(", ", REQUIRED) + ", " + String.join(", ", OPTIONAL)
                                + ", or <RE>" + INITIAL + ", <RE>" + AQUEOUS + ", <RE>" + D + " with <RE> one of "
                                + String.join(", ", RARE_EARTHS) + " (docs/fit.md)");
            }
            elementSet.add(element);
        }
        for (String req : REQUIRED) {
            if (!column.containsKey(req)) {
                throw new InvalidInputException(name + " header, column " + req, InvalidInputException.MISSING,
                        "the columns " + String.join(", ", REQUIRED) + " (docs/fit.md)");
            }
        }
        List<String> elements = new ArrayList<>(elementSet);
        if (elements.isEmpty()) {
            throw new InvalidInputException(name + " header, column <RE>" + INITIAL, InvalidInputException.MISSING,
                    "the columns of at least one rare earth: <RE>" + INITIAL + " and <RE>" + D + " or <RE>"
                            + AQUEOUS + " (docs/fit.md)");
        }
        for (String e : elements) {
            if (!column.containsKey(e + INITIAL)) {
                throw new InvalidInputException(name + " header, column " + e + INITIAL, InvalidInputException.MISSING,
                        "the initial concentration of every rare earth that has columns (" + e + " has)");
            }
            if (!column.containsKey(e + D) && !column.containsKey(e + AQUEOUS)) {
                throw new InvalidInputException(name + " header, column " + e + D, InvalidInputException.MISSING,
                        e + D + " or " + e + AQUEOUS + " (what was measured at equilibrium)");
            }
        }
        if (table.rows().isEmpty()) {
            throw new CaseFileException(name + ": no experiments, only a header row (docs/fit.md)");
        }
        List<Shakeout> rows = new ArrayList<>(table.rows().size());
        for (CsvTable.Row row : table.rows()) {
            rows.add(row(table.cells(row), row.line(), column, elements));
        }
        return new ShakeoutData(name, elements, rows);
    }

    /** The rare earth of an element column ({@code Nd_D} → Nd), or null if the name has no such form. */
    private static String elementOf(String col) {
        for (String suffix : List.of(INITIAL, AQUEOUS, D)) {
            if (col.endsWith(suffix) && col.length() > suffix.length()) {
                return col.substring(0, col.length() - suffix.length());
            }
        }
        return null;
    }

    private static Shakeout row(CsvTable.Cells cells, int line, Map<String, Integer> column, List<String> elements) {
        String where = cells.where();
        double extractant = cells.positive(EXTRACTANT, "mol/L organic, as monomer HA");
        double oa = cells.positive(O_TO_A, "L organic per L aqueous");
        double acid = cells.number(ACID, 0, Double.POSITIVE_INFINITY, true, "a number ≥ 0 mol/L aqueous "
                + "(the free acid before contact; 0 for none)");
        double sap = column.containsKey(SAPONIFICATION) && !cells.blank(SAPONIFICATION)
                ? cells.number(SAPONIFICATION, 0, 1, false, "a fraction from 0 (inclusive) to 1 (exclusive) of the "
                + "extractant's HA in the cation form") : 0;
        String cation = column.containsKey(CATION) ? cells.text(CATION) : "";
        if (!cation.isEmpty() && !CATIONS.contains(cation)) {
            throw new InvalidInputException(cells.field(CATION), cation, "one of " + String.join(", ", CATIONS)
                    + " or blank");
        }
        if (sap > 0 && cation.isEmpty() && column.containsKey(CATION)) {
            throw new InvalidInputException(cells.field(CATION), "(blank)", "the saponifying cation ("
                    + String.join(", ", CATIONS) + ") of a row with saponification " + sap);
        }
        double weight = column.containsKey(WEIGHT) && !cells.blank(WEIGHT) ? cells.positive(WEIGHT, "no unit") : 1;
        String id = column.containsKey(ID) && !cells.blank(ID) ? cells.text(ID) : "line " + line;
        String source = column.containsKey(SOURCE) ? cells.text(SOURCE) : "";
        Set<String> flags = new LinkedHashSet<>();
        if (column.containsKey(FLAGS)) {
            for (String f : cells.text(FLAGS).split(";")) {
                if (!f.isBlank()) {
                    flags.add(f.trim());
                }
            }
        }
        int r = elements.size();
        double[] initial = new double[r];
        double[] measured = new double[r];
        Arrays.fill(measured, Double.NaN);
        int present = 0;
        for (int j = 0; j < r; j++) {
            String e = elements.get(j);
            boolean hasD = column.containsKey(e + D) && !cells.blank(e + D);
            boolean hasAq = column.containsKey(e + AQUEOUS) && !cells.blank(e + AQUEOUS);
            if (cells.blank(e + INITIAL)) {
                if (hasD || hasAq) {
                    throw new InvalidInputException(cells.field(e + INITIAL), "(blank)", "the initial " + e
                            + " concentration (mol/L) of a row that gives " + e + (hasD ? D : AQUEOUS));
                }
                continue;
            }
            present++;
            initial[j] = cells.positive(e + INITIAL, "mol/L aqueous");
            if (!hasD && !hasAq) {
                throw new InvalidInputException(cells.field(column.containsKey(e + D) ? e + D : e + AQUEOUS),
                        "(blank)", "a value for " + e + ", which is in this experiment (" + e + INITIAL + " = "
                                + cells.text(e + INITIAL) + "): " + e + D + " or " + e + AQUEOUS);
            }
            double aq = Double.NaN;
            if (hasAq) {
                // rounding in a source may put the equilibrium value a hair above the initial one
                aq = cells.number(e + AQUEOUS, 0, initial[j] * (1 + 1e-6), true, "a number from 0 to the initial "
                        + e + " concentration " + cells.text(e + INITIAL) + " mol/L (what stays in the aqueous)");
            }
            if (hasD) {
                measured[j] = cells.number(e + D, 0, Double.POSITIVE_INFINITY, true,
                        "a finite number ≥ 0 (organic over aqueous concentration at equilibrium)");
            } else {
                if (!(aq > 0)) {
                    throw new InvalidInputException(cells.field(e + AQUEOUS), cells.text(e + AQUEOUS),
                            "above 0 when no " + e + D + " is given (D = (initial/aqueous − 1)/(O/A) would be "
                                    + "infinite)");
                }
                measured[j] = Math.max(0, (initial[j] / aq - 1) / oa);
            }
        }
        if (present == 0) {
            throw new InvalidInputException(where, "no rare earth", "at least one rare earth with its "
                    + "<RE>" + INITIAL + " and <RE>" + D + " or <RE>" + AQUEOUS);
        }
        return new Shakeout(line, id, source, extractant, oa, acid, sap, cation, initial, measured, weight,
                Set.copyOf(flags));
    }
}
