package org.sxcascade.dynamics;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sxcascade.equilibrium.MassActionEquilibrium;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.ProductTarget;
import org.sxcascade.solver.CascadeNetwork;
import org.sxcascade.solver.SteadyState;

/**
 * Runs a {@link MassActionTransientCase}: the start-up (or the answer to step changes) of a
 * mass-action cascade in time, with {@link CascadeDynamics#ofVolumes} integrated by
 * {@link DormandPrince54}, or Xu's row simulation.
 *
 * <p>The state is the amount of every solver component (each rare earth, the cation M, H) held by
 * each stage, in units of the equilibrium's molar scale times hours (mol per mol/h of RE fed at
 * t = 0); reports convert to mol and mol/h. Each stage holds fixed phase volumes: the hold-up
 * volumes of the case, or, with residence times, the phase flows at t = 0 times those times
 * (a stage is a vessel: an event changes its residence times, not its volumes). The split of a
 * stage's content between the phases is the mass-action equilibrium at those volumes.
 *
 * <p>Blank start ({@link TransientSettings.Initial#BLANK}): every stage holds barren organic
 * saponified as the organic fed to stage 1, and aqueous acid free of RE: the feed's free acid in
 * the extraction section, the fresh scrub acid in the scrubbing section (the strip acid when the
 * refluxed strip liquor alone scrubs), the strip acid in the stripping section. The feeds start at
 * t = 0.
 */
final class MassActionTransientSimulator {
    private TransientSolver.Progress listener;

    /** Sets (or with {@code null} removes) the listener told of the progress. */
    void setProgressListener(TransientSolver.Progress listener) {
        this.listener = listener;
    }

    MassActionTransientResult run(MassActionTransientCase tc) {
        TransientSettings s = tc.settings();
        boolean rows = s.method() == TransientSettings.Method.ROWS;
        List<MassActionCase> configurations = tc.configurations();
        MassActionCase first = configurations.get(0);
        MassActionCase last = configurations.get(configurations.size() - 1);
        MassActionEquilibrium eq = first.equilibrium();
        double scale = eq.molarScale();
        List<String> notes = new ArrayList<>();

        CascadeNetwork[] networks = new CascadeNetwork[configurations.size()];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = CascadeNetwork.massAction(configurations.get(i));
        }
        int n = networks[0].stages();
        int c = networks[0].components();
        double[] aqueousLitres = new double[n];
        double[] organicLitres = new double[n];
        for (int k = 0; k < n; k++) {
            if (s.holdUp() instanceof HoldUp.Volumes v) {
                aqueousLitres[k] = v.aqueousLitres();
                organicLitres[k] = v.organicLitres();
            } else {
                HoldUp.ResidenceTimes r = (HoldUp.ResidenceTimes) s.holdUp();
                aqueousLitres[k] = r.aqueousHours() * networks[0].aqueousFlow(k + 1);
                organicLitres[k] = r.organicHours() * networks[0].organicFlow(k + 1);
            }
        }
        double rowHours = Double.NaN;
        double[] fillAqueous = aqueousLitres;
        double[] fillOrganic = organicLitres;
        if (rows) {
            double held = 0;
            double flow = 0;
            for (int k = 0; k < n; k++) {
                held += aqueousLitres[k] + organicLitres[k];
                flow += networks[0].aqueousFlow(k + 1) + networks[0].organicFlow(k + 1);
            }
            rowHours = held / flow; // the volume-weighted mean stage residence time
            fillAqueous = new double[n];
            fillOrganic = new double[n];
            for (int k = 0; k < n; k++) {
                fillAqueous[k] = networks[0].aqueousFlow(k + 1) * rowHours;
                fillOrganic[k] = networks[0].organicFlow(k + 1) * rowHours;
            }
        }
        CascadeDynamics[] dynamics = new CascadeDynamics[networks.length];
        for (int i = 0; i < dynamics.length; i++) {
            dynamics[i] = rows ? CascadeDynamics.rows(networks[i], rowHours, 1.0)
                    : CascadeDynamics.ofVolumes(networks[i], aqueousLitres, organicLitres);
        }

