package org.sxcascade.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sxcascade.design.FlowChoice;
import org.sxcascade.design.PlantFlowDesign;
import org.sxcascade.io.CaseReader;
import org.sxcascade.io.MassActionDesignInputs;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionCaseView;
import org.sxcascade.report.SimulationReport;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.NewtonCascadeSolver;
import org.sxcascade.solver.SteadyState;

/**
 * {@code design} on mass-action cases with several feeds and with a pre-loaded organic
 * (docs/design.md, "Several feeds and a pre-load"). The bundled Pr/Nd cases with 99 % targets
 * keep the cascades short (about 40–50 stages). The written case is simulated again and must meet
 * both targets with every balance closed.
 */
class MassActionDesignFeedsTest {
    private static final String CASE = "cases/pr-nd-mass-action.yaml";
    private static final String PRELOADED = "cases/pr-nd-mass-action-preloaded.yaml";

    @TempDir
    Path dir;

    /** The bundled case at 99 % targets, its {@code feed:} replaced by {@code feeds}. */
    private static String withFeeds(String base, String feeds) {
        int feed = base.indexOf("feed:");
        int cascade = base.indexOf("cascade:");
        return base.substring(0, feed) + feeds + base.substring(cascade);
    }

    private static String bundled(String file) throws Exception {
        return Files.readString(Path.of(file)).replace("purity: 0.999", "purity: 0.99");
    }

    private Path write(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        return f;
    }

    private static PlantFlowDesign.Result design(Path f) {
        MassActionDesignInputs in = (MassActionDesignInputs) new CaseReader().readForDesign(f);
        return new PlantFlowDesign().design(in.template(), in.settings(), FlowChoice.optimum(), 1000);
    }

    /**
     * Writes the designed case with {@code design --case-out}, reads it as {@code simulate} does,
     * solves it and checks that both targets are met, every balance closes to 1e-10 and the
     * purities are the design's.
     */
    private MassActionCase simulateWritten(Path f, PlantFlowDesign.Result r) throws Exception {
        Path out = dir.resolve("designed-" + f.getFileName());
        CliHarness run = CliHarness.run("design", f.toString(), "--exact-flows", "--case-out", out.toString());
        assertThat(run.exitCode()).as(run.err()).isZero();
        MassActionCase c = new CaseReader().readMassAction(out);
        CascadeNetwork net = CascadeNetwork.massAction(c);
        SteadyState s = new NewtonCascadeSolver().solve(net, c.solver());
        SimulationReport report = new SimulationReport(c, net, s);
        MassActionCaseView section = MassActionCaseView.of(report.view());
        assertThat(s.massBalanceError()).isLessThanOrEqualTo(1e-10);
        assertThat(section.hydrogenBalance()).isLessThanOrEqualTo(1e-10);
        assertThat(section.cationBalance()).isLessThanOrEqualTo(1e-10);
        assertThat(section.extractantBalance()).isLessThanOrEqualTo(1e-10);
        assertThat(report.targetsMet()).isTrue();
        SimulationReport.Product raffinate = product(report, "raffinate");
        SimulationReport.Product strip = product(report, "strip liquor");
        assertThat(raffinate.purity()).isGreaterThanOrEqualTo(0.99).isCloseTo(r.purityB(), within(1e-9));
        assertThat(strip.purity()).isGreaterThanOrEqualTo(0.99).isCloseTo(r.purityA(), within(1e-9));
        // RE in = RE out: the feeds (1 per mol fed) and the pre-load, against the three products
        double out3 = raffinate.flow() + strip.flow() + product(report, "stripped organic").flow();
        assertThat(out3).isCloseTo(1 + c.preloadRate() / c.feedRate(), within(1e-10));
        return c;
    }

