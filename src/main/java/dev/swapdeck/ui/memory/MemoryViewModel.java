package dev.swapdeck.ui.memory;

import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.Device;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.StyleClasses;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The memory bar (SPEC §11), shown only with a {@code memory:} section: the budget divided into each
 * running model's share, other programs, what is free and the reserve, with a line per GPU (or the RAM). The
 * queries cannot say which GPU a process uses, so shares are drawn on the total, not per device.
 */
public final class MemoryViewModel {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private final ReadOnlyBooleanWrapper visible = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper devices = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper problem = new ReadOnlyStringWrapper("");
    private final ZoneId zone;
    private final ObservableList<MemorySegment> segments = FXCollections.observableArrayList();

    public MemoryViewModel() {
        this(ZoneId.systemDefault());
    }

    MemoryViewModel(ZoneId zone) {
        this.zone = zone;
    }

    public ReadOnlyBooleanProperty visibleProperty() {
        return visible.getReadOnlyProperty();
    }

    /** E.g. {@code GPU memory: 17.0 GiB of a 22.0 GiB budget in use, 3.0 GiB free}. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** E.g. {@code GPU 0: 18.0 / 24.0 GiB · GPU 1: 1.0 / 24.0 GiB}. */
    public ReadOnlyStringProperty devicesProperty() {
        return devices.getReadOnlyProperty();
    }

    /**
     * Empty while the figures are current; while nvidia-smi fails, how old they are and why, e.g.
     * {@code GPU figures from 10:40:55: nvidia-smi failed (...)}.
     */
    public ReadOnlyStringProperty problemProperty() {
        return problem.getReadOnlyProperty();
    }

    public ObservableList<MemorySegment> segments() {
        return segments;
    }

    public void apply(EngineSnapshot snapshot) {
        apply(snapshot.memory());
    }

    void apply(Optional<MemoryReport> memory) {
        visible.set(memory.isPresent());
        if (memory.isEmpty()) {
            segments.clear();
            return;
        }
        MemoryReport report = memory.get();
        String kind = report.source().map(s -> s.equals("ram") ? "RAM" : "GPU memory").orElse("Memory");
        long budget = Math.max(1, report.budget());
        summary.set(kind + ": " + ByteSize.format(report.swapdeck() + report.other()) + " of a "
                + ByteSize.format(report.budget()) + " budget in use, " + ByteSize.format(Math.max(0, report.free()))
                + " free" + (report.reserve() > 0 ? " (" + ByteSize.format(report.reserve()) + " reserved)" : "")
                + (report.free() < 0 ? " — over budget by " + ByteSize.format(-report.free()) : ""));
        // measured in RAM, the one device is what the summary is about: its raw reading beside the summary's
        // smoothed one read as two different figures for the same memory
        boolean ram = report.source().equals(Optional.of("ram"));
        devices.set(ram ? "" : String.join(" · ", report.devices().stream().map(MemoryViewModel::device).toList()));
        problem.set(report.problem().map(cause -> report.source().equals(Optional.of("gpu"))
                ? "GPU figures from " + report.sampledAt().map(at -> CLOCK.format(at.atZone(zone))).orElse("before")
                        + ": " + cause
                : "RAM figures until nvidia-smi answers: " + cause).orElse(""));
        List<MemorySegment> parts = new ArrayList<>();
        for (Map.Entry<String, MemoryReport.Footprint> e : report.models().entrySet().stream()
                .sorted(Map.Entry.comparingByKey()).toList()) {
            MemoryReport.Footprint f = e.getValue();
            String model = e.getKey() + (f.pinned() ? " (pinned)" : "");
            String prediction = ByteSize.format(f.predicted()) + " (" + f.basis().label() + ")";
            if (f.measured() > 0) {
                parts.add(new MemorySegment(e.getKey() + " " + ByteSize.format(f.measured()),
                        f.measured() / (double) budget, StyleClasses.MEMORY_MODEL, model
                        + ": measured " + ByteSize.format(f.measured()) + ", predicted " + prediction));
            } else if (f.counted() > 0) {
                parts.add(new MemorySegment(e.getKey() + " ~" + ByteSize.format(f.counted()),
                        f.counted() / (double) budget, StyleClasses.MEMORY_MODEL, model + ": nothing measured (the"
                        + " memory query names none of its processes), counted at its prediction, " + prediction));
            }
        }
        if (report.other() > 0) {
            parts.add(new MemorySegment("other programs " + ByteSize.format(report.other()),
                    report.other() / (double) budget, StyleClasses.MEMORY_OTHER,
                    "used by programs Swapdeck did not start: " + ByteSize.format(report.other())));
        }
        if (report.free() > 0) {
            parts.add(new MemorySegment("free " + ByteSize.format(report.free()), report.free() / (double) budget,
                    StyleClasses.MEMORY_FREE, "free of the budget, after the reserve: " + ByteSize.format(report.free())));
        }
        if (report.reserve() > 0) {
            parts.add(new MemorySegment("reserved " + ByteSize.format(report.reserve()), report.reserve() / (double) budget,
                    StyleClasses.MEMORY_FREE, "always left free (memory.reserve): " + ByteSize.format(report.reserve())));
        }
        if (!segments.equals(parts)) {
            segments.setAll(parts);
        }
    }

    /**
     * One model's footprint for the detail pane, e.g. {@code 6.0 GiB now · predicts 6.0 GiB (measured) ·
     * pinned}; empty without a {@code memory:} section.
     */
    public static String footprintText(Optional<MemoryReport> memory, String model) {
        MemoryReport.Footprint f = memory.map(m -> m.models().get(model)).orElse(null);
        if (f == null) {
            return "";
        }
        return (f.measured() > 0 ? ByteSize.format(f.measured()) + " now · " : "") + "predicts "
                + (f.predicted() > 0 ? ByteSize.format(f.predicted()) + " (" + f.basis().label() + ")" : "nothing yet")
                + (f.pinned() ? " · pinned" : "");
    }

    private static String device(Device device) {
        return device.name() + ": " + ByteSize.format(device.used()) + " / " + ByteSize.format(device.total());
    }
}
