package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

/** A lease on a ready model; releases its in-flight count exactly once. */
final class SlotLease implements Lease {
    private final Router router;
    private final ModelSlot slot;
    private final long generation;
    private final AtomicBoolean closed = new AtomicBoolean();

    SlotLease(Router router, ModelSlot slot) {
        this.router = router;
        this.slot = slot;
        this.generation = slot.process.info().startedAt().map(SlotLease::nanosSinceEpoch).orElse(0L);
    }

    private static long nanosSinceEpoch(Instant at) {
        return at.getEpochSecond() * 1_000_000_000L + at.getNano();
    }

    @Override
    public ModelConfig model() {
        return slot.process.config();
    }

    @Override
    public URI upstream() {
        return slot.process.config().proxy();
    }

    /** The spawn time of the process this lease points at: a new process, a new generation. */
    @Override
    public long generation() {
        return generation;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            router.release(slot);
        }
    }
}
