package org.sxcascade.report;

import org.sxcascade.model.MassActionCaseView;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.sxcascade.io.CaseReader;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * One report for every model: the same products, recoveries, balances and profile computed by
 * {@link SimulationReport} for constant separation factors, constant distribution ratios, the
 * mass-action law and empirical correlations, with only the model's own part from its section.
 */
class SimulationReportTest {

    private static SimulationReport solve(String file) throws Exception {
        Object read = new CaseReader().readForSimulate(Path.of(file));
        if (read instanceof MassActionCase c) {
            CascadeNetwork net = CascadeNetwork.massAction(c);
            return new SimulationReport(c, net, new NewtonCascadeSolver().solve(net, c.solver()));
        }
        CascadeCase c = (CascadeCase) read;
        CascadeNetwork net = CascadeNetwork.of(c);
        return new SimulationReport(c, net, new NewtonCascadeSolver().solve(net, c.solver()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"cases/zhang-binary.yaml", "cases/kremser.yaml", "cases/gd-eu-sm-three-outlet.yaml",
            "cases/murphree-four-stage.yaml", "cases/pr-nd-mass-action.yaml", "cases/pr-nd-correlation.yaml",
            "cases/ce-pr-nd-mass-action-three-outlet.yaml", "cases/pr-nd-mass-action-preloaded.yaml"})
    void everyModelGetsTheSameCommonReport(String file) throws Exception {
        SimulationReport r = solve(file);
        SteadyState s = r.state();
        var comps = r.view().components();
        // products: one per outlet; each component's inflow leaves in the products (whole-cascade balance)
        assertThat(r.products()).hasSize(r.view().outlets().size());
        assertThat(r.componentBalance()).isLessThan(1e-10);
        for (int j = 0; j < comps.size(); j++) {
            double sum = 0;
            for (double x : r.recovery(j)) {
                sum += x;
            }
            if (r.network().totalFeed(j) > 0) {
                assertThat(sum).as(comps.get(j)).isCloseTo(1, within(1e-10));
            }
        }
        // every stage balances every listed component
        assertThat(r.listedStageBalance()).isLessThan(1e-9);
        for (SimulationReport.Product p : r.products()) {
            // composition: mole fractions among the listed components, summing to 1; purity their sum
            double sum = p.composition().values().stream().mapToDouble(Double::doubleValue).sum();
            assertThat(sum).isCloseTo(1, within(1e-12));
            double purity = p.purityOf().stream().mapToDouble(c -> p.composition().get(c)).sum();
            assertThat(p.purity()).isCloseTo(purity, within(1e-15));
            // flow: the product's share of the listed components leaving its stage
            assertThat(p.flow()).isCloseTo(p.share() * r.total(p.stage(), p.organic()), within(1e-15 * (1 + p.flow())));
        }
        // profile fractions: the state's own for plain cases, among the rare earths for mass action
        for (int k = 1; k <= s.stages(); k++) {
            double x = 0;
            for (int j = 0; j < comps.size(); j++) {
                x += r.fraction(k, j, false);
            }
            assertThat(x).isCloseTo(1, within(1e-12));
        }
        // the JSON document: the common fields whatever the model, recoveries keyed by product name
        JsonNode json = r.toJson();
        assertThat(json.path("products")).hasSize(r.products().size());
        assertThat(json.path("profile")).hasSize(s.stages());
        for (SimulationReport.Product p : r.products()) {
            assertThat(json.path("recoveries").path(comps.get(0)).has(p.name())).as(p.name()).isTrue();
        }
        assertThat(json.path("massBalanceError").asDouble()).isEqualTo(s.massBalanceError());
        // text and CSV: one row per product, one CSV row per stage
        String text = r.toText(true);
        for (int i = 0; i < r.products().size(); i++) {
            assertThat(text).contains(r.view().productLabel(i));
        }
        StringWriter csv = new StringWriter();
        r.writeProfileCsv(csv);
        assertThat(csv.toString().lines()).hasSize(s.stages() + 1);
        // the model's section: mass action has its chemistry, the plain models have none
        if (json.has("model")) {
            MassActionCaseView ma = MassActionCaseView.of(r.view());
            assertThat(ma.hydrogenBalance()).isLessThan(1e-9);
            assertThat(ma.extractantBalance()).isLessThan(1e-9);
            assertThat(ma.stages()).hasSize(s.stages());
            assertThat(json.path("profile").path(0).has("pH")).isTrue();
            assertThat(r.charts("x")).extracting(c -> c.fileStem()).containsExactly("x-profile", "x-ph-loading",
                    "x-concentration");
        } else {
            assertThatThrownBy(() -> MassActionCaseView.of(r.view())).isInstanceOf(IllegalArgumentException.class);
            assertThat(json.path("profile").path(0).has("pH")).isFalse();
            assertThat(r.charts("x").get(0).fileStem()).isEqualTo("x-profile");
        }
    }
}
