package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Whether the process answering a model's health check is the one Swapdeck started (SPEC §3): the
 * socket listening on the model's port must belong to the child, its descendants, or what carries
 * its mark ({@link ProcessMarks}). Otherwise, when {@code /proc} names the holder (a process of this
 * user), it is a stranger that took the port during the start and the model is not ready. A holder
 * it cannot see (another user's, such as a root docker-proxy) is given the benefit of the doubt, and
 * so is any port of a container runtime's model, whose port the runtime's own proxy holds.
 */
final class PortOwnership {
    /** Programs whose model's port is held by the runtime's proxy, never by the process Swapdeck starts. */
    private static final Set<String> CONTAINER_RUNTIMES = Set.of("docker", "podman", "nerdctl", "apptainer",
            "singularity");

    private static volatile boolean warmed;

    private final Lifeline.Spawned child;
    private final OptionalInt port;
    /** The inode of the listening socket found to be the child's while it loaded; -1 until then. */
    private long ownInode = -1;

    private PortOwnership(Lifeline.Spawned child, OptionalInt port) {
        this.child = child;
        this.port = port;
    }

    /** The check for one start of {@code config}'s model; it checks nothing where it does not apply. */
    static PortOwnership of(ModelConfig config, Lifeline.Spawned child) {
        OptionalInt port = PortCheck.localPort(config.proxy());
        boolean applies = port.isPresent() && ProcFs.available() && !config.cmd().isEmpty()
                && !CONTAINER_RUNTIMES.contains(Path.of(config.cmd().get(0)).getFileName().toString());
        return new PortOwnership(child, applies ? port : OptionalInt.empty());
    }

    /**
     * Runs the check's code once, cold (6–10 ms the first time in a JVM, for the classes behind
     * {@code /proc/<pid>/fd}), while a child loads: readiness, on every start's path, then pays only
     * the warm cost.
     */
    static void warmWhileLoading() {
        if (!warmed) {
            warmed = true;
            ProcFs.holds(ProcessHandle.current().pid(), "socket:[0]");
            ProcFs.listeningInode(0);
        }
    }

    /**
     * The server answered "not yet" (llama-server's 503 while it loads): its socket listens, so whose it
     * is can be found now, off readiness's path (reading a process's descriptors takes a few
     * milliseconds for a JVM's 70). Readiness then only compares the listening socket's inode.
     */
    void learnWhileLoading() {
        if (port.isEmpty() || ownInode >= 0) {
            return;
        }
        OptionalLong inode = listeningInode();
        if (inode.isPresent() && ours("socket:[" + inode.getAsLong() + "]")) {
            ownInode = inode.getAsLong();
        }
    }

    /** The holder of the model's port when it is a visible process that is not the child's; else empty. */
    Optional<ProcFs.Listener> stranger() {
        if (port.isEmpty()) {
            return Optional.empty();
        }
        OptionalLong inode = listeningInode();
        if (inode.isEmpty() || inode.getAsLong() == ownInode) {
            return Optional.empty(); // answered, then closed: the next probe sees again; or known to be ours
        }
        if (ours("socket:[" + inode.getAsLong() + "]")) {
            ownInode = inode.getAsLong();
            return Optional.empty();
        }
        // Swapdeck's own process serves an upstream only when it is embedded (tests, benchmarks)
        long self = ProcessHandle.current().pid();
        return ProcFs.listenerOn(port.getAsInt()).filter(holder -> holder.pid() > 0 && holder.pid() != self);
    }

    private OptionalLong listeningInode() {
        return ProcFs.listeningInode(port.getAsInt());
    }

    /** The model's port where the check applies. */
    int port() {
        return port.orElse(-1);
    }

    /** The child, its descendants or its marked processes (a wrapper script's server) hold {@code link}. */
    private boolean ours(String link) {
        if (ProcFs.holds(child.pid(), link)
                || child.process().descendants().anyMatch(p -> ProcFs.holds(p.pid(), link))) {
            return true;
        }
        return ProcessMarks.carrying(child.mark()).stream().anyMatch(pid -> ProcFs.holds(pid, link));
    }
}
