package dev.swapdeck.metrics;

import dev.swapdeck.memory.MemoryReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * Memory as the swap planner last saw it (SPEC §11, §12): the budget, what Swapdeck's models and
 * other programs use, and each model's measured and predicted footprint, in bytes. Fed with the
 * report at hand when the metrics start, then by {@code MemoryChanged} events; without a
 * {@code memory:} section every gauge reads 0. Scrapes read the latest report; nothing is sampled on a scrape.
 */
final class MemoryMeters {
    private volatile MemoryReport latest;

    MemoryMeters(MeterRegistry registry) {
        total(registry, "swapdeck.memory.budget", "Bytes Swapdeck may fill", MemoryReport::budget);
        total(registry, "swapdeck.memory.reserve", "Bytes always left free for other programs", MemoryReport::reserve);
        total(registry, "swapdeck.memory.models", "Bytes Swapdeck's models use together", MemoryReport::swapdeck);
        total(registry, "swapdeck.memory.other", "Bytes every other program uses", MemoryReport::other);
    }

    void update(MemoryReport report) {
        latest = report;
    }

    /** Registers {@code model}'s measured and predicted footprint. */
    void model(MeterRegistry registry, String model) {
        Gauge.builder("swapdeck.model.memory.measured", this, m -> m.footprint(model, MemoryReport.Footprint::measured))
                .description("Bytes the model's process tree uses now").baseUnit("bytes").tag("model", model)
                .register(registry);
        Gauge.builder("swapdeck.model.memory.predicted", this, m -> m.footprint(model, MemoryReport.Footprint::predicted))
                .description("Bytes the model is expected to take when it starts").baseUnit("bytes")
                .tag("model", model).register(registry);
    }

    private double footprint(String model, ToDoubleFunction<MemoryReport.Footprint> figure) {
        MemoryReport report = latest;
        MemoryReport.Footprint footprint = report == null ? null : report.models().get(model);
        return footprint == null ? 0 : figure.applyAsDouble(footprint);
    }

    private void total(MeterRegistry registry, String name, String description, ToDoubleFunction<MemoryReport> figure) {
        Gauge.builder(name, this, m -> m.latest == null ? 0 : figure.applyAsDouble(m.latest))
                .description(description).baseUnit("bytes").register(registry);
    }
}
