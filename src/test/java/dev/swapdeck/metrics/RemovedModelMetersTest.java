package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.testing.TestModels;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model a reload removed is in no state and serves nothing: its gauges go, its counts stay. */
class RemovedModelMetersTest {

    @Test
    void aRemovedModelLosesItsGaugesAndKeepsItsCounts() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a", "b"))) {
            assertTrue(metrics.scrape().contains("swapdeck_model_state{model=\"b\",state=\"stopped\"} 1.0"));

            bus.publish(new ConfigLoaded(TestModels.config(TestModels.model("a").build()), Instant.now()));
            String scrape = metrics.scrape();
            assertFalse(scrape.contains("swapdeck_model_state{model=\"b\""), scrape);
            assertFalse(scrape.contains("swapdeck_requests_in_flight{model=\"b\"}"), scrape);
            assertFalse(scrape.contains("swapdeck_model_memory_measured_bytes{model=\"b\"}"), scrape);
            assertTrue(scrape.contains("swapdeck_swaps_total{model=\"b\"} 0.0"), "counts stay: " + scrape);
            assertTrue(scrape.contains("swapdeck_model_state{model=\"a\",state=\"stopped\"} 1.0"), scrape);

            bus.publish(new ConfigLoaded(TestModels.config(TestModels.model("a").build(), TestModels.model("b").build()),
                    Instant.now()));
            bus.publish(new InFlightChanged("b", 0, Instant.now()));
            assertTrue(metrics.scrape().contains("swapdeck_model_state{model=\"b\",state=\"stopped\"} 1.0"),
                    "added back, it has its gauges again");
        }
    }
}
