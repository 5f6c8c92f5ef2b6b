package dev.swapdeck.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One streamed chat on a fresh connection, timed as a chat app reads it: when the first event
 * ({@code data:}) arrives and when the stream's last chunk does. A plain blocking socket, so that
 * nothing but the wire lies between the server and the clock.
 */
final class StreamTiming {
    private StreamTiming() {
    }

    /** Milliseconds from sending to the first event, and to the end of the stream, in that order. */
    static double[] firstAndEnd(int port, String jsonBody) throws IOException {
        byte[] body = jsonBody.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[head.length + body.length];
        System.arraycopy(head, 0, request, 0, head.length);
        System.arraycopy(body, 0, request, head.length, body.length);
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setTcpNoDelay(true);
            socket.setSoTimeout(30_000);
            long sent = System.nanoTime();
            socket.getOutputStream().write(request);
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
