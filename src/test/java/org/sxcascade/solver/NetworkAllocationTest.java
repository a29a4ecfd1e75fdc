package org.sxcascade.solver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.sxcascade.model.CascadeCase;
import org.sxcascade.model.FeedPhase;

/**
 * A sweep builds one network per point (docs/performance.md, Sweep): a plain cascade fed in the
 * aqueous phase keeps only its phase flows and feeds, not per-stage arrays of default efficiencies,
 * draws and organic inlets (issue 16, item 12: they were 10 KB of a 20 KB point).
 */
class NetworkAllocationTest {
    private static final int N = 30;
    private static final int M = 30;

    @Test
    void plainNetworkHasDefaultsWithoutArrays() {
        CascadeNetwork net = CascadeNetwork.of(Cases.zhang(FeedPhase.AQUEOUS, N, M));
        assertTrue(net.isPlain());
        for (int k = 1; k <= N + M; k++) {
            assertEquals(1.0, net.efficiency(k));
            assertEquals(0.0, net.organicDraw(k));
            assertEquals(0.0, net.aqueousDraw(k));
            assertEquals(0.0, net.organicFeed(k, 0));
            assertEquals(k == 1 ? 0.0 : net.organicFlow(k - 1), net.organicInflow(k));
        }
        assertEquals(Cases.ZHANG_S, net.organicFlow(1));
        assertEquals(Cases.ZHANG_S - Cases.ZHANG_W, net.organicFlow(N + M));
        assertEquals(Cases.ZHANG_W + 1 - Cases.ZHANG_S, net.aqueousFlow(1));
        assertEquals(0.5, net.totalFeed(0));
    }

    @Test
    void plainNetworkAllocatesLittleMoreThanItsFlowsAndFeeds() {
        java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        assumeTrue(bean instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) bean;
        assumeTrue(mx.isThreadAllocatedMemorySupported() && mx.isThreadAllocatedMemoryEnabled());
        CascadeCase c = Cases.zhang(FeedPhase.AQUEOUS, N, M);
        long id = Thread.currentThread().getId();
        int builds = 2000;
        long sink = 0;
        for (int i = 0; i < builds; i++) { // warm-up
            sink += CascadeNetwork.of(c).stages();
        }
        long before = mx.getThreadAllocatedBytes(id);
        for (int i = 0; i < builds; i++) {
            sink += CascadeNetwork.of(c).stages();
        }
        double perBuild = (mx.getThreadAllocatedBytes(id) - before) / (double) builds;
        assertEquals(2L * builds * (N + M), sink);
        // the data it needs: organic and aqueous flow per stage, N×C feeds (2 components): 1 920 B;
        // with headers, the feed totals and the objects about 2.2 KB (was 10.1 KB)
        double needed = (2.0 * (N + M) + 2 * (N + M)) * Double.BYTES;
        assertTrue(perBuild < 1.5 * needed + 512, "allocated " + perBuild + " B per network");
    }
}
