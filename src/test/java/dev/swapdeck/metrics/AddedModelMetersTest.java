package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.testing.TestModels;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A model a reload added has its series at once, as a model present at launch has. */
class AddedModelMetersTest {

    @Test
    void aModelAddedByAReloadHasItsSeriesBeforeAnythingHappensToIt() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"))) {
            bus.publish(new ConfigLoaded(TestModels.config(TestModels.model("a").build(), TestModels.model("c").build()),
                    Instant.now()));
            String scrape = metrics.scrape();
            for (String model : List.of("a", "c")) {
                assertTrue(scrape.contains("swapdeck_model_state{model=\"" + model + "\",state=\"stopped\"} 1.0"), scrape);
                assertTrue(scrape.contains("swapdeck_requests_in_flight{model=\"" + model + "\"} 0.0"), scrape);
                assertTrue(scrape.contains("swapdeck_swaps_total{model=\"" + model + "\"} 0.0"), scrape);
                for (String status : List.of("200", "400", "429", "500", "502", "503")) {
                    assertTrue(scrape.contains("swapdeck_requests_total{model=\"" + model + "\",status=\"" + status
                            + "\"} 0.0"), "a baseline for rate(): " + scrape);
                }
            }
            for (String status : List.of("400", "404", "413")) {
                assertTrue(scrape.contains("swapdeck_requests_total{model=\"\",status=\"" + status + "\"} 0.0"), scrape);
            }
        }
    }
}
