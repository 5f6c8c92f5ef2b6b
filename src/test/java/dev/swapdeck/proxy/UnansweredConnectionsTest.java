package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.RawUpstream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * An upstream that closes a connection before it answers: llama-server closes a new connection unread
 * when its descriptor is past 1,023 (cpp-httplib polls with {@code select}), which a storm of aborted
 * requests reaches, each leaving a connection in its queue. Such a request, which no server read,
 * goes once more on a fresh connection; an upstream that drops it again is answered with 502, and so is
 * one that closed the connection after reading the request.
 */
class UnansweredConnectionsTest {

    /** What the upstream does with each connection it accepts, in order; the last one repeats. */
    private enum Move { CLOSE_UNREAD, SHUT_DOWN_THEN_CLOSE_UNREAD, READ_AND_CLOSE, READ_AND_EXIT, EXIT_UNREAD, ANSWER }

    @Test
    void aNewConnectionClosedUnreadIsSentOnceMoreOnAFreshOne() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.CLOSE_UNREAD, Move.ANSWER);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"ok\":true}", answer.body());
            assertEquals(2, upstream.accepted.get(), "a second connection carried the request");
            assertEquals(1, upstream.requestsRead.get(), "the server read the request once");
        }
    }

    /**
     * cpp-httplib shuts a connection down before it closes it: the FIN comes first, the reset that says
     * the request lay unread only at the close, which a busy machine may run milliseconds later.
     */
    @Test
    void aConnectionShutDownBeforeItsResetIsSeenUnread() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.SHUT_DOWN_THEN_CLOSE_UNREAD, Move.ANSWER);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(2, upstream.accepted.get(), "a second connection carried the request");
            assertEquals(1, upstream.requestsRead.get(), "the server read the request once");
        }
    }

    @Test
    void aRequestResetUnreadTwiceFailsWith502AfterOneRetry() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.CLOSE_UNREAD, Move.CLOSE_UNREAD, Move.ANSWER);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("closed the connection before a response, on a second connection too"),
                    answer.body());
            assertEquals(2, upstream.accepted.get(), "sent twice, not more");
            assertTrue(proxy.engine.upstreams.lastLease().awaitClosed(), "the lease is released");
        }
    }

    /**
     * A server that read the request and closed the connection may have acted on it (a generation run, a
     * paid API called): the request is not sent again, so it runs at most once.
     */
    @Test
    void aRequestTheServerReadIsNotSentAgain() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.READ_AND_CLOSE, Move.ANSWER);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("did not answer: it closed the connection before a response to a request"
                    + " it may have read, so the request was not sent again"), answer.body());
            assertEquals(1, upstream.accepted.get(), "one connection carried the request");
            assertEquals(1, upstream.requestsRead.get());
            assertTrue(proxy.engine.upstreams.lastLease().awaitClosed(), "the lease is released");
        }
    }

    @Test
    void aServerThatDiesWithTheRequestIsNotSentItAgain() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.READ_AND_EXIT);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("closed the connection before a response to a request it may have read"),
                    answer.body());
            assertEquals(1, upstream.accepted.get());
            assertEquals(1, proxy.engine.upstreams.leases.size(), "a request the server read is not routed again");
        }
    }

    /** A server whose process is known to have exited is not sent the request again; the 502 says how it ended. */
    @Test
    void aRequestToAServerThatExitedIsNotSentAgainAndTheExitIsNamed() throws Exception {
        try (ScriptedUpstream upstream = new ScriptedUpstream(Move.READ_AND_CLOSE, Move.ANSWER);
             OneModelProxy proxy = new OneModelProxy(upstream.port(), "{}")) {
            proxy.engine.upstreams.exited = Optional.of("exited with code 139 (SIGSEGV); last output: (none)");
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("did not answer: it closed the connection before a response, because "
                    + "m's server exited with code 139 (SIGSEGV)"), answer.body());
            assertEquals(1, upstream.accepted.get(), "not sent again to a server known to be gone");
            assertEquals(1, proxy.engine.upstreams.leases.size(), "a request the server read is not sent to a new one");
        }
    }

    /** A connection reset with the request unread in it: no server read it, so the model starts again for it. */
    @Test
    void aRequestResetUnreadByAServerThatExitedStartsItAgain() throws Exception {
        try (ScriptedUpstream dying = new ScriptedUpstream(Move.EXIT_UNREAD);
             OneModelProxy proxy = new OneModelProxy(dying.port(), "{}");
             StartAgain again = new StartAgain(proxy.engine.upstreams, dying.port(), "exited with code 134 (SIGABRT)")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals(0, dying.requestsRead.get());
            assertEquals(1, again.requestsRead());
        }
    }

    /**
     * A request that finds its crashed server's port closed, before Swapdeck has seen the exit, reached no
     * server: it is the next request, which starts the model again (SPEC §3), not a 502.
     */
    @Test
    void aRequestThatFindsItsCrashedServerGoneStartsItAgain() throws Exception {
        int port = FreePorts.loopback();
        try (OneModelProxy proxy = new OneModelProxy(port, "{}");
             StartAgain again = new StartAgain(proxy.engine.upstreams, port, "exited with code 139 (SIGSEGV)")) {
            HttpResponse<String> answer = proxy.chat();
            assertEquals(200, answer.statusCode(), answer.body());
            assertEquals("{\"ok\":true}", answer.body());
            assertEquals(2, proxy.engine.upstreams.leases.size(), "routed once more");
            assertEquals(1, proxy.engine.upstreams.leases.get(0).closes.get(), "the first lease is released");
            assertEquals(1, again.requestsRead());
        }
    }

    /** Routed once more at most: a model whose new server is gone too is a 502 that names its exit. */
    @Test
    void aRequestIsRoutedAgainOnlyOnce() throws Exception {
        try (OneModelProxy proxy = new OneModelProxy(FreePorts.loopback(), "{}")) {
            proxy.engine.upstreams.exited = Optional.of("exited with code 139 (SIGSEGV); last output: (none)");
            HttpResponse<String> answer = proxy.chat();
            assertEquals(502, answer.statusCode(), answer.body());
            assertTrue(answer.body().contains("could not connect"), answer.body());
            assertTrue(answer.body().contains("because m's server exited with code 139 (SIGSEGV)"), answer.body());
            assertEquals(2, proxy.engine.upstreams.leases.size());
            assertTrue(proxy.engine.upstreams.lastLease().awaitClosed(), "the lease is released");
        }
    }

    /**
     * Plays a model whose server crashed: each lease says it exited, until the request is routed a
     * second time, which starts a new server on {@code port} that answers.
     */
    private static final class StartAgain implements AutoCloseable {
        private volatile ScriptedUpstream started;

        StartAgain(FakeUpstreams upstreams, int port, String exit) {
            upstreams.exited = Optional.of(exit + "; last output: (none)");
            upstreams.beforeAcquire = () -> {
                if (upstreams.leases.size() == 1) {
                    upstreams.exited = Optional.empty();
                    started = ScriptedUpstream.on(port, Move.ANSWER);
                }
            };
        }

        int requestsRead() {
            return started == null ? 0 : started.requestsRead.get();
        }

        @Override
        public void close() throws IOException {
            if (started != null) {
                started.close();
            }
        }
    }

    /** A raw HTTP/1.1 upstream that plays its moves on the connections it accepts, one thread each. */
    private static final class ScriptedUpstream implements AutoCloseable {
        final AtomicInteger accepted = new AtomicInteger();
        final AtomicInteger requestsRead = new AtomicInteger();
        private final ServerSocket server;
        private final List<Socket> sockets = new ArrayList<>();
        private final Thread acceptor;

        ScriptedUpstream(Move... moves) throws IOException {
            this(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()), moves);
        }

        /** One that listens on {@code port}, as a model's server started again there. */
        static ScriptedUpstream on(int port, Move... moves) {
            try {
                return new ScriptedUpstream(new ServerSocket(port, 50, InetAddress.getLoopbackAddress()), moves);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private ScriptedUpstream(ServerSocket server, Move... moves) {
            this.server = server;
            acceptor = new Thread(() -> {
                try {
                    while (true) {
                        Socket socket = server.accept();
                        int n = accepted.getAndIncrement();
                        Move move = moves[Math.min(n, moves.length - 1)];
                        synchronized (sockets) {
                            sockets.add(socket);
                        }
                        Thread serving = new Thread(() -> play(socket, move), "scripted-upstream-" + n);
                        serving.setDaemon(true);
                        serving.start();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "scripted-upstream");
            acceptor.setDaemon(true);
            acceptor.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void play(Socket socket, Move move) {
            try (socket) {
                InputStream in = socket.getInputStream();
                if (move == Move.CLOSE_UNREAD || move == Move.SHUT_DOWN_THEN_CLOSE_UNREAD || move == Move.EXIT_UNREAD) {
                    // wait until the request is there, then close with it unread (the kernel answers RST)
                    while (in.available() == 0) {
                        Thread.sleep(1);
                    }
                    if (move == Move.SHUT_DOWN_THEN_CLOSE_UNREAD) {
                        socket.shutdownOutput();
                        Thread.sleep(1);
                    }
                    if (move == Move.EXIT_UNREAD) {
                        stopListening();
                        // as a dying process's socket with data unread in it: a reset alone, where Java's
                        // close would first shut its output down (a FIN, then the reset)
                        socket.setSoLinger(true, 0);
                    }
                    return;
                }
                RawUpstream.readRequest(in);
                requestsRead.incrementAndGet();
                if (move == Move.READ_AND_EXIT) {
                    stopListening();
                }
                if (move == Move.ANSWER) {
                    OutputStream out = socket.getOutputStream();
                    out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n"
                            + "{\"ok\":true}").getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    in.read(); // keep the connection open until the proxy is done with it
                }
            } catch (IOException | InterruptedException e) {
                // the proxy closed the connection
            }
        }

        /**
         * Nothing listens any more: the next connection is refused. The listening socket lives until
         * the thread blocked in accept() has left it, so wait for that thread.
         */
        private void stopListening() throws IOException, InterruptedException {
            server.close();
            acceptor.join(5_000);
        }

        @Override
        public void close() throws IOException {
            server.close();
            synchronized (sockets) {
                for (Socket socket : sockets) {
                    socket.close();
                }
            }
        }
    }
}
