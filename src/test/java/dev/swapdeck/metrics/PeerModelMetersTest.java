package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.activity.TokenCounts;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.EventBus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A peer's model is served elsewhere: counted here, but never shown as a stopped model of this Swapdeck. */
class PeerModelMetersTest {

    @Test
    void aPeersModelHasRequestSeriesAndNoStateLoadOrQueueOfItsOwn() throws Exception {
        EventBus bus = new EventBus();
        ActivityLog activity = new ActivityLog(bus, 16);
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, activity, List.of("a"))) {
            activity.add(seq -> new ActivityRecord(seq, Instant.now(), "b1/slow", "POST", "/v1/chat/completions", 200, true,
                    Duration.ofMillis(40), Optional.of(Duration.ofMillis(30)), TokenCounts.NONE, ActivityRecord.Wait.NONE,
                    Optional.of("the client left before the answer ended")));
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("swapdeck_requests_total{model=\"b1/slow\",status=\"200\"} 1.0"), scrape);
            assertTrue(scrape.contains("swapdeck_requests_interrupted_total{model=\"b1/slow\"} 1.0"), scrape);
            for (String local : List.of("swapdeck_model_state{model=\"b1/slow\"", "swapdeck_model_load_seconds_count{model=\"b1/slow\"",
                    "swapdeck_swaps_total{model=\"b1/slow\"", "swapdeck_requests_in_flight{model=\"b1/slow\"",
                    "swapdeck_requests_waiting{model=\"b1/slow\"")) {
                assertFalse(scrape.contains(local), local + " in " + scrape);
            }
            assertTrue(scrape.contains("swapdeck_model_state{model=\"a\",state=\"stopped\"} 1.0"), "a local model keeps them");
        }
    }

    @Test
    void aPeersModelCountsFromZeroFromTheStartAndFromTheReloadThatAddsIt() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"), List.of("far/m"),
                Optional.empty())) {
            assertTrue(metrics.scrape().contains("swapdeck_requests_total{model=\"far/m\",status=\"502\"} 0.0"),
                    "a baseline for increase(): " + metrics.scrape());

            bus.publish(new ConfigLoaded(ConfigLoader.parse("models:\n  a:\n    cmd: server --port ${PORT}\n"
                    + "peers:\n  far2:\n    proxy: http://127.0.0.1:9\n    models: [m2]\n", "config.yaml", Optional.empty()),
                    Instant.now()));
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("swapdeck_requests_total{model=\"far2/m2\",status=\"200\"} 0.0"), scrape);
            assertFalse(scrape.contains("swapdeck_model_state{model=\"far2/m2\""), "served elsewhere: " + scrape);
        }
    }
}
