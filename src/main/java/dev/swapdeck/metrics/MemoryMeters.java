package dev.swapdeck.metrics;

import dev.swapdeck.memory.MemoryReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Memory as the swap planner last saw it (SPEC §11, §12): the budget, what Swapdeck's models and
 * other programs use, and each model's measured and predicted footprint, in bytes. The series exist
 * while a {@code memory:} section is in force (from its first report on, until a configuration without
 * one is loaded): a dashboard must not read a budget of 0 where memory plays no part. Scrapes read the
 * latest report; nothing is sampled on a scrape. Thread-safe.
 */
final class MemoryMeters {
    private final MeterRegistry registry;
    /** By id: a model removed and added back by reloads registers the same series again, not a second entry. */
    private final Map<Meter.Id, Meter> registered = new HashMap<>();
    private volatile MemoryReport latest;
    private boolean on;

    MemoryMeters(MeterRegistry registry) {
        this.registry = registry;
    }

    /** A report: memory is in force; the series appear with it if they were not there yet. */
    synchronized void update(MemoryReport report, Collection<String> models) {
        latest = report;
        turnOn(models);
    }

    /** A configuration was loaded: with a {@code memory:} section the series stay (or come), without it they go. */
    synchronized void configured(boolean memorySection, Collection<String> models) {
        if (memorySection) {
            turnOn(models);
        } else if (on) {
            on = false;
            latest = null;
            registered.values().forEach(registry::remove);
            registered.clear();
        }
    }

    /** Registers {@code model}'s measured and predicted footprint, while memory is in force. */
    synchronized void model(String model) {
        if (on) {
            registerModel(model);
        }
    }

    private void turnOn(Collection<String> models) {
        if (on) {
            return;
        }
        on = true;
        total("swapdeck.memory.budget", "Bytes Swapdeck may fill", MemoryReport::budget);
        total("swapdeck.memory.reserve", "Bytes always left free for other programs", MemoryReport::reserve);
        total("swapdeck.memory.models", "Bytes Swapdeck's models use together", MemoryReport::swapdeck);
        total("swapdeck.memory.other", "Bytes every other program uses", MemoryReport::other);
        models.forEach(this::registerModel);
    }

    private void registerModel(String model) {
        keep(Gauge.builder("swapdeck.model.memory.measured", this,
                        m -> m.footprint(model, MemoryReport.Footprint::measured))
                .description("Bytes the model's process tree uses now").baseUnit("bytes").tag("model", model)
                .register(registry));
        keep(Gauge.builder("swapdeck.model.memory.predicted", this,
                        m -> m.footprint(model, MemoryReport.Footprint::predicted))
                .description("Bytes the model is expected to take when it starts").baseUnit("bytes")
                .tag("model", model).register(registry));
    }

    private double footprint(String model, ToDoubleFunction<MemoryReport.Footprint> figure) {
        MemoryReport report = latest;
        MemoryReport.Footprint footprint = report == null ? null : report.models().get(model);
        return footprint == null ? 0 : figure.applyAsDouble(footprint);
    }

    private void total(String name, String description, ToDoubleFunction<MemoryReport> figure) {
        keep(Gauge.builder(name, this, m -> {
            MemoryReport report = m.latest;
            return report == null ? 0 : figure.applyAsDouble(report);
        }).description(description).baseUnit("bytes").register(registry));
    }

    private void keep(Meter meter) {
        registered.put(meter.getId(), meter);
    }

    /** Number of series this keeps for removal, for tests. */
    synchronized int kept() {
        return registered.size();
    }
}