        MassActionCase finalCase = MassActionTransientCase.ownUnits(last);
        CascadeNetwork finalNetwork = CascadeNetwork.massAction(finalCase);
        SteadyState finalSteady = steadyState(finalCase, finalNetwork, notes);
        SteadyState finalInUnits = inUnitsOf(finalSteady, finalCase.feedRate() / scale);
        double[] steadyAmounts = dynamics[dynamics.length - 1].steadyAmounts(finalInUnits);
        double[] inverseStageScale = new double[n];
        int r = eq.rareEarthCount();
        for (int k = 0; k < n; k++) {
            double equivalents = 0;
            for (int j = 0; j < c; j++) {
                equivalents += (j < r ? 3 : 1) * steadyAmounts[k * c + j];
            }
            inverseStageScale[k] = 1 / equivalents;
        }

        CascadeDynamics current = dynamics[0];
        double[] y0;
        if (s.initial() == TransientSettings.Initial.STEADY_STATE) {
            SteadyState initialSteady = configurations.size() == 1 ? finalInUnits
                    : inUnitsOf(steadyState(MassActionTransientCase.ownUnits(first),
                    CascadeNetwork.massAction(MassActionTransientCase.ownUnits(first)), notes), 1.0);
            y0 = current.steadyAmounts(initialSteady);
        } else {
            y0 = blank(first, current.dimension(), fillAqueous, fillOrganic);
        }
        double[] initialInventory = new double[c];
        for (int k = 0; k < n; k++) {
            for (int j = 0; j < c; j++) {
                initialInventory[j] += y0[k * c + j];
            }
        }

        List<MassActionTransientResult.Product> products = products(finalCase, finalSteady);
        double[] flowNeeded = new double[products.size()];
        for (int i = 0; i < products.size(); i++) {
            MassActionTransientResult.Product p = products.get(i);
            double flow = 0;
            for (int j = 0; j < r; j++) {
                flow += share(finalNetwork, p) * (p.organic() ? finalSteady.organicFlow(p.stage(), j)
                        : finalSteady.aqueousFlow(p.stage(), j));
            }
            flowNeeded[i] = TransientSimulator.PRODUCT_FLOW_FRACTION * flow * finalCase.feedRate();
        }
        Crossing[] targetCrossings = new Crossing[products.size()];
        for (int i = 0; i < products.size(); i++) {
            ProductTarget t = products.get(i).outlet().target();
            if (t != null && t.purity() != null) {
                targetCrossings[i] = new Crossing(t.purity(), true, false);
            }
        }
        Crossing steady = new Crossing(s.steadyStateTolerance(), false, true);

        Stepper stepper;
        if (rows) {
            stepper = new Stepper.Rows(current, y0, rowHours);
        } else {
            double meanStage = 0;
            for (int k = 0; k < n * c; k++) {
                meanStage += y0[k] / n;
            }
            for (int k = 0; k < n * c; k++) {
                meanStage = Math.max(meanStage, steadyAmounts[k] / n);
            }
            double[] atol = new double[current.dimension()];
            Arrays.fill(atol, 0, n * c, s.tolerance() * TransientSimulator.ABSOLUTE_SCALE * meanStage);
            Arrays.fill(atol, n * c, atol.length, s.tolerance() * TransientSimulator.ABSOLUTE_SCALE);
            stepper = new Stepper.Continuous(current, y0, s.tolerance(), atol);
        }

