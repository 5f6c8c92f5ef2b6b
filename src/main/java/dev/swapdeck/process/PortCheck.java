package dev.swapdeck.process;

import dev.swapdeck.config.UpstreamAddress;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The check before a spawn (SPEC §3): a model whose {@code proxy} points at this machine must find its
 * port free, or a leftover server or a stranger would answer the health check and the model's requests
 * in place of the process Swapdeck starts. A connection attempt on loopback tells whether anything
 * listens (refused within microseconds when the port is free); only then is the holder named from
 * {@code /proc}. This runs before every spawn, on a swap's critical path: reading
 * {@code /proc/net/tcp} costs the kernel 5–15 ms on a machine with a few hundred sockets (it walks the
 * whole connection table), so it is kept for the conflict, which is rare.
 */
final class PortCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 200;
    private static final long NAME_LOOKUP_MILLIS = 50;
    private static final Set<InetAddress> LOOPBACKS = loopbacks();

    private PortCheck() {
    }

    private static Set<InetAddress> loopbacks() {
        try {
            return Set.of(InetAddress.getByName("127.0.0.1"), InetAddress.getByName("::1"));
        } catch (UnknownHostException e) {
            throw new IllegalStateException("literal addresses need no lookup", e);
        }
    }

    /** Empty when the port is free or not on this machine; else the message the start fails with. */
    static Optional<String> conflict(String model, URI proxy) {
        OptionalInt port = localPort(proxy);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        int p = port.getAsInt();
        if (!answers(addressOf(proxy), p)) {
            return Optional.empty();
        }
        String fix = " — stop that process or give model " + model + " another port";
        Optional<ProcFs.Listener> holder = ProcFs.available() ? ProcFs.listenerOn(p, reachedAt(proxy)) : Optional.empty();
        if (holder.filter(h -> h.pid() == ProcessHandle.current().pid()).isPresent()) {
            return Optional.of("port conflict: port " + p + " is where Swapdeck itself listens — give model " + model
                    + " another port (startPort, or its cmd and proxy)");
        }
        Optional<String> ours = holder.map(h -> ProcessMarks.ofRun(ProcessMarks.run()).get(h.pid()))
                .map(ProcessMarks::model);
        if (ours.isPresent()) {
            // two models written with one fixed port, which groups or profiles let run side by side
            return Optional.of("port conflict: port " + p + " is where model " + ours.get() + " listens (pid "
                    + holder.get().pid() + "), which Swapdeck runs beside " + model + " — give each its own port "
                    + "(${PORT} in cmd and proxy), or let them run only one at a time");
        }
        return Optional.of("port conflict: port " + p + " is already in use" + holder.map(h -> h.pid() < 0
                ? " by a process Swapdeck cannot see"
                : " by " + h.shown()).orElse("") + fix);
    }

    /**
     * A process of this user other than Swapdeck that listens on {@code proxy}'s local port now, shown
     * as {@code pid N (command)}: after a command exited during its start, what it may have left there.
     */
    static Optional<String> holderNow(URI proxy) {
        OptionalInt port = localPort(proxy);
        if (port.isEmpty() || !ProcFs.available()) {
            return Optional.empty();
        }
        return ProcFs.listenerOn(port.getAsInt(), reachedAt(proxy))
                .filter(h -> h.pid() > 0 && h.pid() != ProcessHandle.current().pid())
                .map(h -> h.shown() + " now listens on port " + port.getAsInt());
    }

    /**
     * The addresses the model's requests may go to, for telling which listeners of its port take them:
     * its literal address, or both loopback addresses for a name ({@code localhost}) or the any-address.
     */
    static Set<InetAddress> reachedAt(URI proxy) {
        String host = bare(UpstreamAddress.host(proxy));
        if (isLiteralAddress(host)) {
            try {
                InetAddress literal = InetAddress.getByName(host);
                if (!literal.isAnyLocalAddress()) {
                    return Set.of(literal);
                }
            } catch (UnknownHostException e) {
                // not an address after all: as a name
            }
        }
        return LOOPBACKS;
    }

    private static String bare(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** Where the model's requests would go: its literal address, or loopback for a name or the any-address. */
    private static InetAddress addressOf(URI proxy) {
        String bare = bare(UpstreamAddress.host(proxy));
        try {
            InetAddress address = isLiteralAddress(bare) ? InetAddress.getByName(bare) : InetAddress.getLoopbackAddress();
            return address.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : address;
        } catch (UnknownHostException e) {
            return InetAddress.getLoopbackAddress();
        }
    }

    /** The port of {@code proxy} when its host is this machine (loopback, any-address or one of its own). */
    static OptionalInt localPort(URI proxy) {
        String host = UpstreamAddress.host(proxy);
        if (host == null) {
            return OptionalInt.empty();
        }
        return isThisMachine(host) ? OptionalInt.of(UpstreamAddress.port(proxy)) : OptionalInt.empty();
    }

    private static boolean isThisMachine(String host) {
        String bare = bare(host);
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isLiteralAddress(bare)) {
            return nameResolvesHere(bare);
        }
        try {
            return isOwn(InetAddress.getByName(bare));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /**
     * Whether a host name ({@code vm} in {@code /etc/hosts}, the machine's own name) leads to this
     * machine. A name from {@code /etc/hosts} resolves at once; one that needs DNS may block, so the
     * lookup is given {@link #NAME_LOOKUP_MILLIS} and a name not resolved by then is taken as remote,
     * which needs no check.
     */
    private static boolean nameResolvesHere(String name) {
        CompletableFuture<Boolean> lookup = new CompletableFuture<>();
        // a thread of its own: a lookup stuck on DNS must not hold a shared pool's only worker
        Thread thread = new Thread(() -> {
            try {
                lookup.complete(Arrays.stream(InetAddress.getAllByName(name)).anyMatch(PortCheck::isOwn));
            } catch (UnknownHostException e) {
                lookup.complete(false);
            }
        }, "swapdeck-name-lookup");
        thread.setDaemon(true);
        thread.start();
        try {
            return lookup.get(NAME_LOOKUP_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    private static boolean isOwn(InetAddress address) {
        try {
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }

    private static boolean isLiteralAddress(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    /** Accepted, or no answer at all (a listener whose queue is full drops the attempt): in use. Refused: free. */
    private static boolean answers(InetAddress address, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(address, port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (SocketTimeoutException e) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
