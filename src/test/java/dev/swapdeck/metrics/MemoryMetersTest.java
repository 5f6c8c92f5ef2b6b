package dev.swapdeck.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.RoutingRules;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.testing.TestModels;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.memory.Device;
import dev.swapdeck.memory.MemoryChanged;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.memory.Prediction;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MemoryMetersTest {
    private static final long GIB = 1L << 30;

    @Test
    void scrapeShowsTheLatestMemoryReportPerModelAndInTotal() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"))) {
            assertFalse(metrics.scrape().contains("swapdeck_model_memory_measured_bytes"),
                    "no series before a memory report");
            bus.publish(new MemoryChanged(report(3 * GIB, 4 * GIB), Instant.now()));
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("swapdeck_model_memory_measured_bytes{model=\"a\"} " + (double) (3 * GIB)), scrape);
            assertTrue(scrape.contains("swapdeck_model_memory_predicted_bytes{model=\"b\"} " + (double) (4 * GIB)), scrape);
            assertTrue(scrape.contains("swapdeck_memory_budget_bytes " + (double) (20 * GIB)), scrape);
            assertTrue(scrape.contains("swapdeck_memory_other_bytes " + (double) GIB), scrape);
        }
    }

    /** Reports are published when a figure moves: an idle Swapdeck's first one came before the metrics. */
    @Test
    void theReportAtHandWhenTheMetricsStartIsShownAtOnce() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"),
                Optional.of(report(0, 4 * GIB)))) {
            String scrape = metrics.scrape();
            assertTrue(scrape.contains("swapdeck_memory_budget_bytes " + (double) (20 * GIB)), scrape);
            assertTrue(scrape.contains("swapdeck_memory_reserve_bytes " + (double) GIB), scrape);
            assertTrue(scrape.contains("swapdeck_model_memory_predicted_bytes{model=\"b\"} " + (double) (4 * GIB)), scrape);
        }
    }

    /** Without a memory: section memory plays no part: no series, rather than a budget of 0. */
    @Test
    void withoutAMemorySectionThereAreNoMemorySeriesAndAReloadThatDropsItTakesThemAway() throws Exception {
        EventBus bus = new EventBus();
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a"), Optional.empty())) {
            assertFalse(metrics.scrape().contains("swapdeck_memory"), metrics.scrape());
            assertFalse(metrics.scrape().contains("swapdeck_model_memory"), metrics.scrape());

            bus.publish(new ConfigLoaded(config(new MemoryConfig(true, Optional.of(20 * GIB), 0)), Instant.now()));
            bus.publish(new MemoryChanged(report(3 * GIB, 4 * GIB), Instant.now()));
            assertTrue(metrics.scrape().contains("swapdeck_memory_budget_bytes " + (double) (20 * GIB)), metrics.scrape());

            bus.publish(new ConfigLoaded(config(MemoryConfig.OFF), Instant.now()));
            assertFalse(metrics.scrape().contains("swapdeck_memory"), metrics.scrape());
            assertFalse(metrics.scrape().contains("swapdeck_model_memory"), metrics.scrape());
            assertTrue(metrics.scrape().contains("model=\"a\""), "the model's other series stay");
        }
    }

    /** A model removed by a reload loses its gauges; added back, it gets them again, not a second set to remove. */
    @Test
    void aModelRemovedAndAddedBackByReloadsKeepsOneSetOfSeries() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        MemoryMeters meters = new MemoryMeters(registry);
        meters.update(report(3 * GIB, 4 * GIB), List.of("a", "b"));
        int kept = meters.kept();
        for (int reload = 0; reload < 3; reload++) {
            registry.getMeters().stream().filter(m -> "b".equals(m.getId().getTag("model"))).toList()
                    .forEach(registry::remove);
            meters.model("b");
        }
        assertEquals(kept, meters.kept());
        assertEquals(kept, registry.getMeters().size());
    }

    /** Its stop is told after the reload that removed it: that must not bring its memory series back at 0. */
    @Test
    void aModelAReloadRemovedLosesItsMemorySeriesForGoodThoughItsStopIsToldAfter() throws Exception {
        EventBus bus = new EventBus();
        MemoryConfig memory = new MemoryConfig(true, Optional.of(20 * GIB), 0);
        try (SwapdeckMetrics metrics = new SwapdeckMetrics(bus, new ActivityLog(bus, 16), List.of("a", "b"))) {
            bus.publish(new ConfigLoaded(config(memory, "a", "b"), Instant.now()));
            bus.publish(new MemoryChanged(report(3 * GIB, 4 * GIB), Instant.now()));
            assertTrue(metrics.scrape().contains("swapdeck_model_memory_predicted_bytes{model=\"b\"}"), metrics.scrape());

            bus.publish(new ConfigLoaded(config(memory, "a"), Instant.now()));
            bus.publish(new StateChanged("b", ProcessState.STOPPING, ProcessState.STOPPED, Instant.now(), System.nanoTime(), "removed", false,
                    OptionalInt.of(0)));
            assertFalse(metrics.scrape().contains("memory_measured_bytes{model=\"b\"}"), metrics.scrape());
            assertFalse(metrics.scrape().contains("memory_predicted_bytes{model=\"b\"}"), metrics.scrape());
            assertTrue(metrics.scrape().contains("swapdeck_model_memory_measured_bytes{model=\"a\"}"), metrics.scrape());
        }
    }

    private static SwapdeckConfig config(MemoryConfig memory) {
        return config(memory, "a");
    }

    private static SwapdeckConfig config(MemoryConfig memory, String... ids) {
        return TestModels.config(memory, RoutingRules.NONE, Map.of(),
                Arrays.stream(ids).map(id -> TestModels.model(id).build()).toArray(ModelConfig[]::new));
    }

    private static MemoryReport report(long measuredA, long predictedB) {
        return new MemoryReport(Optional.of("gpu"), Optional.of(Instant.now()), Optional.empty(), 20 * GIB, GIB,
                List.of(new Device("GPU 0", 24 * GIB, 4 * GIB)), measuredA, GIB,
                Map.of("a", new MemoryReport.Footprint(measuredA, measuredA, Prediction.Basis.MEASURED, false, true),
                        "b", new MemoryReport.Footprint(0, predictedB, Prediction.Basis.DECLARED, true, false)));
    }
}
