package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.config.ConfigLoader;
import dev.swapdeck.testing.Await;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * A client that stops reading a fast stream: the answer waits for it (the upstream is not read), and
 * its request would hold its model's slot for good, so every swap and, at the concurrency limit,
 * every other request would wait for it. It is taken as gone after the stall timeout, and at once
 * once its model stopped.
 */
class ClientStallTest {
    private static final Duration SOON = Duration.ofSeconds(20);

    @AutoClose
    private final FloodingUpstream upstream = new FloodingUpstream();

    @Test
    void aClientThatTakesNothingIsTakenAsGoneAfterTheStallTimeout() throws Exception {
        try (Front front = new Front(upstream.port(), Duration.ofSeconds(1)); Socket client = stalledClient(front)) {
            Await.until("the answer waits for the client", SOON, () -> upstream.sent.get() > 1024 * 1024
                    && upstream.stalled());
            Await.until("the lease released", SOON, () -> front.engine.upstreams.openLeases() == 0);
            assertEquals(1, front.engine.upstreams.lastLease().clientLeftCloses.get(), "released as a client that left");
            Await.until("the upstream request cancelled", SOON, () -> upstream.cut.get());
            Await.until("the request recorded", SOON, () -> !front.engine.activity.recent().isEmpty());
            ActivityRecord record = front.engine.activity.recent().get(0);
            assertEquals(Optional.of("the client took nothing of its answer for 1 s"), record.interruption());
        }
    }

    /**
     * A client that reads a little now and then is never cut: the kernel tells of room in a full send
     * buffer only once half of it has drained, so it is the bytes its socket accepts that count.
     */
    @Test
    void aClientThatReadsSlowlyIsNotCut() throws Exception {
        // 3 s: a loaded machine may hold the reading thread for a second
        try (Front front = new Front(upstream.port(), Duration.ofSeconds(3)); Socket client = stalledClient(front)) {
            Await.until("the answer waits for the client", SOON, () -> upstream.sent.get() > 1024 * 1024
                    && upstream.stalled());
            InputStream in = client.getInputStream();
            byte[] piece = new byte[1024];
            long until = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            while (System.nanoTime() < until) {
                assertTrue(in.read(piece) > 0, "the answer goes on");
                Thread.sleep(100);
            }
            assertEquals(1, front.engine.upstreams.openLeases(), "a client taking 10 KB a second still holds its request");
            assertEquals(false, upstream.cut.get());
        }
    }

    /** An unload or a crash: the answer can never end, and the model must be free to start again. */
    @Test
    void aClientThatTakesNothingWhenItsModelStopsIsTakenAsGoneAtOnce() throws Exception {
        try (Front front = new Front(upstream.port(), Duration.ofMinutes(5)); Socket client = stalledClient(front)) {
            Await.until("the answer waits for the client", SOON, () -> upstream.sent.get() > 1024 * 1024
                    && upstream.stalled());
            assertEquals(1, front.engine.upstreams.openLeases(), "a slow client alone is not cut before the timeout");
            front.engine.upstreams.lastLease().stopReason = Optional.of("unloaded on request");
            Await.until("the lease released", SOON, () -> front.engine.upstreams.openLeases() == 0);
            Await.until("the request recorded", SOON, () -> !front.engine.activity.recent().isEmpty());
            assertEquals(Optional.of("the client was not reading when m was stopped (unloaded on request), so its answer"
                    + " could not end"), front.engine.activity.recent().get(0).interruption());
        }
    }

    private static Socket stalledClient(Front front) throws IOException {
        Socket client = new Socket();
        client.setReceiveBufferSize(4096);
        client.connect(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), front.port));
        byte[] body = "{\"model\":\"m\",\"stream\":true}".getBytes(StandardCharsets.UTF_8);
        OutputStream out = client.getOutputStream();
        out.write(("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + front.port + "\r\nContent-Type: "
                + "application/json\r\nContent-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        return client; // and never read
    }

    /** Swapdeck's proxy over a fake engine whose one model {@code m} is the flooding upstream. */
    private static final class Front implements AutoCloseable {
        final FakeEngine engine;
        final ProxyServer server;
        final int port;

        Front(int upstreamPort, Duration clientStall) throws Exception {
            engine = new FakeEngine(ConfigLoader.parse("models:\n  m:\n    cmd: server\n    proxy: http://127.0.0.1:"
                    + upstreamPort + "\n", "config.yaml", Optional.empty()));
            ListenerLimits defaults = ProxyOptions.defaults().limits();
            server = new ProxyServer(engine, ProxyOptions.defaults().withLimits(new ListenerLimits(
                    defaults.bodyBudgetBytes(), defaults.budgetWait(), defaults.requestHeaderTimeout(),
                    defaults.idleTimeout(), defaults.bodyStallTimeout(), clientStall, defaults.maxConnections())));
            port = server.start("127.0.0.1", 0).getPort();
        }

        @Override
        public void close() {
            server.stop();
        }
    }

    /** Answers every request with an endless event stream, as fast as the connection takes it. */
    private static final class FloodingUpstream implements AutoCloseable {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong lastWrite = new AtomicLong(System.nanoTime());
        final AtomicBoolean cut = new AtomicBoolean();
        private final ServerSocket socket;

        FloodingUpstream() {
            try {
                socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accepting = new Thread(this::serve, "flooding-upstream");
            accepting.setDaemon(true);
            accepting.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        /** No write has finished for half a second: the connection takes nothing. */
        boolean stalled() {
            return System.nanoTime() - lastWrite.get() > 500_000_000L;
        }

        private void serve() {
            try (Socket connection = socket.accept()) {
                InputStream in = connection.getInputStream();
                byte[] head = new byte[8192];
                int read = 0;
                while (!new String(head, 0, read, StandardCharsets.ISO_8859_1).contains("}")) {
                    read += in.read(head, read, head.length - read);
                }
                OutputStream out = connection.getOutputStream();
                out.write("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nTransfer-Encoding: chunked\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
                byte[] event = new byte[16 * 1024];
                Arrays.fill(event, (byte) 'x');
                System.arraycopy("data: ".getBytes(StandardCharsets.US_ASCII), 0, event, 0, 6);
                event[event.length - 2] = '\n';
                event[event.length - 1] = '\n';
                byte[] size = (Integer.toHexString(event.length) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    out.write(size);
                    out.write(event);
                    out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    sent.addAndGet(event.length);
                    lastWrite.set(System.nanoTime());
                }
            } catch (IOException e) {
                cut.set(true); // Swapdeck closed the connection: the upstream request was cancelled
            }
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }
}
