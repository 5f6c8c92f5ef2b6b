package dev.swapdeck.ui.playground;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * A loopback server that answers every request with one scripted event stream, written as the bytes a
 * server sends: 200, {@code text/event-stream}, each event one chunk in its own write, then an
 * {@link Ending}. For what the playground must make of streams that end otherwise than with
 * {@code data: [DONE]}.
 */
final class ScriptedUpstream implements AutoCloseable {
    /** How the response ends after its events. */
    enum Ending {
        /** The chunked body's last chunk, then the connection stays open: a complete response. */
        LAST_CHUNK,
        /** No chunked encoding and no length: the body is whatever comes before the server closes. */
        CLOSE_DELIMITED,
        /** No end: the answer goes on (silently) until the client leaves. */
        NONE
    }

    private final ServerSocket server;
    private final List<String> events;
    private final Ending ending;
    private final Thread acceptor;

    private ScriptedUpstream(List<String> events, Ending ending) throws IOException {
        this.server = new ServerSocket();
        this.server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.events = events;
        this.ending = ending;
        this.acceptor = new Thread(this::serve, "scripted-upstream");
        this.acceptor.setDaemon(true);
    }

    /** Starts serving; each of {@code events} is sent as it is (give it its own line ends). */
    static ScriptedUpstream start(Ending ending, String... events) throws IOException {
        ScriptedUpstream upstream = new ScriptedUpstream(List.of(events), ending);
        upstream.acceptor.start();
        return upstream;
    }

    /** The OpenAI base URL for clients. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getLocalPort() + "/v1";
    }

    /** One {@code data:} event carrying {@code text} as a chat chunk's content. */
    static String token(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                readRequest(socket.getInputStream());
                answer(socket.getOutputStream());
                if (ending != Ending.CLOSE_DELIMITED) {
                    socket.getInputStream().read();
                }
            } catch (IOException e) {
                // closed by the client or by close(): serve the next one, if any
            }
        }
    }

    private void answer(OutputStream out) throws IOException {
        boolean chunked = ending != Ending.CLOSE_DELIMITED;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String event : events) {
            byte[] bytes = event.getBytes(StandardCharsets.UTF_8);
            if (chunked) {
                out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
            }
            out.write(bytes);
            if (chunked) {
                out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
            }
            out.flush();
        }
        if (ending == Ending.LAST_CHUNK) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
    }

    /** Reads the head and a body of its {@code Content-Length}. */
    private static void readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the request ended in its head");
            }
            head.write(b);
        }
        String lower = head.toString(StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int at = lower.indexOf("content-length:");
        if (at >= 0) {
            int length = Integer.parseInt(lower.substring(at + 15, lower.indexOf("\r\n", at)).strip());
            in.readNBytes(length);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
