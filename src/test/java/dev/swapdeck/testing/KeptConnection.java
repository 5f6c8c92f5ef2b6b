package dev.swapdeck.testing;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A keep-alive HTTP/1.1 client on one raw socket, POSTing JSON and reading answers framed by
 * Content-Length. {@code nagle}: TCP_NODELAY off and the head and body sent in two writes, as a
 * client library that writes them apart does; otherwise TCP_NODELAY on and one write. Unlike the
 * JDK's client, whose pool can close a connection it has just handed to the next request (JDK-8338569:
 * "header parser received no bytes" under many fast requests), an error here is the server's doing.
 */
public final class KeptConnection implements AutoCloseable {
    private final Socket socket;
    private final InputStream in;
    private final boolean nagle;
    private final int port;

    public KeptConnection(int port, boolean nagle) throws IOException {
        this.port = port;
        this.nagle = nagle;
        socket = new Socket(InetAddress.getLoopbackAddress(), port);
        socket.setTcpNoDelay(!nagle);
        socket.setSoTimeout(10_000);
        in = new BufferedInputStream(socket.getInputStream());
    }

    /** POSTs {@code json} to {@code path}; returns the answer's status line, body read in full. */
    public String post(String path, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        OutputStream out = socket.getOutputStream();
        if (nagle) {
            out.write(head);
            out.write(body);
        } else {
            byte[] whole = new byte[head.length + body.length];
            System.arraycopy(head, 0, whole, 0, head.length);
            System.arraycopy(body, 0, whole, head.length, body.length);
            out.write(whole);
        }
        return readAnswer(in);
    }

    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream headBytes = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("the connection closed mid-answer: " + headBytes);
            }
            headBytes.write(b);
            matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : b == '\r' ? 1 : 0;
        }
        String head = headBytes.toString(StandardCharsets.ISO_8859_1);
        long length = -1;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        if (length < 0) {
            throw new IOException("no Content-Length in " + head);
        }
        for (long left = length; left > 0; left--) {
            if (in.read() < 0) {
                throw new IOException("the body ended early");
            }
        }
        return head.substring(0, head.indexOf("\r\n"));
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
