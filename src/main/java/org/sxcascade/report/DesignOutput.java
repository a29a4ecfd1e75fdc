package org.sxcascade.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;
import org.sxcascade.chart.Charts;
import org.sxcascade.chart.NamedChart;
import org.sxcascade.design.CascadeDesigner;
import org.sxcascade.design.DesignResult;
import org.sxcascade.design.MassActionDesign;
import org.sxcascade.design.StageCountScan;

/**
 * What {@code design} prints and writes for a design of any model: the terminal report, the JSON
 * document, the designed case file and the charts. The command prints whatever it is given.
 */
public interface DesignOutput {

    /** The output of a design. */
    static DesignOutput of(DesignResult result) {
        if (result instanceof MassActionDesign.Designed m) {
            return new MassAction(m);
        }
        return new Xu((CascadeDesigner.Design) result);
    }

    /** Whether the design meets its targets; one that does not is printed, then refused (exit 2). */
    boolean met();

    /** The terminal report. */
    String text();

    /** The JSON document of {@code --json}. */
    ObjectNode json();

    /** The designed case as a simulate case file (only asked for when the design meets its targets). */
    String caseYaml();

    /** What the case file written by {@code --case-out} holds, as the report's last line starts it. */
    String caseFileDescription();

    /**
     * The targets missed, when {@link #met()} is false: {value reached, by how much they are missed}
     * as the message of exit code 2 words them.
     */
    String[] shortfall();

    /**
     * The design's charts (docs/charts.md), or {@code null} when the model has none yet.
     *
     * @param progress told after each steady state of a stage-count scan how many of how many are done
     */
    List<NamedChart> charts(String stem, BiConsumer<Integer, Integer> progress);

    /** Xu's design verified stage by stage (models separation-factors and distribution-ratios). */
    record Xu(CascadeDesigner.Design design) implements DesignOutput {
        @Override
        public boolean met() {
            return true;
        }

        @Override
        public String text() {
            return DesignReport.text(design);
        }

        @Override
        public ObjectNode json() {
            return DesignReport.toJson(design);
        }

        @Override
        public String caseYaml() {
            return DesignReport.caseYaml(design);
        }

        @Override
        public String caseFileDescription() {
            return "Verified design";
        }

        @Override
        public String[] shortfall() {
            return null;
        }

        @Override
        public List<NamedChart> charts(String stem, BiConsumer<Integer, Integer> progress) {
            return Charts.design(stem, design, StageCountScan.of(design, progress));
        }
    }

    /** A mass-action plant design (docs/design.md, "Mass-action cascades"). */
    record MassAction(MassActionDesign.Designed designed) implements DesignOutput {
        @Override
        public boolean met() {
            return designed.met();
        }

        @Override
        public String text() {
            return MassActionDesignReport.text(designed.result());
        }

        @Override
        public ObjectNode json() {
            return MassActionDesignReport.json(designed.result());
        }

        @Override
        public String caseYaml() {
            return MassActionDesignReport.caseYaml(designed.result(), designed.tree());
        }

        @Override
        public String caseFileDescription() {
            return "Designed case";
        }

        @Override
        public String[] shortfall() {
            MassActionDesign.Result r = designed.result();
            return r.met() ? null : new String[] {String.format(Locale.ROOT, "P_A = %.6f, P_B = %.6f reached",
                    r.purityA(), r.purityB()), MassActionDesignReport.shortfall(r).strip()};
        }

        @Override
        public List<NamedChart> charts(String stem, BiConsumer<Integer, Integer> progress) {
            return null;
        }
    }
}
