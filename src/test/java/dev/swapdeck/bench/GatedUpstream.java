package dev.swapdeck.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Executors;

/**
 * A tiny upstream whose healthy moment is known to the microsecond, for the readiness figure: its
 * {@code /health} answers 503 until the wall-clock time (epoch microseconds) written in the gate file
 * has passed. The demo upstream's delay counts from a moment it only announces afterwards (a cold
 * JVM's first print can lag by tens of milliseconds), which is too coarse here. Every other request
 * is answered 200 and printed as {@code request at <epoch micros>}, stamped as it arrives.
 *
 * <p>Usage: {@code GatedUpstream PORT GATE_FILE}.
 */
public final class GatedUpstream {
    static final String REQUEST_LINE = "request at ";

    private GatedUpstream() {
    }

    public static void main(String[] args) throws IOException {
        System.setProperty("sun.net.httpserver.nodelay", "true");
        int port = Integer.parseInt(args[0]);
        Path gate = Path.of(args[1]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 128);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", exchange -> {
            long arrived = epochMicros();
            try (exchange) {
                if ("/health".equals(exchange.getRequestURI().getPath())) {
                    answer(exchange, arrived >= healthyAt(gate) ? 200 : 503);
                } else {
                    try (InputStream in = exchange.getRequestBody()) {
                        in.readAllBytes();
                    }
                    System.out.println(REQUEST_LINE + arrived);
                    answer(exchange, 200);
                }
            }
        });
        server.start();
        System.out.println("listening on http://127.0.0.1:" + port);
    }

    private static long healthyAt(Path gate) {
        try {
            return Long.parseLong(Files.readString(gate).trim());
        } catch (IOException | NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static void answer(HttpExchange exchange, int status) throws IOException {
        byte[] body = ("{\"status\":" + status + "}").getBytes(StandardCharsets.US_ASCII);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    static long epochMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000L;
    }
}