    private static SimulationReport.Product product(SimulationReport report, String name) {
        return report.products().stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Two feeds: the bundled feed (6 L/h) at stage n and a Pr-rich one (5 L/h, Pr 60 %) three
     * stages below it (stage 32 of the file's n = 35). The design keeps that offset: the second feed
     * enters n − 3 of the designed cascade, and the written case meets both targets.
     */
    @Test
    void twoFeedsAreDesignedWithTheirOffsetKept() throws Exception {
        Path f = write("two.yaml", withFeeds(bundled(CASE), """
                feeds:
                  - {name: main, composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 6}
                  - {name: Pr-rich, composition: {Pr: 0.6, Nd: 0.4}, concentration: 0.8, acidity: 0.02, flow: 5, stage: 32}
                """));
        PlantFlowDesign.Result r = design(f);
        assertThat(r.met()).isTrue();
        MassActionCase d = r.designed();
        int n = d.cascade().extractionStages();
        assertThat(d.feedStage(0)).isEqualTo(n);
        assertThat(d.feedStage(1)).isEqualTo(n - 3);
        // the numbers docs/design.md quotes
        assertThat(n).isEqualTo(22);
        assertThat(d.cascade().scrubStages()).isEqualTo(18);
        assertThat(d.flows().organicFlow()).isEqualTo(185.4);
        assertThat(r.reflux()).isCloseTo(0.835383, within(1e-6));
        // Xu's problem is the mixture: 6 + 4 mol RE/h, Nd (4.5 + 1.6)/10
        assertThat(r.cmer().xu().feedFractionA()).isCloseTo(0.61, within(1e-12));
        assertThat(r.plant().feedRate()).isCloseTo(10, within(1e-12));
        MassActionCase written = simulateWritten(f, r);
        assertThat(written.cascade()).isEqualTo(d.cascade());
        assertThat(written.feedStage(1)).isEqualTo(n - 3);
        assertThat(written.flows()).isEqualTo(d.flows());
        assertThat(org.sxcascade.report.DesignReport.text(new PlantFlowDesign.Designed(r, null))).contains("Pr-rich    5 L/h at 0.8 mol/L RE, stage " + (n - 3)
                + " (n − 3)");
        var json = org.sxcascade.report.DesignReport.toJson(new PlantFlowDesign.Designed(r, null));
        assertThat(json.get("feeds").get(1).get("stage").asInt()).isEqualTo(n - 3);
        assertThat(json.get("feeds").get(1).get("offset").asInt()).isEqualTo(-3);
        assertThat(json.get("stages").get("leastExtraction").asInt()).isEqualTo(4);
        assertThat(json.get("preload").isNull()).isTrue();
    }

    /**
     * A feed in the scrubbing section (offset +25 from the file's n = 35) needs m ≥ 25: the design
     * starts from there even though Xu's m is smaller, and keeps the feed 25 stages above n.
     */
    @Test
    void aFeedAboveStageNSetsTheLeastScrubStages() throws Exception {
        Path f = write("scrubfeed.yaml", withFeeds(bundled(CASE), """
                feeds:
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 6}
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 4, stage: 60}
                """));
        PlantFlowDesign.Result r = design(f);
        assertThat(r.cmer().verified().scrubStages()).isLessThan(25);
        assertThat(r.rounds().get(0).scrubStages()).isEqualTo(25);
        assertThat(r.leastStages()).containsExactly(1, 25);
        assertThat(org.sxcascade.report.DesignReport.text(new PlantFlowDesign.Designed(r, null))).contains("starting from n ≥ 1, m ≥ 25 that hold the feeds");
        assertThat(r.met()).isTrue();
        MassActionCase d = r.designed();
        assertThat(d.cascade().scrubStages()).isGreaterThanOrEqualTo(25);
        assertThat(d.feedStage(1)).isEqualTo(d.cascade().extractionStages() + 25);
        simulateWritten(f, r);
    }

    /**
     * The bundled pre-loaded case (0.02 mol/L Pr on the organic): the pre-load is kept as given, its
     * RE follows the designed organic flow, and the written case meets both targets.
     */
    @Test
    void aPreloadedOrganicIsDesigned() throws Exception {
        Path f = write("pre.yaml", bundled(PRELOADED));
        PlantFlowDesign.Result r = design(f);
        assertThat(r.met()).isTrue();
        MassActionCase d = r.designed();
        assertThat(d.cascade().extractionStages()).isEqualTo(22);
        assertThat(d.cascade().scrubStages()).isEqualTo(12);
        assertThat(d.flows().organicFlow()).isEqualTo(228.6);
        assertThat(r.reflux()).isCloseTo(0.836994, within(1e-6));
        assertThat(d.preload().concentration()).isEqualTo(0.02);
        assertThat(d.preload().composition()).containsExactly(1, 0);
        assertThat(d.preloadRate()).isCloseTo(0.02 * d.flows().organicFlow(), within(1e-12));
        MassActionCase written = simulateWritten(f, r);
        assertThat(written.preload()).isEqualTo(d.preload());
        assertThat(written.flows()).isEqualTo(d.flows());
        assertThat(org.sxcascade.report.DesignReport.text(new PlantFlowDesign.Designed(r, null))).contains("pre-load   0.02 mol/L RE on the organic entering stage 1");
        assertThat(org.sxcascade.report.DesignReport.toJson(new PlantFlowDesign.Designed(r, null)).get("preload").get("flow").asDouble())
                .isCloseTo(0.02 * d.flows().organicFlow() / 10, within(1e-12));
    }

    /**
     * One feed written as {@code feed:}, as a one-element {@code feeds:} list at the file's n, and
     * split into two identical feeds at stage n: the same problem, so the same design (stage
     * counts, flows, reflux and purities).
     */
    @Test
    void aSingleFeedDesignIsUnchanged() throws Exception {
        String base = bundled(CASE);
        PlantFlowDesign.Result one = design(write("one.yaml", base));
        PlantFlowDesign.Result listed = design(write("listed.yaml", withFeeds(base, """
                feeds:
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 10, stage: 35}
                """)));
        PlantFlowDesign.Result split = design(write("split.yaml", withFeeds(base, """
                feeds:
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 6}
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 4}
                """)));
        for (PlantFlowDesign.Result r : new PlantFlowDesign.Result[] {listed, split}) {
            assertThat(r.designed().cascade()).isEqualTo(one.designed().cascade());
            assertThat(r.designed().stripStages()).isEqualTo(one.designed().stripStages());
            assertThat(r.plant().organicFlow()).isEqualTo(one.plant().organicFlow());
            assertThat(r.plant().saponification()).isEqualTo(one.plant().saponification());
            assertThat(r.plant().stripFlow()).isEqualTo(one.plant().stripFlow());
            assertThat(r.reflux()).isCloseTo(one.reflux(), within(1e-9));
            assertThat(r.purityA()).isCloseTo(one.purityA(), within(1e-9));
            assertThat(r.purityB()).isCloseTo(one.purityB(), within(1e-9));
        }
        assertThat(one.met()).isTrue();
    }

    @Test
    void whatCannotBeDesignedIsRefusedNamingTheField() throws Exception {
        Path out = dir.resolve("never.yaml");
        String base = bundled(CASE);
        // a feed stage without the n it was given for
        String two = withFeeds(base, """
                feeds:
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 6}
                  - {composition: {Pr: 0.6, Nd: 0.4}, concentration: 0.8, acidity: 0.02, flow: 5, stage: 32}
                """);
        String noLayout = two.substring(0, two.indexOf("cascade:")) + two.substring(two.indexOf("targets:"));
        CliHarness run = CliHarness.run("design", write("nolayout.yaml", noLayout).toString(), "--case-out",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: feeds[1].stage = 32 is not allowed: given only with "
                + "cascade.extractionStages for design");
        // a pre-load more than the designed saponification can carry: s = 0.405 holds 2sC/3 = 0.2025 mol/L
        String pre = bundled(PRELOADED).replace("concentration: 0.02 ", "concentration: 0.203 ");
        pre = pre.substring(0, pre.indexOf("cascade:")) + "flows:\n  preload: {concentration: 0.203, composition: "
                + "{Pr: 1, Nd: 0}}\n" + pre.substring(pre.indexOf("targets:"));
        run = CliHarness.run("design", write("bigpre.yaml", pre).toString(), "--case-out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: flows.preload.concentration = 0.203 is not allowed: from 0 to 0.2025")
                .contains("s as designed from design.loading and design.saponificationMargin");
        // a feed 30 stages below n needs n ≥ 31, more than --max-stages allows
        String low = base.replace("purity: 0.99", "purity: 0.9");
        low = withFeeds(low, """
                feeds:
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 6}
                  - {composition: {Pr: 0.25, Nd: 0.75}, concentration: 1.0, acidity: 0.01, flow: 4, stage: 5}
                """);
        run = CliHarness.run("design", write("low.yaml", low).toString(), "--max-stages", "30", "--case-out",
                out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: --max-stages = 30 is not allowed: at least n + m =")
                .contains("need n ≥ 31");
        // side draws stay refused
        run = CliHarness.run("design", write("draws.yaml", base + "sideDraws:\n  - {name: x, stage: 3, phase: aqueous, "
                + "flow: 1}\n").toString(), "--case-out", out.toString());
        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).startsWith("error: sideDraws = ");
        assertThat(out).doesNotExist();
    }
}
