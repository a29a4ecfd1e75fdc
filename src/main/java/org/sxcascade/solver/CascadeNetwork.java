package org.sxcascade.solver;

import org.sxcascade.equilibrium.ConstantDistributionRatios;
import org.sxcascade.equilibrium.ConstantSeparationFactors;
import org.sxcascade.equilibrium.EquilibriumModel;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;
import org.sxcascade.model.SectionFlows;
import org.sxcascade.model.VolumetricFlows;
import org.sxcascade.model.XuFlows;

/**
 * The stage-by-stage structure a steady-state solver works on: N stages in a line, organic
 * flowing 1 → N, aqueous N → 1, each stage with its phase flows (in the equilibrium model's
 * basis) and the component flows fed to it (mol per mol of total feed). Products are the
 * aqueous leaving stage 1 (raffinate, B product) and the organic leaving stage N (loaded
 * organic, A product).
 *
 * <p>Arrays are indexed from 0 (stage k is index k−1); component flows are stage-major,
 * {@code feed[(k−1)·C + j]}. The arrays are owned by this object; do not modify them.
 */
public final class CascadeNetwork {
    private final int stages;
    private final int components;
    private final double[] organicFlow;
    private final double[] aqueousFlow;
    private final double[] feed;
    private final EquilibriumModel equilibrium;

    /**
     * @param organicFlow  organic phase flow leaving each stage (model basis)
     * @param aqueousFlow  aqueous phase flow leaving each stage (model basis)
     * @param feed         component flows fed to each stage, N×C, summing to 1
     */
    public CascadeNetwork(EquilibriumModel equilibrium, double[] organicFlow, double[] aqueousFlow, double[] feed) {
        this.stages = organicFlow.length;
        this.components = equilibrium.componentCount();
        if (aqueousFlow.length != stages || feed.length != stages * components || stages < 1) {
            throw new IllegalArgumentException("inconsistent network dimensions");
        }
        for (int k = 0; k < stages; k++) {
            if (!(organicFlow[k] > 0) || !(aqueousFlow[k] > 0)) {
                throw new IllegalArgumentException("stage " + (k + 1) + " has a phase flow ≤ 0");
            }
        }
        this.equilibrium = equilibrium;
        this.organicFlow = organicFlow.clone();
        this.aqueousFlow = aqueousFlow.clone();
        this.feed = feed.clone();
    }

    /**
     * Builds the stage flows of a case from DOMAIN §2: for the CMER model the RE metal flows of
     * the flow table (aqueous feed: organic S, aqueous W + 1 below the feed and W above it,
     * organic product S − W, raffinate W + 1 − S; organic feed: organic S + 1 above the feed);
     * for the linear model the volumetric flows.
     */
    public static CascadeNetwork of(CascadeCase c) {
        int n = c.cascade().extractionStages();
        int total = c.cascade().totalStages();
        int comps = c.components().size();
        FeedPhase phase = c.feed().phase();
        int feedStage = c.cascade().feedStage(phase);
        double[] organic = new double[total];
        double[] aqueous = new double[total];
        double[] feed = new double[total * comps];
        double[] z = c.feed().composition();
        System.arraycopy(z, 0, feed, (feedStage - 1) * comps, comps);
        if (c.equilibrium() instanceof ConstantSeparationFactors) {
            XuFlows xu = (XuFlows) c.flows();
            double s = xu.extractant();
            double w = xu.scrub();
            boolean aq = phase == FeedPhase.AQUEOUS;
            for (int k = 1; k <= total; k++) {
                boolean extraction = k <= n;
                organic[k - 1] = extraction || aq ? s : s + 1;
                aqueous[k - 1] = extraction && aq ? w + 1 : w;
            }
            // end stages: organic product leaves stage N, raffinate leaves stage 1
            organic[total - 1] = aq ? s - w : s + 1 - w;
            aqueous[0] = aq ? w + 1 - s : w - s;
        } else if (c.equilibrium() instanceof ConstantDistributionRatios) {
            SectionFlows q = ((VolumetricFlows) c.flows()).sections(phase);
            for (int k = 1; k <= total; k++) {
                organic[k - 1] = q.organic(c.cascade(), k);
                aqueous[k - 1] = q.aqueous(c.cascade(), k);
            }
        } else {
            throw new IllegalArgumentException("no stage-flow rule for " + c.equilibrium().getClass().getSimpleName());
        }
        return new CascadeNetwork(c.equilibrium(), organic, aqueous, feed);
    }

    public int stages() {
        return stages;
    }

    public int components() {
        return components;
    }

    public EquilibriumModel equilibrium() {
        return equilibrium;
    }

    /** Organic phase flow leaving stage {@code stage} (1-based), model basis. */
    public double organicFlow(int stage) {
        return organicFlow[stage - 1];
    }

    /** Aqueous phase flow leaving stage {@code stage} (1-based), model basis. */
    public double aqueousFlow(int stage) {
        return aqueousFlow[stage - 1];
    }

    /** Flow of component j fed to stage {@code stage} (1-based), mol per mol fed. */
    public double feed(int stage, int j) {
        return feed[(stage - 1) * components + j];
    }

    /** Total flow of component j fed to the cascade. */
    public double totalFeed(int j) {
        double sum = 0;
        for (int k = 0; k < stages; k++) {
            sum += feed[k * components + j];
        }
        return sum;
    }

    double[] organicFlows() {
        return organicFlow;
    }

    double[] aqueousFlows() {
        return aqueousFlow;
    }

    double[] feeds() {
        return feed;
    }
}
