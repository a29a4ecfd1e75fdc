package org.sxcascade.flowsheet;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.model.CascadeTemplate;
import org.sxcascade.model.FeedPhase;

/**
 * One cascade of a flowsheet, whatever its equilibrium model: its name, the streams linked into it
 * and its {@link CascadeTemplate} (stages, own flows, outlets, and how it is built as a stage
 * network given its inlets: {@link org.sxcascade.model.CmerTemplate} for {@code model:
 * separation-factors}, {@link org.sxcascade.model.MassActionTemplate} for {@code model: mass-action}).
 * The flowsheet, its solver and its report see a cascade only through this record, its template
 * and the stage network it is built as ({@link Flowsheet#network}).
 *
 * @param name     its name, prefix of its outlets ({@code name.raffinate} …)
 * @param inlets   the streams fed to it, at least one
 * @param template what it is apart from its inlets
 */
public record FlowsheetUnit(String name, List<Inlet> inlets, CascadeTemplate template) {
    /** Outlet name of the aqueous leaving stage 1. */
    public static final String RAFFINATE = CascadeTemplate.RAFFINATE;
    /** Outlet name of the organic leaving stage N. */
    public static final String ORGANIC = CascadeTemplate.ORGANIC;

    public FlowsheetUnit {
        Flowsheet.checkName("name", name);
        inlets = List.copyOf(inlets);
        List<CascadeTemplate.Placement> placements = new ArrayList<>();
        for (Inlet in : inlets) {
            placements.add(new CascadeTemplate.Placement(in.phase(), in.stage()));
        }
        template.checkInlets(placements);
    }

    /** Total stages N. */
    public int totalStages() {
        return template.totalStages();
    }

    /** The stage an inlet enters: its own, or the default for its phase. */
    public int stageOf(Inlet inlet) {
        return template.stageOf(inlet.phase(), inlet.stage());
    }

    /** Its outlets: the raffinate, the organic leaving stage N, then any others (side draws, strip liquor). */
    public List<CascadeTemplate.Outlet> outlets() {
        return template.outlets();
    }

    /** The section a stage (1-based) belongs to: extraction, scrub or strip. */
    public String section(int stage) {
        return template.section(stage);
    }

    /** Stage counts in words, e.g. {@code 14 + 14 = 28} or {@code 14 + 14 + 6 = 34}. */
    public String stagesText() {
        return template.stagesText();
    }

    /** Whether an aqueous inlet enters stage N (a scrub liquor brought by a stream). */
    boolean aqueousAtTop() {
        for (Inlet in : inlets) {
            if (in.phase() == FeedPhase.AQUEOUS && stageOf(in) == totalStages()) {
                return true;
            }
        }
        return false;
    }
}
