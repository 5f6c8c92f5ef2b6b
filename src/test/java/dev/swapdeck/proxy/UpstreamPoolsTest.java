package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.Timeouts;
import dev.swapdeck.testing.TestModels;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Which leases share a pool of upstream connections, and when a pool is replaced. */
class UpstreamPoolsTest {
    private final UpstreamPools pools = new UpstreamPools(UpstreamPool.Reuse.QUICKACK);

    @Test
    void leasesOfOneProcessShareAPool() {
        ModelConfig model = TestModels.model("m").build();
        assertSame(pools.poolFor(new FakeUpstreams.TrackedLease(model, 1)),
                pools.poolFor(new FakeUpstreams.TrackedLease(model, 1)));
    }

    /** A peer's model keeps generation 0 for good: a reload that changes its timeouts still applies. */
    @Test
    void newTimeoutsReplaceThePoolWithinOneGeneration() {
        TestModels.Builder builder = TestModels.model("peer-model");
        ModelConfig before = builder.timeouts(new Timeouts(Duration.ofSeconds(2), Duration.ofSeconds(3))).build();
        ModelConfig after = builder.timeouts(new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10))).build();
        pools.poolFor(new FakeUpstreams.TrackedLease(before, 0));

        UpstreamPool pool = pools.poolFor(new FakeUpstreams.TrackedLease(after, 0));

        assertEquals(Duration.ofSeconds(10), pool.responseHeaderTimeout());
    }
}
