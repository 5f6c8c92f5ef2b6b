package dev.swapdeck.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One streamed chat request over a plain blocking socket (no client library between the wire and the
 * clock): for every chunk, its arrival time minus the {@code sent_at_micros} the demo upstream wrote
 * into it just before flushing. Both clocks are this machine's wall clock.
 */
final class StreamClock {
    private static final byte[] MARK = "\"sent_at_micros\":".getBytes(StandardCharsets.US_ASCII);

    private StreamClock() {
    }

    /** Per-chunk delays in milliseconds, in arrival order. */
    static List<Double> delays(int port, String model, int chunks, int pauseMs) {
        String body = "{\"model\":\"" + model + "\",\"stream\":true,\"max_tokens\":" + chunks
                + ",\"demo_delay_ms\":" + pauseMs + ",\"messages\":[{\"role\":\"user\",\"content\":\"count\"}]}";
        String request = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nConnection: close\r\nContent-Length: "
                + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body;
        List<Double> delays = new ArrayList<>(chunks);
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                long arrived = epochMicros();
                for (int i = indexOf(buffer, n, 0); i >= 0; i = indexOf(buffer, n, i + 1)) {
                    long sent = number(buffer, i + MARK.length, n);
                    delays.add((arrived - sent) / 1000.0);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (delays.size() != chunks) {
            throw new IllegalStateException("expected " + chunks + " chunks, read " + delays.size());
        }
        return delays;
    }

    private static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }

    private static int indexOf(byte[] buffer, int length, int from) {
        outer:
        for (int i = from; i <= length - MARK.length; i++) {
            for (int j = 0; j < MARK.length; j++) {
                if (buffer[i + j] != MARK[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long number(byte[] buffer, int at, int length) {
        long value = 0;
        for (int i = at; i < length && buffer[i] >= '0' && buffer[i] <= '9'; i++) {
            value = value * 10 + (buffer[i] - '0');
        }
        return value;
    }
}
