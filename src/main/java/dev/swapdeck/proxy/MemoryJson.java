package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.memory.Device;
import dev.swapdeck.memory.MemoryReport;
import java.time.Instant;

/**
 * The JSON shape of memory (SPEC §11) on {@code /api/models} and {@code event: memory}. Every size is
 * a whole number of bytes. {@code devices} has one entry per GPU (or one for the RAM); the queries do
 * not say which GPU a process uses, so models' shares are given overall, not per device.
 */
final class MemoryJson {
    private MemoryJson() {
    }

    /** {@code source, sampledAt, problem, budget, reserve, total, used, swapdeck, other, free, devices[], models{}}. */
    static ObjectNode totals(MemoryReport report) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("source", report.source().orElse(null));
        node.put("sampledAt", report.sampledAt().map(Instant::toString).orElse(null));
        node.put("problem", report.problem().orElse(null));
        node.put("budget", report.budget()).put("reserve", report.reserve());
        node.put("total", report.devices().stream().mapToLong(Device::total).sum());
        node.put("used", report.devices().stream().mapToLong(Device::used).sum());
        node.put("swapdeck", report.swapdeck()).put("other", report.other()).put("free", report.free());
        ArrayNode devices = node.putArray("devices");
        for (Device device : report.devices()) {
            devices.addObject().put("name", device.name()).put("total", device.total()).put("used", device.used());
        }
        ObjectNode models = node.putObject("models");
        report.models().entrySet().stream().sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> models.set(e.getKey(), footprint(e.getValue())));
        return node;
    }

    /** {@code measured, predicted, basis (measured|declared|model-file|unknown), pinned}. */
    static ObjectNode footprint(MemoryReport.Footprint footprint) {
        return Json.MAPPER.createObjectNode()
                .put("measured", footprint.measured())
                .put("predicted", footprint.predicted())
                .put("basis", footprint.basis().label())
                .put("pinned", footprint.pinned());
    }
}
