package dev.swapdeck.process;

import dev.swapdeck.config.UpstreamAddress;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.StandardSocketOptions;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.regex.Pattern;
import javax.net.ssl.SSLException;

/**
 * One GET of {@code proxy + checkEndpoint}, healthy on 200 only (llama-server answers 503 while it
 * loads). Blocking; interruptible (an interrupted probe is abandoned at once). One start's thread uses it.
 *
 * <p>A plain-http endpoint gets a tiny raw HTTP/1.1 request on a fresh connection each time, and only
 * the status line is read. A reused keep-alive connection would make every probe after the first wait
 * ~40 ms: llama-server writes head and body separately without TCP_NODELAY, and the second write waits
 * for an ACK the client delays. A fresh loopback connection costs ~0.1 ms and ACKs at once. https
 * endpoints (remote servers) go through {@link HttpClient}.
 */
final class HealthProbe {
    private static final Pattern TRAILING_SLASHES = Pattern.compile("/+$");
    static final Duration MAX_REQUEST_TIME = Duration.ofSeconds(2);
    private static final int STATUS_LINE_PREFIX = "HTTP/1.1 200".length();
    private static final int DRAIN_BUFFER = 4096;
    private static final int DRAIN_LIMIT = 64 * 1024;
    /** How long a probe waits for the rest of an answer it has begun to read before it closes the connection. */
    static final long DRAIN_NANOS = Duration.ofMillis(50).toNanos();
    /** Reads the rest of each start's 200 after readiness is reported: once per start, one thread for all. */
    private static final Executor DRAINER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "swapdeck-probe-drain");
        thread.setDaemon(true);
        return thread;
    });

    private final URI uri;
    private final byte[] rawRequest;
    private boolean answered;
    /** The endpoint's address that last took a probe, tried first by the next. */
    private int answering;
    private static final String NOTHING_YET = "none yet";
    private String outcome = NOTHING_YET;

    HealthProbe(URI uri) {
        this.uri = uri;
        this.rawRequest = "http".equalsIgnoreCase(uri.getScheme()) ? rawRequest(uri) : null;
    }

    /** {@code proxy} and {@code checkEndpoint} joined as llama-swap does: by concatenation. */
    static URI target(URI proxy, String checkEndpoint) {
        String base = TRAILING_SLASHES.matcher(proxy.toString()).replaceAll("");
        return URI.create(base + (checkEndpoint.startsWith("/") ? "" : "/") + checkEndpoint);
    }

    /**
     * The client for endpoints a raw request cannot reach ({@code https}), made at the first such
     * probe and shared by all: a client starts a selector thread at once and Java 17 cannot close it,
     * so one per model start left a thread and two descriptors behind each until a full GC.
     */
    private static final class Client {
        static final HttpClient SHARED = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1))
                .build();
    }

    URI uri() {
        return uri;
    }

    /** What the last {@link #healthy} call met, for a timeout's message: "answered 503", "connection refused". */
    String outcome() {
        return outcome;
    }

    /** Whether the last {@link #healthy} call got an HTTP answer, 200 or not: something listens. */
    boolean answered() {
        return answered;
    }

    /** True when the endpoint answered 200 within {@code budget} (at most two seconds). */
    boolean healthy(Duration budget) throws InterruptedException {
        answered = false;
        Duration timeout = budget.compareTo(MAX_REQUEST_TIME) < 0 ? budget : MAX_REQUEST_TIME;
        return rawRequest != null ? rawProbe(timeout) : clientProbe(timeout);
    }

    private boolean rawProbe(Duration timeout) throws InterruptedException {
        int millis = (int) Math.max(1, timeout.toMillis());
        SocketChannel channel = null;
        boolean handedOn = false;
        try {
            channel = connected(millis);
            Socket socket = channel.socket();
            socket.setSoTimeout(millis);
            channel.write(ByteBuffer.wrap(rawRequest));
            InputStream in = socket.getInputStream();
            String status = statusLine(in);
            answered = status.startsWith("HTTP/1.");
            outcome = answered ? "answered " + status.substring("HTTP/1.1 ".length()).trim()
                    : status.isEmpty() ? "the connection closed without an answer" : "an answer that is not HTTP";
            socket.setSoTimeout((int) Duration.ofNanos(DRAIN_NANOS).toMillis());
            if (answered && status.endsWith(" 200")) {
                // readiness is not kept waiting for the rest of the answer, nor is the answer cut
                DRAINER.execute(drainThenClose(channel, in));
                handedOn = true;
                return true;
            }
            try {
                drain(in);
            } catch (IOException e) {
                // the rest of the answer did not come in time: answered all the same
            }
            return false;
        } catch (IOException e) {
            if (Thread.interrupted()) {
                throw new InterruptedException("health probe of " + uri + " interrupted");
            }
            met(e, timeout);
            return false;
        } finally {
            if (!handedOn && channel != null) {
                closeQuietly(channel);
            }
        }
    }

    /**
     * A new connection to the endpoint: to each of its addresses in turn while they refuse, from the one
     * that last took a probe ({@link UpstreamAddress#candidates}: a server told {@code localhost} may
     * listen on {@code ::1} alone). Resolved for each probe: a container's name may resolve only once
     * it runs.
     */
    private SocketChannel connected(int millis) throws IOException {
        List<InetSocketAddress> candidates = UpstreamAddress.candidates(uri);
        ConnectException refused = null;
        for (int tried = 0; tried < candidates.size(); tried++) {
            int at = (answering + tried) % candidates.size();
            SocketChannel channel = SocketChannel.open();
            try {
                channel.socket().setTcpNoDelay(true);
                channel.socket().connect(candidates.get(at), millis);
                answering = at;
                return channel;
            } catch (ConnectException e) {
                refused = e;
                closeQuietly(channel);
            } catch (IOException | RuntimeException e) {
                closeQuietly(channel);
                throw e;
            }
        }
        throw refused;
    }

    private static Runnable drainThenClose(SocketChannel channel, InputStream in) {
        return () -> {
            try {
                drain(in);
            } catch (IOException e) {
                // it hung up or went quiet: close all the same
            } finally {
                closeQuietly(channel);
            }
        };
    }

    /**
     * Closes with a reset. The server has closed first once its answer is read (the request asked it
     * to), and a plain close would leave its side in TIME_WAIT on the model's port for a minute, where
     * a server that binds without SO_REUSEADDR then cannot start; answered with a reset, it leaves none.
     */
    private static void closeQuietly(SocketChannel channel) {
        try {
            if (channel.isConnected()) {
                channel.setOption(StandardSocketOptions.SO_LINGER, 0);
            }
            channel.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** Reads just enough of the answer to see its status, "HTTP/1.x 200"; shorter if the server hung up. */
    private static String statusLine(InputStream in) throws IOException {
        byte[] head = new byte[STATUS_LINE_PREFIX];
        int filled = 0;
        while (filled < head.length) {
            int read = in.read(head, filled, head.length - filled);
            if (read < 0) {
                break;
            }
            filled += read;
        }
        return new String(head, 0, filled, StandardCharsets.ISO_8859_1);
    }

    /**
     * Reads an answer to its end (the request asked the server to close) before closing:
     * closing with its body unread resets the connection, and a server that is still writing it
     * logs the reset as an error on every probe while it loads. Bounded in bytes and in time.
     */
    private static void drain(InputStream in) throws IOException {
        byte[] sink = new byte[DRAIN_BUFFER];
        long until = System.nanoTime() + DRAIN_NANOS;
        for (int total = 0; total < DRAIN_LIMIT && System.nanoTime() < until; ) {
            int read = in.read(sink);
            if (read < 0) {
                return;
            }
            total += read;
        }
    }

    private boolean clientProbe(Duration timeout) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout.plusMillis(20)).GET().build();
        try {
            int status = Client.SHARED.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            answered = true;
            outcome = "answered " + status;
            return status == 200;
        } catch (IOException e) {
            met(e, timeout);
            return false;
        }
    }

    private static byte[] rawRequest(URI uri) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return ("GET " + path + query + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
                + "\r\nAccept: */*\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /**
     * Keeps what a failed probe met for {@link #outcome}, unless it only ran out of a budget the start's
     * deadline had cut short: the last probe before a timeout often does, and "no answer in time" would
     * then hide what every probe before it met.
     */
    private void met(IOException e, Duration timeout) {
        boolean timedOut = e instanceof SocketTimeoutException || e instanceof HttpTimeoutException;
        if (!timedOut || timeout.compareTo(MAX_REQUEST_TIME) >= 0 || outcome.equals(NOTHING_YET)) {
            outcome = describe(e);
        }
    }

    /** An IOException as a person reads it: the JDK's messages name a class or only a host. */
    private String describe(IOException e) {
        if (e instanceof ConnectException) {
            return "connection refused (nothing listens on " + UpstreamAddress.host(uri) + ":" + UpstreamAddress.port(uri) + ")";
        }
        if (e instanceof UnknownHostException) {
            return "unknown host " + UpstreamAddress.host(uri);
        }
        if (e instanceof SocketTimeoutException || e instanceof HttpTimeoutException) {
            return "no answer in time";
        }
        if (e instanceof SSLException) {
            return "TLS failed: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": " + e.getMessage();
    }
}