        Observer observer = new Observer(first, scale, networks, products, flowNeeded, steadyAmounts,
                inverseStageScale, initialInventory, targetCrossings, steady);
        List<MassActionSample> samples = new ArrayList<>();
        double maxConservation = TimeMarch.run(stepper, dynamics, y0, s, observer, samples, listener);
        MassActionSample endSample = samples.get(samples.size() - 1);
        List<TargetTime> targets = new ArrayList<>();
        for (int i = 0; i < products.size(); i++) {
            if (targetCrossings[i] != null) {
                List<String> names = new ArrayList<>();
                products.get(i).purityOf().forEach(j -> names.add(first.rareEarths().get(j)));
                targets.add(new TargetTime(products.get(i).name(), names, targetCrossings[i].bound,
                        targetCrossings[i].since, endSample.purity()[i]));
            }
        }
        return new MassActionTransientResult(s.method().label(), tc, products, samples, targets, steady.since,
                finalSteady, finalCase, finalNetwork, endSample.distanceToSteadyState(), maxConservation,
                stepper.steps(), stepper.rejected(), stepper.evaluations(), rowHours, fillAqueous, fillOrganic, notes);
    }

    /** The blank start: barren saponified organic and RE-free acid in every stage (class comment). */
    static double[] blank(MassActionCase c, int dimension, double[] aqueousLitres, double[] organicLitres) {
        MassActionEquilibrium eq = c.equilibrium();
        MassActionFlows f = c.flows();
        int n = c.cascade().extractionStages();
        int m = c.cascade().scrubStages();
        int comps = eq.componentCount();
        double[] y = new double[dimension];
        double[] noRareEarth = new double[eq.rareEarthCount()];
        for (int k = 1; k <= aqueousLitres.length; k++) {
            double acid = k <= n ? c.feedAcidity() : k <= n + m && f.scrubFlow() > 0 ? f.scrubAcidity() : f.stripAcidity();
            // the volumes stand in for flows: amounts per unit of molar scale, times hours
            double[] organic = eq.saponifiedOrganic(f.saponification(), organicLitres[k - 1]);
            double[] aqueous = eq.aqueousStream(aqueousLitres[k - 1], noRareEarth, 0, acid);
            for (int j = 0; j < comps; j++) {
                y[(k - 1) * comps + j] = organic[j] + aqueous[j];
            }
        }
        return y;
    }

    /** The products of a mass-action cascade, as {@code simulate} reports them ({@link MassActionCase#outlets()}). */
    static List<MassActionTransientResult.Product> products(MassActionCase c, SteadyState steady) {
        List<MassActionTransientResult.Product> list = new ArrayList<>();
        for (MassActionCase.Outlet o : c.outlets()) {
            list.add(product(c, steady, o));
        }
        return list;
    }

    private static MassActionTransientResult.Product product(MassActionCase c, SteadyState steady,
                                                             MassActionCase.Outlet o) {
        if (o.target() != null) {
            return new MassActionTransientResult.Product(o, o.target().components());
        }
        boolean organic = o.organic();
        int stage = o.stage();
        int main = 0;
        for (int j = 1; j < c.rareEarths().size(); j++) {
            double x = organic ? steady.organicFlow(stage, j) : steady.aqueousFlow(stage, j);
            double b = organic ? steady.organicFlow(stage, main) : steady.aqueousFlow(stage, main);
            if (x > b) {
                main = j;
            }
        }
        return new MassActionTransientResult.Product(o, List.of(main));
    }

    /** The fraction of its stage's phase outflow a product takes. */
    static double share(CascadeNetwork net, MassActionTransientResult.Product p) {
        return net.share(p.outlet().phase(), p.stage(), p.outlet().drawn());
    }

    /** The steady state of {@code simulate} (see {@link TransientSimulator#steadyState}). */
    private static SteadyState steadyState(MassActionCase c, CascadeNetwork net, List<String> notes) {
        return TransientSimulator.steadyState(net, c.solver(), notes);
    }

    /** A steady state with every component flow multiplied by {@code factor} (a change of flow unit). */
    static SteadyState inUnitsOf(SteadyState s, double factor) {
        if (factor == 1.0) {
            return s;
        }
        double shift = Math.log(factor);
        double[] aq = s.lnAqueous();
        double[] org = s.lnOrganic();
        for (int i = 0; i < aq.length; i++) {
            aq[i] += shift;
            org[i] += shift;
        }
        return new SteadyState(s.method(), s.iterations(), s.residual(), s.massBalanceError(), s.stages(),
                s.components(), aq, org);
    }

    /** Measures a state: products, their purity, pH and loading, inventories, distance, conservation. */
    private static final class Observer extends TimeMarch.Probe<MassActionSample> {
        final MassActionCase first;
        final MassActionEquilibrium eq;
        final double scale;
        final CascadeNetwork[] networks;
        final List<MassActionTransientResult.Product> products;
        final int r;
        final double[][] flows;
        final double[] purity;
        final double[] acidity;
        final double[] loading;
        final boolean[] established;
        final double[] flowNeeded;
        final double[] aqueousOut;
        final double[] organicOut;
        final Crossing[] targets;
        final Crossing steady;

        Observer(MassActionCase first, double scale, CascadeNetwork[] networks,
                 List<MassActionTransientResult.Product> products, double[] flowNeeded, double[] steadyAmounts,
                 double[] inverseStageScale, double[] initialInventory, Crossing[] targets, Crossing steady) {
            super(steadyAmounts, inverseStageScale, initialInventory);
            this.first = first;
            this.eq = first.equilibrium();
            this.scale = scale;
            this.networks = networks;
            this.products = products;
            this.r = eq.rareEarthCount();
            int p = products.size();
            this.flows = new double[p][c];
            this.purity = new double[p];
            this.acidity = new double[p];
            this.loading = new double[p];
            this.established = new boolean[p];
            this.flowNeeded = flowNeeded;
            this.aqueousOut = new double[c];
            this.organicOut = new double[c];
            this.targets = targets;
            this.steady = steady;
        }

        void measure(CascadeDynamics d, CascadeNetwork net, double t, double[] y) {
            for (int i = 0; i < products.size(); i++) {
                MassActionTransientResult.Product p = products.get(i);
                d.stageOutflows(y, p.stage(), aqueousOut, organicOut);
                double share = share(net, p);
                double[] out = p.organic() ? organicOut : aqueousOut;
                double re = 0;
                double group = 0;
                for (int j = 0; j < c; j++) {
                    flows[i][j] = share * out[j] * scale;
                }
                for (int j = 0; j < r; j++) {
                    re += flows[i][j];
                }
                for (int j : p.purityOf()) {
                    group += flows[i][j];
                }
                purity[i] = re > 0 ? group / re : Double.NaN;
                established[i] = re >= flowNeeded[i];
                if (p.organic()) {
                    acidity[i] = Double.NaN;
                    // concentration = outflow / phase flow (the stage's organic leaves at flow/volume)
                    loading[i] = 3 * re / share / (net.organicFlow(p.stage()) * eq.extractantConcentration());
                } else {
                    acidity[i] = aqueousOut[eq.hydrogenIndex()] * scale / net.aqueousFlow(p.stage());
                    loading[i] = Double.NaN;
                }
            }
            measureState(d, t, y);
        }

        @Override
        void track(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(d, networks[configuration], t, y);
            for (int i = 0; i < targets.length; i++) {
                if (targets[i] != null) {
                    targets[i].observe(t, established[i] ? purity[i] : Double.NaN);
                }
            }
            steady.observe(t, distance);
        }

        @Override
        MassActionSample sample(int configuration, CascadeDynamics d, double t, double[] y) {
            measure(d, networks[configuration], t, y);
            int ex = first.cascade().extractionStages();
            int sc = first.cascade().scrubStages();
            double[][] inventories = new double[3][c];
            for (int k = 0; k < n; k++) {
                double[] section = inventories[k < ex ? 0 : k < ex + sc ? 1 : 2];
                for (int j = 0; j < c; j++) {
                    section[j] += y[k * c + j] * scale;
                }
            }
            return new MassActionSample(t, flows, purity, acidity, loading, inventories, distance, conservation);
        }

        @Override
        String reached(double t) {
            StringBuilder b = new StringBuilder("reached t = ").append(Times.format(t)).append(" with");
            for (int i = 0; i < products.size(); i++) {
                if (!Double.isNaN(purity[i])) {
                    b.append(String.format(java.util.Locale.ROOT, " %s purity %.6f,", products.get(i).name(),
                            purity[i]));
                }
            }
            return b.append(String.format(java.util.Locale.ROOT, " distance to steady state %.3g", distance))
                    .toString();
        }
    }
}
