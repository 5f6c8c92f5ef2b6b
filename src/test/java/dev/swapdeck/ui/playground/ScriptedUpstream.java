package dev.swapdeck.ui.playground;

import dev.swapdeck.testing.RawUpstream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A loopback server that answers every request with one scripted event stream, written as the bytes a
 * server sends: 200, {@code text/event-stream}, each event one chunk in its own write, then an
 * {@link Ending}. For what the playground must make of streams that end otherwise than with
 * {@code data: [DONE]}.
 */
final class ScriptedUpstream implements AutoCloseable {
    /** How often a stream with no end says it is still there, until the client leaves. */
    private static final long KEEP_ALIVE_MILLIS = 100;

    /** How the response ends after its events. */
    enum Ending {
        /** The chunked body's last chunk: a complete response. */
        LAST_CHUNK,
        /** No chunked encoding and no length: the body is whatever comes before the server closes. */
        CLOSE_DELIMITED,
        /** No end: the answer goes on (an SSE comment now and then) until the client leaves. */
        NONE
    }

    private final RawUpstream server;

    private ScriptedUpstream(List<String> events, Ending ending) throws IOException {
        server = new RawUpstream((head, out) -> answer(out, events, ending));
    }

    /** Starts serving; each of {@code events} is sent as it is (give it its own line ends). */
    static ScriptedUpstream start(Ending ending, String... events) throws IOException {
        return new ScriptedUpstream(List.of(events), ending);
    }

    /** The OpenAI base URL for clients. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.port() + "/v1";
    }

    /** One {@code data:} event carrying {@code text} as a chat chunk's content. */
    static String token(String text) {
        return "data: {\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + text + "\"}}]}\n\n";
    }

    private static void answer(OutputStream out, List<String> events, Ending ending)
            throws IOException, InterruptedException {
        boolean chunked = ending != Ending.CLOSE_DELIMITED;
        out.write(("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\n"
                + (chunked ? "Transfer-Encoding: chunked\r\n" : "Connection: close\r\n") + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        for (String event : events) {
            write(out, event, chunked);
        }
        if (ending == Ending.LAST_CHUNK) {
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
        while (ending == Ending.NONE) { // a write fails once the client has left
            Thread.sleep(KEEP_ALIVE_MILLIS);
            write(out, ": still here\n\n", true);
        }
    }

    private static void write(OutputStream out, String event, boolean chunked) throws IOException {
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

    @Override
    public void close() throws IOException {
        server.close();
    }
}
