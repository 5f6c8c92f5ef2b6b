package dev.swapdeck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Free loopback ports for child processes that must be told their port up front (a model's
 * {@code proxy} URL is fixed before it starts). Between the hand-out and the child's bind the port is
 * open to anyone, so it comes from where nobody else looks: below the kernel's ephemeral range
 * ({@code ip_local_port_range}), which every port-0 listener and every outgoing connection draws from,
 * in a block of its own for each Surefire fork ({@code swapdeck.test.fork}, 1, 2, ...), walked in order
 * so that this JVM hands a port out again only after the whole block. Each port is checked free first.
 */
public final class FreePorts {
    private static final int BLOCK = 1_000;
    private static final int BLOCKS = 8;
    private static final int FIRST_USABLE = 1_024;
    private static final int BLOCK_START = blockStart();
    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final Set<Integer> HANDED_OUT = ConcurrentHashMap.newKeySet();

    private FreePorts() {
    }

    public static int loopback() {
        if (BLOCK_START < 0) {
            return anyPort();
        }
        for (int attempt = 0; attempt < BLOCK; attempt++) {
            int port = BLOCK_START + Math.floorMod(NEXT.getAndIncrement(), BLOCK);
            if (free(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + BLOCK_START + "-" + (BLOCK_START + BLOCK - 1));
    }

    /** This fork's first port, or -1 where the ephemeral range leaves no room below it. */
    private static int blockStart() {
        int fork = Math.floorMod(Integer.getInteger("swapdeck.test.fork", 1) - 1, BLOCKS);
        int first = ephemeralLow() - BLOCKS * BLOCK;
        return first >= FIRST_USABLE ? first + fork * BLOCK : -1;
    }

    /**
     * In one read: a sysctl file answers only a read from its start, and {@code Files.readString}, which
     * finds its size 0, reads the first byte alone and gets "3" of "32768 60999" (then no block fits).
     */
    private static int ephemeralLow() {
        try (InputStream in = Files.newInputStream(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            byte[] range = new byte[64];
            int read = Math.max(0, in.read(range));
            return Integer.parseInt(new String(range, 0, read, StandardCharsets.US_ASCII).trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }

    /**
     * Free for a server that binds without {@code SO_REUSEADDR}, as llama-server does: Java's own
     * sockets set it, and would take a port whose last connections still wait in TIME_WAIT (a run of
     * Swapdeck a few seconds before, on the same block), where llama-server's bind then fails.
     */
    private static boolean free(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(false);
            socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Where no block fits: a port the OS picks, never the same one twice in this JVM. */
    private static int anyPort() {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                if (HANDED_OUT.add(socket.getLocalPort())) {
                    return socket.getLocalPort();
                }
            } catch (IOException e) {
                throw new UncheckedIOException("no free loopback port", e);
            }
        }
        throw new IllegalStateException("no fresh loopback port after 50 attempts");
    }
}
