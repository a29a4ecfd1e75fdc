package org.sxcascade.fit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sxcascade.model.InvalidInputException;

/**
 * The experiments and points a fit uses, chosen from a shake-out data set, with an account of
 * what was left out and why (printed with every fit, docs/fit.md "Which rows are fitted"):
 * <ul>
 *   <li>rows from other sources than {@code --sources}, or carrying a flag of {@code --exclude-flags};</li>
 *   <li>rows holding a rare earth that is not fitted (the model would need its constant);</li>
 *   <li>points with D = 0, which have no log10 D (their row still takes part in the equilibrium).</li>
 * </ul>
 *
 * @param data       the data set
 * @param elements   the fitted rare earths, in the data's column order
 * @param rows       the experiments used
 * @param initial    per used row, the initial concentrations of the fitted rare earths (mol/L)
 * @param pointRow   per point, the index into {@code rows}
 * @param pointElement per point, the index into {@code elements}
 * @param leftOut    what was left out and why, as "N rows with … left out" sentences
 */
public record ShakeoutSelection(ShakeoutData data, List<String> elements, List<Shakeout> rows, double[][] initial,
                                int[] pointRow, int[] pointElement, List<String> leftOut) {

    /**
     * Chooses rows and points.
     *
     * @param elements     rare earths to fit (null or empty: every rare earth with a point)
     * @param sources      sources to keep (null or empty: all)
     * @param excludeFlags flags whose rows are left out (null: none)
     */
    public static ShakeoutSelection of(ShakeoutData data, List<String> elements, List<String> sources,
                                       Set<String> excludeFlags) {
        return of(data, elements, sources, excludeFlags, true);
    }

    /**
     * The rows of another data set that a fit over {@code fitted} can predict: those holding only
     * fitted rare earths (that the file has columns for), without an excluded flag. Unlike a fit,
     * a rare earth may have no point, but there must be at least one point in all.
     */
    public static ShakeoutSelection forPrediction(ShakeoutData data, List<String> fitted, Set<String> excludeFlags) {
        List<String> present = new ArrayList<>();
        for (String e : fitted) {
            if (data.elements().contains(e)) {
                present.add(e);
            }
        }
        if (present.isEmpty()) {
            throw new InvalidInputException("--predict", data.file(), "a shake-out file with columns of a fitted rare "
                    + "earth (" + String.join(", ", fitted) + ")");
        }
        ShakeoutSelection sel = of(data, present, null, excludeFlags, false);
        if (sel.pointCount() == 0) {
            throw new InvalidInputException("--predict", data.file(), "a shake-out file with at least one point "
                    + "D > 0 of the fitted rare earths in a row holding no other (" + String.join("; ", sel.leftOut())
                    + ")");
        }
        return sel;
    }

    private static ShakeoutSelection of(ShakeoutData data, List<String> elements, List<String> sources,
                                        Set<String> excludeFlags, boolean everyElementNeedsAPoint) {
        Set<String> knownSources = new LinkedHashSet<>();
        for (Shakeout s : data.rows()) {
            knownSources.add(s.source());
        }
        if (sources != null) {
            for (String s : sources) {
                if (!knownSources.contains(s)) {
                    throw new InvalidInputException("--sources", s, "a source of " + data.file() + ": "
                            + String.join(", ", knownSources));
                }
            }
        }
        List<String> fitted = new ArrayList<>();
        if (elements != null && !elements.isEmpty()) {
            Set<String> seen = new java.util.HashSet<>();
            for (String e : elements) {
                if (!data.elements().contains(e)) {
                    throw new InvalidInputException("--elements", e, "a rare earth with columns in " + data.file()
                            + ": " + String.join(", ", data.elements()));
                }
                if (!seen.add(e)) {
                    throw new InvalidInputException("--elements", e, "each rare earth once");
                }
            }
            for (String e : data.elements()) { // column order, so that results read the same way
                if (elements.contains(e)) {
                    fitted.add(e);
                }
            }
        } else {
            for (int j = 0; j < data.elements().size(); j++) {
                for (Shakeout s : data.rows()) {
                    if (s.has(j) && s.measuredD()[j] > 0) {
                        fitted.add(data.elements().get(j));
                        break;
                    }
                }
            }
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        List<Shakeout> rows = new ArrayList<>();
        List<double[]> initial = new ArrayList<>();
        List<int[]> points = new ArrayList<>();
        int zero = 0;
        int otherRows = 0;
        Set<String> others = new java.util.TreeSet<>(java.util.Comparator.comparingInt(data.elements()::indexOf));
        for (Shakeout s : data.rows()) {
            if (sources != null && !sources.isEmpty() && !sources.contains(s.source())) {
                counts.merge("from other sources", 1, Integer::sum);
                continue;
            }
            String flag = null;
            if (excludeFlags != null) {
                for (String f : s.flags()) {
                    if (excludeFlags.contains(f)) {
                        flag = f;
                        break;
                    }
                }
            }
            if (flag != null) {
                counts.merge("flagged " + flag, 1, Integer::sum);
                continue;
            }
            boolean other = false;
            for (int j = 0; j < data.elements().size(); j++) {
                if (s.has(j) && !fitted.contains(data.elements().get(j))) {
                    others.add(data.elements().get(j));
                    other = true;
                }
            }
            if (other) {
                otherRows++;
                continue;
            }
            double[] init = new double[fitted.size()];
            int rowIndex = rows.size();
            for (int k = 0; k < fitted.size(); k++) {
                int j = data.elements().indexOf(fitted.get(k));
                init[k] = s.initial()[j];
                if (s.has(j)) {
                    if (s.measuredD()[j] > 0) {
                        points.add(new int[] {rowIndex, k});
                    } else {
                        zero++;
                    }
                }
            }
            rows.add(s);
            initial.add(init);
        }
        List<String> leftOut = new ArrayList<>();
        counts.forEach((why, n) -> leftOut.add(n + " row" + (n == 1 ? "" : "s") + " " + why + " left out"));
        if (otherRows > 0) {
            leftOut.add(otherRows + " row" + (otherRows == 1 ? "" : "s") + " holding rare earths not fitted ("
                    + String.join(", ", others) + ") left out");
        }
        if (zero > 0) {
            leftOut.add(zero + " point" + (zero == 1 ? "" : "s") + " with D = 0 left out (no log10 D; their rows "
                    + "still take part in the equilibrium)");
        }
        if (fitted.isEmpty()) {
            throw new InvalidInputException("--elements", "(none)", "at least one rare earth with a point D > 0 in "
                    + data.file());
        }
        for (int k = 0; k < fitted.size() && everyElementNeedsAPoint; k++) {
            int kk = k;
            if (points.stream().noneMatch(pt -> pt[1] == kk)) {
                throw new InvalidInputException("--elements", fitted.get(k), "a rare earth with at least one point "
                        + "D > 0 in the rows selected (" + rows.size() + " rows; " + String.join("; ", leftOut)
                        + ")");
            }
        }
        int[] pr = new int[points.size()];
        int[] pe = new int[points.size()];
        for (int i = 0; i < pr.length; i++) {
            pr[i] = points.get(i)[0];
            pe[i] = points.get(i)[1];
        }
        return new ShakeoutSelection(data, List.copyOf(fitted), List.copyOf(rows), initial.toArray(double[][]::new),
                pr, pe, List.copyOf(leftOut));
    }

    /**
     * The rows with points of at least two rare earths: the only ones that tell a separation factor
     * (a ratio of two D in the same experiment). The rows left out are counted in {@link #leftOut}.
     */
    public ShakeoutSelection withSeveralPoints() {
        int[] perRow = new int[rows.size()];
        for (int r : pointRow) {
            perRow[r]++;
        }
        List<Shakeout> kept = new ArrayList<>();
        List<double[]> keptInitial = new ArrayList<>();
        int[] newIndex = new int[rows.size()];
        int single = 0;
        for (int r = 0; r < rows.size(); r++) {
            newIndex[r] = -1;
            if (perRow[r] >= 2) {
                newIndex[r] = kept.size();
                kept.add(rows.get(r));
                keptInitial.add(initial[r]);
            } else {
                single++;
            }
        }
        List<int[]> points = new ArrayList<>();
        for (int i = 0; i < pointRow.length; i++) {
            if (newIndex[pointRow[i]] >= 0) {
                points.add(new int[] {newIndex[pointRow[i]], pointElement[i]});
            }
        }
        List<String> left = new ArrayList<>(leftOut);
        if (single > 0) {
            left.add(single + " row" + (single == 1 ? "" : "s") + " with a point of one rare earth only left out (a "
                    + "separation factor is a ratio of two D in the same experiment)");
        }
        return new ShakeoutSelection(data, elements, List.copyOf(kept), keptInitial.toArray(double[][]::new),
                points.stream().mapToInt(pt -> pt[0]).toArray(), points.stream().mapToInt(pt -> pt[1]).toArray(),
                List.copyOf(left));
    }

    /** Number of points (experiment, rare earth) fitted. */
    public int pointCount() {
        return pointRow.length;
    }

    /** The measured D of point i. */
    public double measuredD(int i) {
        Shakeout s = rows.get(pointRow[i]);
        return s.measuredD()[data.elements().indexOf(elements.get(pointElement[i]))];
    }
}
