package org.sxcascade.model;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sxcascade.report.Formats;

/**
 * The side draws of a case ({@code sideDraws:} in a case file), each a named product with an
 * optional purity/recovery target. CMER and constant-D cases carry them in {@link StageOptions},
 * mass-action cases in {@link MassActionCase}; one reader reads both.
 *
 * @param draws   the draws (flow in the case's flow basis)
 * @param names   one name per draw, as reports show it, all different
 * @param targets one target per draw, {@code null} entries for none
 */
public record SideDraws(List<SideDraw> draws, List<String> names, List<ProductTarget> targets) {
    /** No side draws. */
    public static final SideDraws NONE = new SideDraws(List.of(), List.of(), List.of());

    public SideDraws {
        draws = List.copyOf(draws);
        names = List.copyOf(names);
        targets = Collections.unmodifiableList(new ArrayList<>(targets));
        if (names.size() != draws.size() || targets.size() != draws.size()) {
            throw new IllegalArgumentException("one name and one target (or null) per side draw");
        }
        for (int i = 0; i < names.size(); i++) {
            if (names.indexOf(names.get(i)) != i) {
                throw new InvalidInputException("sideDraws[" + i + "].name", names.get(i),
                        "a name not used by another side draw");
            }
        }
    }

    /** Number of draws. */
    public int size() {
        return draws.size();
    }

    /** Whether there are none. */
    public boolean isEmpty() {
        return draws.isEmpty();
    }

    /** One "side draw" header line per draw, "name: phase from stage k, flow unit", for the reports. */
    public List<Map.Entry<String, String>> facts(String flowUnit) {
        List<Map.Entry<String, String>> facts = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            SideDraw d = draws.get(i);
            facts.add(Map.entry("side draw", names.get(i) + ": " + d.phase().label() + " from stage " + d.stage() + ", "
                    + Formats.general(d.flow()) + " " + flowUnit));
        }
        return facts;
    }

    /** The draws as the reports' JSON lists them: name, stage, phase, flow and its unit per draw. */
    public List<Map<String, Object>> toJson(String flowUnit) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < size(); i++) {
            SideDraw d = draws.get(i);
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("name", names.get(i));
            o.put("stage", d.stage());
            o.put("phase", d.phase().label());
            o.put("flow", d.flow());
            o.put("flowUnit", flowUnit);
            list.add(o);
        }
        return list;
    }
}
