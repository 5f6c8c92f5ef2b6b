package dev.swapdeck.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * HTTP/1.1 over a plain socket, for what the JDK client cannot do: a fresh connection per request
 * ({@code Connection: close}, read to the end), a client that leaves in the middle of an answer, or a
 * {@code Host} header of the caller's choosing (a DNS-rebinding page's).
 */
public final class RawHttp {
    private RawHttp() {
    }

    /** One request on a fresh connection; returns the whole answer (head and body) as text. */
    public static String fresh(int port, String method, String path, String jsonBody) throws IOException {
        try (Socket socket = open(port, method, path, jsonBody, true)) {
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * One request on a fresh connection, answered once the response's head and declared body are in
     * (its {@code Content-Length}, or a chunked body's last chunk), without waiting for the server to
     * close: as an HTTP client reads an answer. llama-server's close after {@code Connection: close}
     * can come tens of milliseconds after its answer.
     */
    public static String answered(int port, String method, String path, String jsonBody) throws IOException {
        try (Socket socket = open(port, method, path, jsonBody, true)) {
            InputStream in = socket.getInputStream();
            StringBuilder text = new StringBuilder();
            byte[] buffer = new byte[8192];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                text.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
                if (complete(text)) {
                    break;
                }
            }
            return new String(text.toString().getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
        }
    }

    private static boolean complete(CharSequence text) {
        String received = text.toString();
        int end = received.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        String head = received.substring(0, end).toLowerCase(java.util.Locale.ROOT);
        int at = head.indexOf("\r\ncontent-length:");
        if (at >= 0) {
            int from = at + "\r\ncontent-length:".length();
            int to = head.indexOf("\r\n", from);
            long length = Long.parseLong(head.substring(from, to < 0 ? head.length() : to).trim());
            return received.length() - end - 4 >= length;
        }
        return head.contains("\r\ntransfer-encoding: chunked") && received.endsWith("\r\n0\r\n\r\n");
    }

    /** A response as received: its status and its whole text (status line, headers, body). */
    public record Response(int status, String text) {
    }

    /** {@code method path} with an empty body and {@code Host: host}, on a fresh connection read to its end. */
    public static Response withHost(int port, String method, String path, String host) throws IOException {
        return withHeaders(port, method, path, host);
    }

    /** As {@link #withHost}, with more header lines ({@code "Name: value"}). */
    public static Response withHeaders(int port, String method, String path, String host, String... headers)
            throws IOException {
        try (Socket socket = connect(port)) {
            StringBuilder head = new StringBuilder(method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n");
            for (String header : headers) {
                head.append(header).append("\r\n");
            }
            head.append("Content-Length: 0\r\nConnection: close\r\n\r\n");
            socket.getOutputStream().write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
            String text = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return new Response(Integer.parseInt(text.substring(9, 12)), text);
        }
    }

    /** Sends a request and leaves the socket open for the caller to read from, or to close mid-answer. */
    public static Socket open(int port, String method, String path, String jsonBody, boolean close) throws IOException {
        Socket socket = connect(port);
        byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (close ? "Connection: close\r\n" : "")
                + (jsonBody == null ? "" : "Content-Type: application/json\r\nContent-Length: " + body.length + "\r\n")
                + "\r\n";
        byte[] request = Arrays.copyOf(head.getBytes(StandardCharsets.ISO_8859_1), head.length() + body.length);
        System.arraycopy(body, 0, request, head.length(), body.length);
        socket.getOutputStream().write(request);
        return socket;
    }

    private static Socket connect(int port) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(30_000);
        return socket;
    }

    /** Reads from {@code in} until {@code marker} has arrived; false if the stream ended first. */
    public static boolean readUntil(InputStream in, String marker) throws IOException {
        StringBuilder seen = new StringBuilder();
        byte[] buffer = new byte[4096];
        for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
            seen.append(new String(buffer, 0, read, StandardCharsets.ISO_8859_1));
            if (seen.indexOf(marker) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** The middle value of {@code samples} (sorted in place). */
    public static long median(long[] samples) {
        Arrays.sort(samples);
        return samples[samples.length / 2];
    }
}
