package dev.swapdeck.routing;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.process.ModelProcess;
import dev.swapdeck.process.ProcessState;
import java.net.URI;
import java.util.Optional;

/** A lease on a ready model; gives its ticket's in-flight count back exactly once. */
final class SlotLease implements Lease {
    private final Router router;
    private final Ticket ticket;
    private final long generation;

    SlotLease(Router router, Ticket ticket) {
        this.router = router;
        this.ticket = ticket;
        this.generation = ticket.slot.process.info().generation();
    }

    @Override
    public Route route() {
        return ticket.route;
    }

    @Override
    public ModelConfig model() {
        return ticket.slot.process.config();
    }

    @Override
    public URI upstream() {
        return ticket.slot.process.config().proxy();
    }

    /** The process generation this lease points at: a new process, a greater generation. */
    @Override
    public long generation() {
        return generation;
    }

    @Override
    public Optional<String> stopReason() {
        ModelProcess process = ticket.slot.process;
        return process.state() == ProcessState.READY || process.state() == ProcessState.STARTING
                ? Optional.empty() : process.stopReason();
    }

    @Override
    public Optional<String> exited() {
        return ticket.slot.process.exitOf(generation);
    }

    @Override
    public boolean exitIsWatched() {
        return true;
    }

    @Override
    public void close() {
        router.release(ticket);
    }

    @Override
    public void closeClientLeft() {
        router.release(ticket, true);
    }
}
