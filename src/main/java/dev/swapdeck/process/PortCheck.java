package dev.swapdeck.process;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The check before a spawn (SPEC §3): a model whose {@code proxy} points at this machine must find its
 * port free, or a leftover server or a stranger would answer the health check and the model's requests
 * in place of the process Swapdeck starts. On Linux the holder is named from {@code /proc}; elsewhere
 * a connection attempt tells whether anything listens.
 */
final class PortCheck {
    private static final int CONNECT_TIMEOUT_MILLIS = 200;

    private PortCheck() {
    }

    /** Empty when the port is free or not on this machine; else the message the start fails with. */
    static Optional<String> conflict(String model, URI proxy) {
        OptionalInt port = localPort(proxy);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        int p = port.getAsInt();
        String fix = " — stop that process or give model " + model + " another port";
        if (ProcFs.available()) {
            return ProcFs.listenerOn(p).map(holder -> holder.pid() < 0
                    ? "port conflict: port " + p + " is already in use by a process Swapdeck cannot see" + fix
                    : "port conflict: port " + p + " is already in use by pid " + holder.pid()
                            + (holder.command().isEmpty() ? "" : " (" + holder.command() + ")") + fix);
        }
        return answers(p) ? Optional.of("port conflict: port " + p + " is already in use" + fix) : Optional.empty();
    }

    /** The port of {@code proxy} when its host is this machine (loopback, any-address or one of its own). */
    static OptionalInt localPort(URI proxy) {
        String host = proxy.getHost();
        if (host == null) {
            return OptionalInt.empty();
        }
        int port = proxy.getPort() >= 0 ? proxy.getPort() : "https".equalsIgnoreCase(proxy.getScheme()) ? 443 : 80;
        return isThisMachine(host) ? OptionalInt.of(port) : OptionalInt.empty();
    }

    private static boolean isThisMachine(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (bare.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isLiteralAddress(bare)) {
            return false; // a name: resolving it could block on DNS, and a remote host needs no check
        }
        try {
            InetAddress address = InetAddress.getByName(bare);
            return address.isLoopbackAddress() || address.isAnyLocalAddress()
                    || NetworkInterface.getByInetAddress(address) != null;
        } catch (UnknownHostException | SocketException e) {
            return false;
        }
    }

    private static boolean isLiteralAddress(String host) {
        return host.contains(":") || host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), CONNECT_TIMEOUT_MILLIS);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
