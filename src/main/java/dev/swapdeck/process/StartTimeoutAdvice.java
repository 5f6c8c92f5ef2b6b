package dev.swapdeck.process;

import java.io.BufferedReader;
import java.io.FileReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What to do about a start whose health check timed out. The usual advice is a larger timeout, but the
 * common mistakes behind such a start are ones no timeout mends: a {@code --port} or {@code --host} in
 * cmd that does not match {@code proxy} (where the server listens is read from {@code /proc}), or a
 * path in proxy ({@code http://127.0.0.1:8080/v1}) that every request's path is added to.
 */
final class StartTimeoutAdvice {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final String USUAL = "a server that loads longer needs a larger healthCheckTimeout; one that answers "
            + "elsewhere, another checkEndpoint";

    private StartTimeoutAdvice() {
    }

    /** The advice for {@code server}'s timed-out start; {@code answered404}: whether the last probe got a 404. */
    static String of(ProcessHandle server, URI proxy, boolean answered404) {
        String path = proxy.getRawPath() == null ? "" : proxy.getRawPath();
        if (answered404 && !path.isEmpty() && !path.equals("/")) {
            return "proxy has a path (" + path + "), which every request's path is added to (" + path
                    + "/v1/chat/completions), the health check's too: write proxy as scheme, host and port only";
        }
        return mismatch(server, proxy).orElse(USUAL);
    }

    /**
     * What to tell the person when {@code server} and its children listen only where {@code proxy}'s
     * requests do not arrive; empty when they listen nowhere (still loading) or also where proxy points.
     */
    private static Optional<String> mismatch(ProcessHandle server, URI proxy) {
        OptionalInt port = PortCheck.localPort(proxy);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        List<Long> pids = Stream.concat(Stream.of(server), server.descendants()).map(ProcessHandle::pid).toList();
        List<InetSocketAddress> listening = listenedOnBy(pids);
        Set<InetAddress> reached = PortCheck.reachedAt(proxy);
        boolean reachable = listening.stream().anyMatch(a -> a.getPort() == port.getAsInt()
                && (a.getAddress().isAnyLocalAddress() || reached.contains(a.getAddress())));
        if (listening.isEmpty() || reachable) {
            return Optional.empty();
        }
        String where = listening.stream().map(StartTimeoutAdvice::shown).distinct().collect(Collectors.joining(", "));
        boolean samePort = listening.stream().anyMatch(a -> a.getPort() == port.getAsInt());
        return Optional.of("its server listens on " + where + ", where proxy (" + proxy + ") does not reach: "
                + (samePort ? "make cmd's --host and proxy's address agree (127.0.0.1 in both, or localhost in proxy)"
                        : "make cmd's --port and proxy's port agree (${PORT} in both)"));
    }

    private static String shown(InetSocketAddress address) {
        String host = address.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /** Every TCP address the processes {@code pids} listen on, IPv4 then IPv6; empty without {@code /proc}. */
    static List<InetSocketAddress> listenedOnBy(List<Long> pids) {
        Set<Long> sockets = new HashSet<>();
        for (long pid : pids) {
            try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
                for (Path fd : fds) {
                    socketInode(fd).ifPresent(sockets::add);
                }
            } catch (IOException | RuntimeException e) {
                // gone, or another user's
            }
        }
        List<InetSocketAddress> addresses = new ArrayList<>();
        for (String table : List.of("tcp", "tcp6")) {
            try (BufferedReader in = new BufferedReader(new FileReader("/proc/net/" + table, StandardCharsets.US_ASCII))) {
                in.readLine(); // the header
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    String[] f = WHITESPACE.split(line.trim());
                    if (f.length <= 9 || !f[3].equals("0A")) {
                        break; // the kernel lists listening sockets first
                    }
                    if (sockets.contains(Long.parseLong(f[9]))) {
                        int colon = f[1].lastIndexOf(':');
                        addresses.add(new InetSocketAddress(ProcFs.boundAddress(f[1].substring(0, colon)),
                                Integer.parseInt(f[1].substring(colon + 1), 16)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                // no /proc, or a table being rewritten: what was read stands
            }
        }
        return addresses;
    }

    private static Optional<Long> socketInode(Path fd) {
        try {
            String link = Files.readSymbolicLink(fd).toString();
            return link.startsWith("socket:[") && link.endsWith("]")
                    ? Optional.of(Long.parseLong(link.substring(8, link.length() - 1))) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty(); // closed meanwhile
        }
    }
}
