package dev.swapdeck.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP/1.1 written by hand over a socket, for what {@code java.net.http} refuses to send: a
 * {@code Host} header of the caller's choosing (a DNS-rebinding page's), or a request cut off halfway.
 */
final class RawHttp {
    private RawHttp() {
    }

    /** A response as received: its status and its whole text (status line, headers, body). */
    record Response(int status, String text) {
        boolean hasHeader(String name) {
            return text.toLowerCase().contains("\r\n" + name.toLowerCase() + ":");
        }
    }

    /** Sends {@code method path} with {@code host} and {@code extraHeaders} (each ending CRLF), reads until close. */
    static Response send(int port, String method, String path, String host, String extraHeaders) throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(20_000);
            String request = method + " " + path + " HTTP/1.1\r\nHost: " + host + "\r\n" + extraHeaders
                    + "Content-Length: 0\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            String text = readAll(socket.getInputStream());
            int status = Integer.parseInt(text.substring(9, 12));
            return new Response(status, text);
        }
    }

    static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) != -1; ) {
            out.write(buffer, 0, n);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
