package dev.swapdeck.process;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Set;

/** Who listens on a port of this machine, for messages outside this package (Linux {@code /proc}; empty elsewhere). */
public final class PortHolders {
    private PortHolders() {
    }

    /** A listener's pid and command line ({@code /proc/<pid>/cmdline}, its words joined by spaces). */
    public record Holder(long pid, String command) {
    }

    /** The process listening on {@code port} where a connection to {@code address} arrives, when it can be seen. */
    public static Optional<Holder> on(InetAddress address, int port) {
        if (!ProcFs.available()) {
            return Optional.empty();
        }
        return ProcFs.listenerOn(port, Set.of(address)).filter(l -> l.pid() > 0).map(l -> new Holder(l.pid(), l.command()));
    }
}
