package org.sxcascade.io;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.sxcascade.fit.StageSample;
import org.sxcascade.fit.StageSampleData;
import org.sxcascade.model.InvalidInputException;

/**
 * Reads a stage-sample CSV (docs/fit.md, "Stage samples"): one header row, one analysed sample
 * per row with its stage, its phase and the amount of each component, as {@code <name>_mol_per_L}
 * or {@code <name>_mole_fraction} columns (one kind per file). The whole file is checked before
 * anything is returned: a bad row is an {@link InvalidInputException} naming the file, the line,
 * the column, the value and what is allowed.
 */
public final class StageSampleReader {
    static final String STAGE = "stage";
    static final String PHASE = "phase";
    static final String ID = "sample_id";
    static final String WEIGHT = "weight";
    static final String PH = "pH";
    static final String MOL_PER_L = "_mol_per_L";
    static final String FRACTION = "_mole_fraction";
    private static final List<String> KNOWN = List.of(STAGE, PHASE, ID, WEIGHT, PH);

    private StageSampleReader() {
    }

    /** Reads and checks a whole file. */
    public static StageSampleData read(Path file) {
        return parse(file.toString(), CsvTable.text(file));
    }

    /** Reads and checks the text of a stage-sample CSV; {@code name} names it in messages. */
    public static StageSampleData parse(String name, String text) {
        CsvTable table = CsvTable.parse(name, text, "a header row and at least one sample (docs/fit.md, "
                + "\"Stage samples\")");
        Map<String, Integer> column = table.column();
        List<String> components = new ArrayList<>();
        String suffix = null;
        for (int i = 0; i < table.header().size(); i++) {
            String col = table.header().get(i);
            if (KNOWN.contains(col)) {
                continue;
            }
            String kind = col.endsWith(MOL_PER_L) ? MOL_PER_L : col.endsWith(FRACTION) ? FRACTION : null;
            if (kind == null || col.length() == kind.length()) {
                throw new InvalidInputException(name + " header, column " + (i + 1), col.isEmpty() ? "(blank)" : col,
                        "one of " + String.join(", ", KNOWN) + ", or <component>" + MOL_PER_L + " or <component>"
                                + FRACTION + " with a component name of the case (docs/fit.md, \"Stage samples\")");
            }
            if (suffix != null && !suffix.equals(kind)) {
                throw new InvalidInputException(name + " header, column " + (i + 1), col, "columns of one kind: "
                        + "all <component>" + suffix + " (the file's first component column is of that kind)");
            }
            suffix = kind;
            components.add(col.substring(0, col.length() - kind.length()));
        }
        for (String req : List.of(STAGE, PHASE)) {
            if (!column.containsKey(req)) {
                throw new InvalidInputException(name + " header, column " + req, InvalidInputException.MISSING,
                        "the columns stage and phase (docs/fit.md, \"Stage samples\")");
            }
        }
        if (components.size() < 2) {
            throw new InvalidInputException(name + " header, column <component>" + MOL_PER_L, components.isEmpty()
                    ? InvalidInputException.MISSING : "only " + components.get(0), "columns of at least two "
                    + "components: a stage sample tells the ratios between them");
        }
        if (table.rows().isEmpty()) {
            throw new CaseFileException(name + ": no samples, only a header row (docs/fit.md, \"Stage samples\")");
        }
        String unit = MOL_PER_L.equals(suffix) ? "mol/L" : "mole fraction";
        List<StageSample> samples = new ArrayList<>();
        for (CsvTable.Row row : table.rows()) {
            CsvTable.Cells cells = table.cells(row);
            double stage = cells.number(STAGE, 1, 100_000, true, "a whole number from 1 (the stage the fresh "
                    + "organic enters) to the cascade's last stage");
            if (stage != Math.rint(stage)) {
                throw new InvalidInputException(cells.field(STAGE), cells.text(STAGE), "a whole number of a stage");
            }
            String phase = cells.text(PHASE);
            if (!phase.equals("aqueous") && !phase.equals("organic")) {
                throw new InvalidInputException(cells.field(PHASE), phase.isEmpty() ? "(blank)" : phase,
                        "aqueous or organic (the phase leaving the stage that was sampled)");
            }
            double weight = column.containsKey(WEIGHT) && !cells.blank(WEIGHT) ? cells.positive(WEIGHT, "no unit") : 1;
            String id = column.containsKey(ID) && !cells.blank(ID) ? cells.text(ID) : "line " + row.line();
            double[] amount = new double[components.size()];
            Arrays.fill(amount, Double.NaN);
            int measured = 0;
            for (int j = 0; j < components.size(); j++) {
                String col = components.get(j) + suffix;
                if (cells.blank(col)) {
                    continue;
                }
                amount[j] = cells.number(col, 0, MOL_PER_L.equals(suffix) ? Double.POSITIVE_INFINITY : 1, true,
                        MOL_PER_L.equals(suffix) ? "a finite number ≥ 0 (mol/L)" : "a mole fraction from 0 to 1");
                measured += amount[j] > 0 ? 1 : 0;
            }
            double pH = Double.NaN;
            if (column.containsKey(PH) && !cells.blank(PH)) {
                if (phase.equals("organic")) {
                    throw new InvalidInputException(cells.field(PH), cells.text(PH), "blank for an organic sample "
                            + "(the pH is the aqueous phase's)");
                }
                pH = cells.number(PH, -2, 16, true, "a pH from -2 to 16");
            }
            if (measured < 2 && Double.isNaN(pH)) {
                throw new InvalidInputException(name + " line " + row.line(), measured + " component"
                        + (measured == 1 ? "" : "s") + " above 0", "at least two components measured above 0 in a "
                        + "sample (only the ratios between them are fitted), or its pH");
            }
            samples.add(new StageSample(row.line(), id, (int) stage, phase.equals("organic"), amount, weight, pH));
        }
        return new StageSampleData(name, components, unit, samples);
    }
}
