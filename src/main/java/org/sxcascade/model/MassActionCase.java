package org.sxcascade.model;

import java.util.List;
import org.sxcascade.equilibrium.MassActionEquilibrium;

/**
 * A cascade with mass-action equilibrium (acidic extractant, DOMAIN §5), extraction, scrubbing
 * and stripping sections and strip-liquor reflux, as a {@code model: mass-action} case file
 * describes it.
 *
 * <p>Stages 1 … n extract, n+1 … n+m scrub and n+m+1 … N strip (N = n + m + p). The saponified
 * organic enters stage 1; the aqueous feed (RE chloride with free acid) enters stage n; fresh
 * scrub acid enters stage n + m; strip acid enters stage N. The strip liquor leaving stage
 * n + m + 1 is split: the fraction {@code reflux} flows on into the scrubbing section (RE reflux,
 * the scrub liquor of Xu's theory), the rest is the strip product (A product). The raffinate
 * (B product) leaves stage 1 and the stripped organic leaves stage N (back to saponification).
 * Component flows are in units of the feed's RE flow (mol per mol RE fed), the solver's
 * components the rare earths, then the saponifying cation, then H.
 *
 * @param name             title
 * @param rareEarths       rare-earth names, in the order of the model's exchange constants
 * @param equilibrium      the mass-action model (its molar scale is the feed's RE flow, mol/h)
 * @param cation           the saponifying cation's name (Na or NH4)
 * @param feed             the aqueous feed: composition, flow (L/h) and RE concentration (mol/L)
 * @param feedAcidity      free acid of the feed, mol/L H⁺
 * @param cascade          stage counts n and m
 * @param stripStages      p, 0 for none
 * @param flows            plant flows
 * @param efficiency       Murphree efficiency of the extraction, scrubbing and stripping sections
 * @param raffinateTarget  target for the raffinate (B product), or {@code null}
 * @param stripTarget      target for the strip product (A product), or {@code null}
 * @param solver           solver settings
 */
public record MassActionCase(String name, List<String> rareEarths, MassActionEquilibrium equilibrium, String cation,
                             Feed feed, double feedAcidity, Cascade cascade, int stripStages,
                             MassActionFlows flows, double[] efficiency, ProductTarget raffinateTarget,
                             ProductTarget stripTarget, SolverSettings solver) {
    public MassActionCase {
        rareEarths = List.copyOf(rareEarths);
        efficiency = efficiency.clone();
        if (feed.volumetricFlow() == null || feed.concentration() == null) {
            throw new InvalidInputException("feed.flow", "(missing)",
                    "feed.flow (L/h) and feed.concentration (mol/L RE) for model mass-action");
        }
        MassActionFlows.nonNegative("feed.acidity", feedAcidity, "mol/L H+");
        if (stripStages < 0 || cascade.totalStages() + stripStages > Cascade.MAX_STAGES) {
            throw new InvalidInputException("cascade.stripStages", stripStages,
                    "an integer from 0 to " + (Cascade.MAX_STAGES - cascade.totalStages()));
        }
        if (stripStages > 0 && !(flows.stripFlow() > 0)) {
            throw new InvalidInputException("flows.stripFlow", flows.stripFlow(),
                    "greater than 0 L/h when there are strip stages");
        }
        if (stripStages == 0 && (flows.stripFlow() > 0 || flows.reflux() > 0)) {
            throw new InvalidInputException(flows.reflux() > 0 ? "flows.reflux" : "flows.stripFlow",
                    flows.reflux() > 0 ? flows.reflux() : flows.stripFlow(),
                    "0 without strip stages (cascade.stripStages)");
        }
        if (cascade.scrubStages() > 0 && !(flows.scrubFlow() > 0) && !(flows.reflux() > 0)) {
            throw new InvalidInputException("flows.scrubFlow", flows.scrubFlow(),
                    "greater than 0 L/h, or a reflux above 0, when there are scrub stages");
        }
        String[] sections = {"extraction", "scrub", "strip"};
        for (int i = 0; i < 3; i++) {
            StageOptions.checkEfficiency("efficiency." + sections[i], efficiency[i]);
        }
        if (solver == null) {
            solver = SolverSettings.defaults();
        }
        if (solver.method() != SolverSettings.Method.NEWTON) {
            throw new InvalidInputException("solver.method", "rows", "newton for model mass-action");
        }
    }

    /** This case with other plant flows (everything else, including any feeds, kept). */
    public MassActionCase withFlows(MassActionFlows newFlows) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feed, feedAcidity, cascade, stripStages,
                newFlows, efficiency, raffinateTarget, stripTarget, solver);
    }

    /** This case with other stage counts (everything else kept). */
    public MassActionCase withStages(Cascade newCascade, int newStripStages) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feed, feedAcidity, newCascade, newStripStages,
                flows, efficiency, raffinateTarget, stripTarget, solver);
    }

    /** This case with other solver settings (everything else kept). */
    public MassActionCase withSolver(SolverSettings newSolver) {
        return new MassActionCase(name, rareEarths, equilibrium, cation, feed, feedAcidity, cascade, stripStages,
                flows, efficiency, raffinateTarget, stripTarget, newSolver);
    }

    /** Total stages N = n + m + p. */
    public int totalStages() {
        return cascade.totalStages() + stripStages;
    }

    /** The feed's RE flow, mol/h: the unit of every component flow. */
    public double feedRate() {
        return feed.volumetricFlow() * feed.concentration();
    }

    @Override
    public double[] efficiency() {
        return efficiency.clone();
    }
}
