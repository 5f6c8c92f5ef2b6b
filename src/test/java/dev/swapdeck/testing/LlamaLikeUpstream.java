package dev.swapdeck.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.StandardSocketOptions;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for llama.cpp's {@code llama-server} that behaves as it does on the wire, run as a child
 * process ({@code main}). It refuses connections until it listens ({@code --listen-after-ms}), answers
 * {@code /health} with {@code 503 Loading model} while it "loads" ({@code --load-ms}), then 200. Like
 * cpp-httplib it keeps connections alive (5 s idle, {@code --idle-timeout-ms}; 100 requests, then
 * {@code Connection: close}) and serves each open connection, idle or not, on one of a fixed number of
 * HTTP threads ({@code --threads-http}, by default llama-server's {@code max(parallel + 2, cores - 1)}
 * with {@code --parallel}, default 1): a connection beyond them waits until one closes or times out.
 * It prints a line for every request it answers, health checks included, as llama-server does.
 * Answers are generated in {@code --parallel} slots, each start logged as llama-server's
 * {@code launch_slot_with_task} logs it: a request beyond them holds its HTTP thread until
 * one frees. After a streamed answer it closes the connection, without having said so in its head,
 * as llama-server (cpp-httplib) does a fraction of a millisecond after the last chunk. A connection
 * accepted while {@code --max-open} others are open (default 1,020: llama-server's descriptors past
 * 1,023, which cpp-httplib's {@code select} cannot poll) is closed unread when a thread takes it up.
 * It binds with {@code SO_REUSEPORT}, as cpp-httplib does. It leaves TCP_NODELAY off and writes every
 * response head and body in separate writes, so a client that delays its ACKs waits ~40 ms per response
 * on a reused connection. Streams are chunked SSE, one write per chunk, ending with {@code data: [DONE]}.
 * Request fields: {@code stream}, {@code max_tokens} (chunks, default 4), and test-only
 * {@code demo_delay_ms} (the time each token after the first takes, streamed or not).
 */
public final class LlamaLikeUpstream {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_REQUESTS_PER_CONNECTION = 100;
    /** llama-server's {@code HTTP_POLLING_SECONDS}. */
    private static final long POLL_MILLIS = 1_000;

    private final long healthyAtNanos;
    private final int idleTimeoutMillis;
    /** The ids of the slots free to generate in. */
    private final BlockingQueue<Integer> slots;
    private final AtomicInteger tasks = new AtomicInteger();
    private final int maxOpen;
    /** Connections accepted and not yet closed. */
    private final AtomicInteger open = new AtomicInteger();

    private LlamaLikeUpstream(long healthyAtNanos, int idleTimeoutMillis, int parallel, int maxOpen) {
        this.healthyAtNanos = healthyAtNanos;
        this.idleTimeoutMillis = idleTimeoutMillis;
        this.slots = new ArrayBlockingQueue<>(parallel);
        for (int id = 0; id < parallel; id++) {
            slots.add(id);
        }
        this.maxOpen = maxOpen;
    }

    /** The command that runs this server as a child JVM from the test classpath. */
    public static List<String> argv(String... args) {
        List<String> argv = new ArrayList<>(List.of(DemoUpstreamCommand.java(), "-Xss256k", "-Xmx64m",
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
                LlamaLikeUpstream.class.getName()));
        argv.addAll(Arrays.asList(args));
        return argv;
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(option(args, "--port", "0"));
        Thread.sleep(Long.parseLong(option(args, "--listen-after-ms", "0")));
        long loadMillis = Long.parseLong(option(args, "--load-ms", "0"));
        int parallel = Integer.parseInt(option(args, "--parallel", "1"));
        int httpThreads = Integer.parseInt(option(args, "--threads-http",
                String.valueOf(Math.max(parallel + 2, Runtime.getRuntime().availableProcessors() - 1))));
        int idleTimeout = Integer.parseInt(option(args, "--idle-timeout-ms", "5000"));
        int maxOpen = Integer.parseInt(option(args, "--max-open", "1020"));
        ExecutorService workers = new ThreadPoolExecutor(httpThreads, httpThreads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), task -> {
                    Thread thread = new Thread(task, "http");
                    thread.setDaemon(true);
                    return thread;
                });
        // bound as cpp-httplib binds: with SO_REUSEPORT, so a second server can listen on the same port
        // beside it and the kernel shares the connections out between them
        try (ServerSocket server = new ServerSocket()) {
            server.setReuseAddress(true);
            server.setOption(StandardSocketOptions.SO_REUSEPORT, true);
            server.bind(new InetSocketAddress(InetAddress.getByName(option(args, "--host", "127.0.0.1")), port), 512);
            LlamaLikeUpstream upstream = new LlamaLikeUpstream(System.nanoTime() + loadMillis * 1_000_000, idleTimeout,
                    parallel, maxOpen);
            System.out.println("main: server is listening on http://127.0.0.1:" + server.getLocalPort()
                    + " - starting the main loop");
            System.out.flush();
            if (loadMillis > 0) {
                Thread announcer = new Thread(() -> upstream.announceLoaded(loadMillis), "loaded");
                announcer.setDaemon(true);
                announcer.start();
            }
            while (true) {
                Socket socket = server.accept();
                boolean unpollable = upstream.open.incrementAndGet() > maxOpen;
                workers.execute(() -> upstream.serve(socket, unpollable));
            }
        }
    }

    private void announceLoaded(long loadMillis) {
        try {
            Thread.sleep(loadMillis);
            System.out.println("main: model loaded");
            System.out.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void serve(Socket socket, boolean unpollable) {
        try {
            serveUntilClosed(socket, unpollable);
        } finally {
            open.decrementAndGet();
        }
    }

    private void serveUntilClosed(Socket socket, boolean unpollable) {
        try (socket) {
            if (unpollable) {
                return;
            }
            socket.setTcpNoDelay(false);
            socket.setSoTimeout(idleTimeoutMillis);
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int served = 1; ; served++) {
                HttpHead request = HttpHead.read(in);
                if (request == null) {
                    return;
                }
                byte[] body = in.readNBytes(request.contentLength());
                boolean last = served == MAX_REQUESTS_PER_CONNECTION || request.wantsClose();
                if (answer(request, body, socket, last) || last) {
                    return;
                }
            }
        } catch (IOException e) {
            // the client left or went quiet: close, as llama-server does
        }
    }

    /** Answers one request; true if the connection closes after it (a streamed answer). */
    private boolean answer(HttpHead request, byte[] body, Socket socket, boolean last) throws IOException {
        String connection = last ? "close" : "keep-alive";
        OutputStream out = socket.getOutputStream();
        if (request.path().startsWith("/v1/chat/completions") || request.path().startsWith("/v1/completions")) {
            int slot = takeSlot();
            System.out.println("slot launch_slot_: id  " + slot + " | task " + tasks.getAndIncrement() + " | processing task");
            System.out.flush();
            try {
                boolean streamed = complete(body, socket, connection);
                logRequest(request, 200);
                return streamed;
            } finally {
                slots.add(slot);
            }
        }
        if (request.path().startsWith("/health")) {
            boolean loading = System.nanoTime() < healthyAtNanos;
            send(out, loading ? "503 Service Unavailable" : "200 OK", connection, loading
                    ? "{\"error\":{\"code\":503,\"message\":\"Loading model\",\"type\":\"unavailable_error\"}}"
                    : "{\"status\":\"ok\"}");
            logRequest(request, loading ? 503 : 200);
        } else {
            send(out, "404 Not Found", connection, "{\"error\":{\"code\":404,\"message\":\"File Not Found\"}}");
            logRequest(request, 404);
        }
        return false;
    }

    private int takeSlot() {
        while (true) {
            try {
                return slots.take();
            } catch (InterruptedException e) {
                // an HTTP thread waits for a slot until one frees, as llama-server's do
            }
        }
    }

    /** One line per answered request, as llama-server's {@code log_server_request} prints it, health checks included. */
    private static void logRequest(HttpHead request, int status) {
        System.out.println("srv  log_server_r: request: " + request.method() + " " + request.path() + " 127.0.0.1 " + status);
        System.out.flush();
    }

    /** A completion, in a slot; true if it was streamed (and the connection closes after it). */
    private static boolean complete(byte[] body, Socket socket, String connection) throws IOException {
        OutputStream out = socket.getOutputStream();
        JsonNode json = JSON.readTree(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body);
        int tokens = json.path("max_tokens").asInt(4);
        long gapMillis = json.path("demo_delay_ms").asLong(0);
        String model = json.path("model").asText("llama");
        if (json.path("stream").asBoolean(false)) {
            stream(socket, connection, model, tokens, gapMillis);
            return true;
        }
        generate(socket, gapMillis * Math.max(0, tokens - 1));
        send(out, "200 OK", connection, "{\"object\":\"chat.completion\",\"model\":\"" + model
                + "\",\"choices\":[{\"index\":0,\"finish_reason\":\"length\",\"message\":{\"role\":\"assistant\","
                + "\"content\":\"" + "tok ".repeat(tokens).trim() + "\"}}]}");
        return false;
    }

    /** Head and body in two writes, as cpp-httplib does. */
    private static void send(OutputStream out, String status, String connection, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        out.write(("HTTP/1.1 " + status + "\r\nConnection: " + connection + "\r\nContent-Length: " + bytes.length
                + "\r\nContent-Type: application/json; charset=utf-8\r\nServer: llama.cpp\r\n\r\n")
                .getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
    }

    private static void stream(Socket socket, String connection, String model, int tokens, long gapMillis)
            throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(("HTTP/1.1 200 OK\r\nConnection: " + connection + "\r\nContent-Type: text/event-stream\r\n"
                + "Server: llama.cpp\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        for (int i = 0; i < tokens; i++) {
            if (i > 0) {
                generate(socket, gapMillis);
            }
            chunk(out, "data: {\"object\":\"chat.completion.chunk\",\"model\":\"" + model
                    + "\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"tok" + i + " \"}}]}\n\n");
        }
        chunk(out, "data: [DONE]\n\n");
        out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void chunk(OutputStream out, String event) throws IOException {
        byte[] data = event.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(data.length + 16);
        chunk.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
        chunk.write(data);
        chunk.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
        out.write(chunk.toByteArray());
    }

    /**
     * Spends {@code millis} generating. Like llama-server, which waits for each result at most
     * {@link #POLL_MILLIS} and then asks whether the client's connection closed, it gives the slot up
     * within that time of a client leaving, not when it next writes.
     */
    private static void generate(Socket socket, long millis) throws IOException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        for (long left = millis; left > 0; left = TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())) {
            try {
                Thread.sleep(Math.min(left, POLL_MILLIS));
            } catch (InterruptedException e) {
                throw new IOException("interrupted", e);
            }
            if (closedByClient(socket)) {
                throw new IOException("the client left");
            }
        }
    }

    /** Whether the client closed its side (a read at once sees the end); what it reads is dropped. */
    private static boolean closedByClient(Socket socket) throws IOException {
        int timeout = socket.getSoTimeout();
        socket.setSoTimeout(1);
        try {
            return socket.getInputStream().read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } finally {
            socket.setSoTimeout(timeout);
        }
    }

    private static String option(String[] args, String name, String fallback) {
        for (int i = 0; i + 1 < args.length; i++) {
            if (args[i].equals(name)) {
                return args[i + 1];
            }
        }
        return fallback;
    }

    /** A request's line and the headers this server looks at. */
    record HttpHead(String method, String path, int contentLength, boolean wantsClose) {
        /** Reads one request head; null at a clean end of stream before it. */
        static HttpHead read(InputStream in) throws IOException {
            String line = line(in);
            if (line == null) {
                return null;
            }
            String[] parts = line.split(" ");
            int length = 0;
            boolean close = false;
            for (String header = line(in); header != null && !header.isEmpty(); header = line(in)) {
                String lower = header.toLowerCase(Locale.ROOT);
                if (lower.startsWith("content-length:")) {
                    length = Integer.parseInt(lower.substring(15).trim());
                } else if (lower.startsWith("connection:") && lower.contains("close")) {
                    close = true;
                }
            }
            return new HttpHead(parts[0], parts.length > 1 ? parts[1] : "/", length, close);
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder text = new StringBuilder();
            for (int b = in.read(); b >= 0; b = in.read()) {
                if (b == '\n') {
                    int end = text.length();
                    return end > 0 && text.charAt(end - 1) == '\r' ? text.substring(0, end - 1) : text.toString();
                }
                text.append((char) b);
            }
            return text.length() == 0 ? null : text.toString();
        }
    }
}
