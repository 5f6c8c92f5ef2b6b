package dev.swapdeck.memory;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the window, {@code /api/models} and {@code /api/events} show about memory at one moment: the
 * devices (one bar per GPU, or the RAM), the budget, and each model's measured and predicted footprint.
 *
 * @param source    {@code gpu} or {@code ram}; empty before the first sample
 * @param sampledAt when the figures were read: while nvidia-smi fails after having answered, when its
 *                  last reading, which stands in, was taken
 * @param problem   while nvidia-smi fails, why (its last reading stands in, or before its first answer
 *                  the RAM does); empty otherwise
 * @param budget    bytes Swapdeck may fill
 * @param swapdeck  bytes Swapdeck's models use together
 * @param other     bytes every other program uses
 * @param models    by model id
 */
public record MemoryReport(Optional<String> source, Optional<Instant> sampledAt, Optional<String> problem,
                           long budget, long reserve,
                           List<Device> devices, long swapdeck, long other, Map<String, Footprint> models) {

    /**
     * One model's footprint.
     *
     * @param measured   bytes its process tree uses now (0 when not running)
     * @param predicted  bytes it is expected to take when it starts
     * @param basis      what the prediction rests on
     * @param running    it runs: with nothing measured (no process of its tree named by the query), its
     *                   prediction stands in for it in Swapdeck's share
     */
    public record Footprint(long measured, long predicted, Prediction.Basis basis, boolean pinned, boolean running) {
        /** The bytes it counts for in Swapdeck's share: what is measured, else its prediction while it runs. */
        public long counted() {
            return measured > 0 ? measured : running ? predicted : 0;
        }
    }

    public MemoryReport {
        devices = List.copyOf(devices);
        models = Map.copyOf(models);
    }

    /** Room left: budget minus reserve, minus Swapdeck's models, minus other programs (may be negative). */
    public long free() {
        return budget - reserve - swapdeck - other;
    }
}
