package dev.swapdeck.bench;

import dev.swapdeck.testing.RawHttp;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One streamed chat on a fresh connection, timed as a chat app reads it: when the first event
 * ({@code data:}) arrives and when the stream's last chunk does, the connect included. A plain
 * blocking socket ({@link RawHttp#open}), so that nothing but the wire lies between the server and
 * the clock.
 */
final class StreamTiming {
    private StreamTiming() {
    }

    /** Milliseconds from connecting to the first event, and to the end of the stream, in that order. */
    static double[] firstAndEnd(int port, String jsonBody) throws IOException {
        long sent = System.nanoTime();
        try (Socket socket = RawHttp.open(port, "POST", "/v1/chat/completions", jsonBody, false)) {
            InputStream in = socket.getInputStream();
            StringBuilder seen = new StringBuilder();
            byte[] buffer = new byte[16 * 1024];
            long first = 0;
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                long now = System.nanoTime();
                seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                if (first == 0 && seen.indexOf("data: ") >= 0) {
                    first = now;
                }
                if (first != 0 && seen.length() >= 7 && seen.lastIndexOf("\r\n0\r\n\r\n") == seen.length() - 7) {
                    return new double[] {(first - sent) / 1e6, (now - sent) / 1e6};
                }
            }
            throw new IOException("the stream ended without an event or its last chunk: " + seen);
        }
    }
}
