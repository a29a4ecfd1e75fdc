package org.sxcascade.flowsheet;

import java.util.ArrayList;
import java.util.List;
import org.sxcascade.model.Cascade;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.InvalidInputException;
import org.sxcascade.model.MassActionCase;
import org.sxcascade.model.MassActionFeed;
import org.sxcascade.model.MassActionFlows;
import org.sxcascade.model.StageOptions;

/**
 * One mass-action cascade of a flowsheet ({@code model: mass-action}, docs/flowsheets.md): the
 * layout of a {@link MassActionCase} (stages 1 … n extract, n+1 … n+m scrub, n+m+1 … N strip;
 * saponified organic into stage 1, fresh scrub acid into n + m, strip acid into N, strip liquor
 * partly refluxed) whose aqueous feeds are the streams linked into it. Every inlet is aqueous and
 * enters a stage 1 … n + m (default n); it brings its RE, its free acid and its cation at its own
 * volumetric flow. Outlets: {@code raffinate} (aqueous, stage 1), {@code organic} (the organic
 * leaving stage N: the stripped organic with strip stages, else the loaded organic) and, with strip
 * stages, {@code strip} (the strip liquor not refluxed, aqueous, stage n + m + 1).
 *
 * @param name        its name
 * @param cascade     n and m
 * @param stripStages p, 0 for none
 * @param flows       plant flows, L/h and mol/L as in a mass-action case
 * @param efficiency  Murphree efficiency of the extraction, scrubbing and stripping sections
 * @param inlets      the aqueous streams fed to it, at least one
 */
public record MassActionUnit(String name, Cascade cascade, int stripStages, MassActionFlows flows, double[] efficiency,
                             List<Inlet> inlets) implements FlowsheetUnit {
    /** Outlet name of the strip liquor not refluxed. */
    public static final String STRIP = "strip";

    public MassActionUnit {
        Flowsheet.checkName("name", name);
        efficiency = efficiency.clone();
        inlets = List.copyOf(inlets);
        if (inlets.isEmpty()) {
            throw new InvalidInputException("inlets", "(empty)", "at least one aqueous inlet");
        }
        int top = cascade.totalStages();
        boolean feedOnTop = false;
        for (int k = 0; k < inlets.size(); k++) {
            Inlet in = inlets.get(k);
            if (in.phase() != FeedPhase.AQUEOUS) {
                throw new InvalidInputException("inlets[" + k + "].phase", in.phase().label(), "aqueous: a "
                        + "mass-action cascade takes RE only in aqueous feeds (stages 1 … n + m); its organic is its "
                        + "own saponified extractant entering stage 1, so organic-phase links into a mass-action "
                        + "cascade are not supported (docs/flowsheets.md)");
            }
            if (in.stage() != null) {
                MassActionFeed.checkStage("inlets[" + k + "].stage", in.stage(), cascade);
            }
            feedOnTop |= (in.stage() == null ? cascade.extractionStages() : in.stage()) == top;
        }
        try {
            MassActionCase.checkLayout(cascade, stripStages, flows, feedOnTop);
        } catch (InvalidInputException e) {
            // a flowsheet's cascade has its stage counts at its own level, not under cascade:
            throw e.field().startsWith("cascade.") ? new InvalidInputException(e.field().substring(8), e.value(),
                    e.allowed()) : e;
        }
        String[] sections = {"extraction", "scrub", "strip"};
        for (int i = 0; i < 3; i++) {
            StageOptions.checkEfficiency("efficiency." + sections[i], efficiency[i]);
        }
    }

    @Override
    public double[] efficiency() {
        return efficiency.clone();
    }

    @Override
    public int totalStages() {
        return cascade.totalStages() + stripStages;
    }

    /** The stage an inlet enters: its own, or n. */
    @Override
    public int stageOf(Inlet inlet) {
        return inlet.stage() != null ? inlet.stage() : cascade.extractionStages();
    }

    @Override
    public List<Outlet> outlets() {
        List<Outlet> list = new ArrayList<>();
        list.add(new Outlet(RAFFINATE, Source.Kind.RAFFINATE, FeedPhase.AQUEOUS, 1));
        list.add(new Outlet(ORGANIC, stripStages > 0 ? Source.Kind.STRIPPED_ORGANIC : Source.Kind.ORGANIC,
                FeedPhase.ORGANIC, totalStages()));
        if (stripStages > 0) {
            list.add(new Outlet(STRIP, Source.Kind.STRIP, FeedPhase.AQUEOUS, cascade.totalStages() + 1));
        }
        return list;
    }

    @Override
    public String section(int stage) {
        int n = cascade.extractionStages();
        return stage <= n ? "extraction" : stage <= cascade.totalStages() ? "scrub" : "strip";
    }

    @Override
    public String stagesText() {
        return cascade.extractionStages() + " + " + cascade.scrubStages() + " + " + stripStages + " = " + totalStages();
    }

    /** Whether every stage is an equilibrium stage. */
    public boolean idealStages() {
        return efficiency[0] == 1.0 && efficiency[1] == 1.0 && efficiency[2] == 1.0;
    }
}
