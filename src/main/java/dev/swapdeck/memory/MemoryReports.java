package dev.swapdeck.memory;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Builds {@link MemoryReport}s and tells whether two differ enough to publish. */
final class MemoryReports {
    /** Changes below this are noise (allocator jitter), not news. */
    private static final long NOTICEABLE = 16 * ByteSize.MIB;

    private MemoryReports() {
    }

    static MemoryReport of(MemoryModels models, Optional<Sample> sample, Optional<String> problem, long other) {
        Map<String, MemoryReport.Footprint> footprints = new TreeMap<>();
        for (String id : models.ids()) {
            Prediction prediction = models.predict(id);
            footprints.put(id, new MemoryReport.Footprint(sample.map(s -> s.measured(id)).orElse(0L),
                    prediction.bytes(), prediction.basis(), models.pinned(id), sample.map(s -> s.runs(id)).orElse(false)));
        }
        return new MemoryReport(sample.map(s -> s.source().label()), sample.map(Sample::at), problem,
                models.budget(sample), models.config().reserve(),
                sample.map(Sample::devices).orElse(java.util.List.of()),
                sample.map(s -> s.swapdeck(models::predictedBytes)).orElse(0L), other, footprints);
    }

    static boolean differ(MemoryReport a, MemoryReport b) {
        if (!a.source().equals(b.source()) || !a.problem().equals(b.problem()) || a.budget() != b.budget() || a.devices().size() != b.devices().size()
                || !a.models().keySet().equals(b.models().keySet())) {
            return true;
        }
        for (int i = 0; i < a.devices().size(); i++) {
            if (far(a.devices().get(i).used(), b.devices().get(i).used())) {
                return true;
            }
        }
        for (Map.Entry<String, MemoryReport.Footprint> e : a.models().entrySet()) {
            MemoryReport.Footprint other = b.models().get(e.getKey());
            if (far(e.getValue().measured(), other.measured()) || far(e.getValue().predicted(), other.predicted())
                    || e.getValue().basis() != other.basis() || e.getValue().running() != other.running()) {
                return true;
            }
        }
        return far(a.other(), b.other());
    }

    private static boolean far(long x, long y) {
        return Math.abs(x - y) >= NOTICEABLE;
    }
}
