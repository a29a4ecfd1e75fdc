package org.sxcascade.window;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sxcascade.design.DesignRequest;
import org.sxcascade.design.Designer;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.PlantFlowDesign;
import org.sxcascade.io.CaseReader;
import org.sxcascade.report.DesignReport;

/**
 * The robust search's reflux balance of a mass-action design (the full robust search of a
 * mass-action case is not run here: each of its ~9 candidates needs a design, a balance and a
 * Monte Carlo of mass-action solves, minutes in all; docs/design.md, "Robust design"). At the
 * case's own constants the balance must land inside the band of refluxes that the designer
 * reports as meeting both targets, with both margins equal.
 */
class RefluxBalanceTest {
    @Test
    void theBalanceOfTheNominalDesignLiesInItsReportedBand() {
        CaseReader reader = new CaseReader();
        var tree = reader.readTree(Path.of("cases/pr-nd-mass-action.yaml"));
        var d = (PlantFlowDesign.Designed) Designer.design(reader.forDesignFromTree(tree),
                new DesignRequest(FlowChoice.optimum(), 1000, 0, org.sxcascade.design.TargetOverrides.NONE, java.util.Map.of()));
        assertThat(d.met()).isTrue();
        double[] band = d.result().refluxRange();
        ObjectNode written = (ObjectNode) reader.parseTree(DesignReport.caseYaml(d));
        // start away from the balance, just outside the band
        ((ObjectNode) written.get("flows")).put("reflux", band[1] + 3 * (band[1] - band[0]));
        RobustDesign.balanceReflux(written);
        double r = written.at("/flows/reflux").asDouble();
        assertThat(r).isBetween(band[0], band[1]);
        CaseEvaluator e = new CaseEvaluator(written, null);
        List<NinesMargin> m = CaseEvaluator.margins(e.operatingPoint()).margins();
        assertThat(m).allMatch(NinesMargin::met);
        assertThat(m.get(0).margin()).isCloseTo(m.get(1).margin(), within(0.01));
    }
}
