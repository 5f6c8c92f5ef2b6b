package dev.swapdeck;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The requests {@link LaunchTraining} sends once the window shows, so that the classes their path
 * loads (parsing, routing, starting a model, forwarding, streaming, recording, metrics, and the
 * window's Activity rows) are in the class-data archive too: a person's first chats then map them
 * instead of loading them from the jar. Raw sockets, one request per connection, so the trainer
 * itself adds no HTTP client to the list; but no {@code Connection: close}, since a chat app keeps its
 * connection and so gets a stream chunked (with {@code close}, the answer ends with the connection
 * instead, and the first stream after a launch loaded Undertow's chunked encoder from the jar). Each
 * call fails loudly if the answer is not a 200.
 */
final class TrainingRequests {
    private static final String CONTENT_LENGTH = "\r\ncontent-length:";
    private static final int READ_TIMEOUT_MILLIS = 30_000;
    private static final String CHAT = "{\"model\":\"fast\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}]%s}";

    private final int port;

    TrainingRequests(int port) {
        this.port = port;
    }

    /** A chat (which starts the demo model), a streamed chat, the model list, health and metrics; then the model is stopped. */
    void run() throws IOException {
        send("POST", "/v1/chat/completions", String.format(CHAT, ""));
        send("POST", "/v1/chat/completions", String.format(CHAT, ",\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        send("GET", "/v1/models", null);
        send("GET", "/health", null);
        send("GET", "/metrics", null);
        send("POST", "/api/models/unload/demo-fast", "");
    }

    private void send(String method, String path, String body) throws IOException {
        byte[] content = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + content.length + "\r\n")
                + "\r\n";
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            // the connection stays open after the answer: an answer this reader misframes fails, not hangs the build
            socket.setSoTimeout(READ_TIMEOUT_MILLIS);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            String answer = readAnswer(socket.getInputStream());
            if (!answer.startsWith("HTTP/1.1 200")) {
                throw new IOException(method + " " + path + " answered: " + answer.lines().findFirst().orElse("nothing"));
            }
        }
    }

    /** One answer, read up to its declared length or its last chunk, without waiting for the server to close. */
    private static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
            all.write(buffer, 0, read);
            if (complete(all.toString(StandardCharsets.ISO_8859_1))) {
                break;
            }
        }
        return all.toString(StandardCharsets.UTF_8);
    }

    private static boolean complete(String received) {
        int headEnd = received.indexOf("\r\n\r\n");
        if (headEnd < 0) {
            return false;
        }
        String head = received.substring(0, headEnd).toLowerCase(Locale.ROOT);
        int at = head.indexOf(CONTENT_LENGTH);
        if (at >= 0) {
            int from = at + CONTENT_LENGTH.length();
            int to = head.indexOf("\r\n", from);
            int declared = Integer.parseInt(head.substring(from, to < 0 ? head.length() : to).trim());
            return received.length() - headEnd - 4 >= declared;
        }
        return head.contains("transfer-encoding: chunked") && received.endsWith("\r\n0\r\n\r\n");
    }
}
