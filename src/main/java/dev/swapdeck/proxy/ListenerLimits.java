package dev.swapdeck.proxy;

import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.process.FileDescriptors;
import java.time.Duration;

/**
 * The server-wide limits of SPEC §8 that belong to the listener, fixed when it starts.
 *
 * @param bodyBudgetBytes      request bodies held in memory at once, all requests together
 * @param budgetWait           how long a large body waits for room in the budget before its 503
 * @param requestHeaderTimeout time from a request's first byte to the end of its headers
 * @param idleTimeout          how long a keep-alive connection may wait for its next request
 * @param bodyStallTimeout     how long a request body may go without a byte before it is refused and
 *                             its connection closed (a stalled upload would otherwise hold its share of
 *                             the body budget for good); never applies to a response
 * @param clientStallTimeout   how long an answer may wait for a client that takes none of it before the
 *                             client is taken as gone ({@link ClientStall}); a slow reader that takes
 *                             something now and then is never cut
 * @param maxConnections       client connections held at once: past it no connection is accepted until one
 *                             of them has closed (the clients beyond it wait in the kernel's queue), so
 *                             that neither file descriptors nor heap run out however many come
 */
public record ListenerLimits(long bodyBudgetBytes, Duration budgetWait, Duration requestHeaderTimeout,
                             Duration idleTimeout, Duration bodyStallTimeout, Duration clientStallTimeout,
                             int maxConnections) {
    public static final Duration DEFAULT_BUDGET_WAIT = Duration.ofSeconds(2);
    /**
     * Twice nginx's {@code send_timeout}: on loopback a reader's window opens after it has read about
     * 64 KB (one segment), so only then does its socket accept more; 120 s keeps a client that reads
     * half a kilobyte a second.
     */
    public static final Duration DEFAULT_CLIENT_STALL = Duration.ofSeconds(120);

    /** Of the JVM's heap, the share request bodies may hold at once: one part in this many. */
    static final int HEAP_SHARE = 4;
    /**
     * A request's head (its line and headers) at most, as nginx's default (four 8 KiB buffers); a larger
     * one gets Undertow's 400 and its connection closed. Undertow's own default, 1 MiB, let each client
     * that never ended its headers hold about 2 MiB of heap, without bound: 5,400 of them ended the JVM.
     */
    static final int HEADER_BYTES = 32 * 1024;
    /** Client connections at most, whatever the limits would allow. */
    static final int MOST_CONNECTIONS = 10_000;
    /** File descriptors kept for Swapdeck's own use (its files, the servers' pipes) before any client's. */
    private static final long OWN_DESCRIPTORS = 128;

    /**
     * The limits {@code security} sets, in this JVM. A body that stops moving gets as long as a
     * request's headers: {@code security.requestHeaderTimeout}. The body budget is at most a quarter
     * of the heap ({@link #heapRoom}), so that the default 256 MiB cannot fill a small heap.
     */
    public static ListenerLimits from(SecurityConfig security) {
        return from(security, Runtime.getRuntime().maxMemory(), FileDescriptors.max());
    }

    static ListenerLimits from(SecurityConfig security, long maxHeap, long maxDescriptors) {
        return new ListenerLimits(Math.min(security.bodyBudgetBytes(), heapRoom(maxHeap)), DEFAULT_BUDGET_WAIT,
                security.requestHeaderTimeout(), security.idleTimeout(), security.requestHeaderTimeout(),
                DEFAULT_CLIENT_STALL, connections(maxHeap, maxDescriptors));
    }

    /**
     * As many client connections as leave room, each with its upstream connection, in the file
     * descriptors the process may open, and as hold unfinished heads of {@link #HEADER_BYTES} (about
     * twice that in the heap) in a quarter of the heap; at most {@link #MOST_CONNECTIONS}, at least 16.
     */
    static int connections(long maxHeap, long maxDescriptors) {
        long byDescriptors = maxDescriptors <= 0 ? MOST_CONNECTIONS : (maxDescriptors - OWN_DESCRIPTORS) / 2;
        long byHeap = heapRoom(maxHeap) / (2L * HEADER_BYTES);
        return (int) Math.max(16, Math.min(MOST_CONNECTIONS, Math.min(byDescriptors, byHeap)));
    }

    /**
     * The bytes of request bodies a heap of {@code maxHeap} holds at once with room to spare: the
     * rest is Swapdeck's own, and a body may be copied while it is read in pieces or rewritten.
     */
    static long heapRoom(long maxHeap) {
        return maxHeap == Long.MAX_VALUE ? Long.MAX_VALUE : maxHeap / HEAP_SHARE;
    }
}
