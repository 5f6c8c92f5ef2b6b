package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * A server that closes a connection before any answer either never read the request (it had closed
 * first, and its kernel reset the connection when the request came) or read it and then died. Only
 * the first may go to a new server (SPEC §3), so {@link UpstreamConnection#resetAfterClose()} must tell
 * them apart, on real loopback sockets.
 */
class ClosedBeforeAnswerTest {
    private static final byte[] REQUEST = "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}"
            .getBytes(StandardCharsets.ISO_8859_1);
    private static XnioWorker worker;

    @BeforeAll
    static void startWorker() throws IOException {
        worker = Xnio.getInstance().createWorker(OptionMap.create(Options.WORKER_IO_THREADS, 1));
    }

    @AfterAll
    static void stopWorker() {
        worker.shutdownNow();
    }

    /** What an idle kept connection meets when its server was killed just before the request went out. */
    @Test
    void aRequestThatCameAfterTheCloseWasNeverRead() throws Exception {
        assertTrue(resetAfterClose(accepted -> { }, false));
    }

    /** A server that read the request and then died: it may have died of it, so it must not look unread. */
    @Test
    void aRequestReadBeforeTheCloseIsNotTakenForUnread() throws Exception {
        assertFalse(resetAfterClose(accepted -> accepted.getInputStream().readNBytes(REQUEST.length), true));
    }

    /** What the server does with the connection it accepted before closing it cleanly (nothing unread). */
    private interface Move {
        void play(Socket accepted) throws IOException;
    }

    /**
     * {@link UpstreamConnection#resetAfterClose()} once the request was sent and the server closed the
     * connection after {@code move}; {@code sentFirst}: the request goes out before the close, not after.
     */
    private static boolean resetAfterClose(Move move, boolean sentFirst) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> closed = CompletableFuture.runAsync(() -> {
                try (Socket accepted = server.accept()) {
                    move.play(accepted);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            UpstreamConnection connection = connect(server);
            if (sentFirst) {
                send(connection);
            }
            closed.get(10, TimeUnit.SECONDS);
            if (!sentFirst) {
                send(connection);
            }
            assertEquals(-1, readUntilEnd(connection));
            // the reset comes when the kernel gets to it, later on a loaded machine: UpstreamCall waits
            // 50 ms before it asks, this longer, so a busy CI machine does not ask too soon
            TimeUnit.MILLISECONDS.sleep(200);
            boolean reset = connection.resetAfterClose();
            connection.close();
            return reset;
        }
    }

    private static UpstreamConnection connect(ServerSocket server) throws IOException {
        InetSocketAddress address = new InetSocketAddress(server.getInetAddress(), server.getLocalPort());
        return new UpstreamConnection(worker.openStreamConnection(address, null, OptionMap.EMPTY).get());
    }

    private static void send(UpstreamConnection connection) throws IOException {
        ByteBuffer request = ByteBuffer.wrap(REQUEST);
        while (request.hasRemaining()) {
            connection.sink().write(request);
        }
    }

    /** Reads until the end of stream (-1), or the first byte of an answer, within ten seconds. */
    private static int readUntilEnd(UpstreamConnection connection) throws IOException, InterruptedException {
        ByteBuffer buffer = ByteBuffer.allocate(64);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        int read;
        while ((read = connection.source().read(buffer)) == 0 && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        return read;
    }
}
