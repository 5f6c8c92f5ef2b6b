package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import java.net.InetAddress;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether the process answering a model's health check is the one Swapdeck started (SPEC §3): every
 * socket listening on the model's port where its requests arrive (its address or the any-address; one
 * bound to another address of that port takes none of them) must belong to the child, its descendants, or what carries
 * its mark ({@link ProcessMarks}). Otherwise, when {@code /proc} names the holder (a process of this
 * user), it is a stranger that took the port during the start, in the child's place or beside it
 * ({@code SO_REUSEPORT}, which llama-server sets: the kernel then shares the connections out between
 * them), and the model is not ready. A holder it cannot see (another user's, such as a root
 * docker-proxy) is given the benefit of the doubt, and so is any port of a container runtime's model,
 * whose port the runtime's own proxy holds. One start's thread uses an instance.
 */
final class PortOwnership {
    /** Programs whose model's port is held by the runtime's proxy, never by the process Swapdeck starts. */
    private static final Set<String> CONTAINER_RUNTIMES = Set.of("docker", "podman", "nerdctl", "apptainer",
            "singularity");

    private static volatile boolean warmed;

    private final Lifeline.Spawned child;
    private final OptionalInt port;
    /** The addresses the model's requests go to: only listeners there can take them. */
    private final Set<InetAddress> reached;
    /** The inodes of the listening sockets found to be the child's. */
    private final Set<Long> ownInodes = new HashSet<>();

    private PortOwnership(Lifeline.Spawned child, OptionalInt port, Set<InetAddress> reached) {
        this.child = child;
        this.port = port;
        this.reached = reached;
    }

    /** The check for one start of {@code config}'s model; it checks nothing where it does not apply. */
    static PortOwnership of(ModelConfig config, Lifeline.Spawned child) {
        OptionalInt port = PortCheck.localPort(config.proxy());
        boolean applies = port.isPresent() && ProcFs.available() && !config.cmd().isEmpty() && !runsAContainer(config.cmd());
        return new PortOwnership(child, applies ? port : OptionalInt.empty(), PortCheck.reachedAt(config.proxy()));
    }

    /**
     * Whether a container runtime is among the programs {@code cmd} names: its first word, or any word of
     * a shell line or wrapper it runs ({@code bash -c 'docker run ...'}, {@code env docker run ...}).
     */
    static boolean runsAContainer(List<String> cmd) {
        for (String word : cmd) {
            for (String token : word.split("[\\s;&|()]+")) {
                if (CONTAINER_RUNTIMES.contains(token.substring(token.lastIndexOf('/') + 1))) {
                    return true;
                }
            }
        }
        return false;
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
            ProcFs.listeningInodes(0, Set.of());
        }
    }

    /**
     * The server answered "not yet" (llama-server's 503 while it loads): its socket listens, so whose it
     * is can be found now, off readiness's path (reading a process's descriptors takes a few
     * milliseconds for a JVM's 70). Readiness then only compares the listening sockets' inodes. A
     * server other than the child found so is among its {@link Lifeline.Spawned#servers} from then on.
     */
    void learnWhileLoading() {
        if (port.isPresent() && ownInodes.isEmpty()) {
            strangerAmong(ProcFs.listeningInodes(port.getAsInt(), reached));
        }
    }

    /**
     * A visible process that listens on the model's port and is not the child's; {@code besideOwn}: the
     * child's server listens there too ({@code SO_REUSEPORT}), so neither will give way.
     */
    record Stranger(ProcFs.Listener holder, boolean besideOwn) {
    }

    /** The stranger on the model's port, if any. */
    Optional<Stranger> stranger() {
        if (port.isEmpty()) {
            return Optional.empty();
        }
        List<Long> inodes = ProcFs.listeningInodes(port.getAsInt(), reached);
        return strangerAmong(inodes).map(holder -> new Stranger(holder, inodes.stream().anyMatch(ownInodes::contains)));
    }

    /** The model's port where the check applies. */
    int port() {
        return port.orElse(-1);
    }

    private Optional<ProcFs.Listener> strangerAmong(List<Long> inodes) {
        // Swapdeck's own process serves an upstream only when it is embedded (tests, benchmarks)
        long self = ProcessHandle.current().pid();
        for (long inode : inodes) {
            if (ownInodes.contains(inode)) {
                continue;
            }
            if (ours("socket:[" + inode + "]")) {
                ownInodes.add(inode);
                continue;
            }
            ProcFs.Listener holder = ProcFs.holderOf(inode);
            if (holder.pid() > 0 && holder.pid() != self) {
                return Optional.of(holder);
            }
        }
        return Optional.empty(); // nothing listens (answered, then closed), or only ours and unseen holders
    }

    /**
     * The child, its descendants or its marked processes (a wrapper script's server) hold {@code link}.
     * A holder other than the child is kept among its {@link Lifeline.Spawned#servers}: a server started
     * under {@code setsid env -i} leaves the child's group and mark behind, and once its wrapper exits
     * nothing else leads to it.
     */
    private boolean ours(String link) {
        if (ProcFs.holds(child.pid(), link)) {
            return true;
        }
        Optional<Long> server = child.process().descendants().map(ProcessHandle::pid)
                .filter(pid -> ProcFs.holds(pid, link)).findFirst()
                .or(() -> ProcessMarks.carrying(child.mark()).stream().filter(pid -> ProcFs.holds(pid, link)).findFirst());
        server.ifPresent(pid -> ProcFs.stat(pid).ifPresent(stat -> child.servers().put(pid, stat.startTicks())));
        return server.isPresent();
    }
}
