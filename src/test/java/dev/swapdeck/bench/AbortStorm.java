package dev.swapdeck.bench;

import dev.swapdeck.testing.KeptConnection;
import dev.swapdeck.testing.RawHttp;
import java.io.IOException;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Figure 10: other clients' aborts must never fail an innocent request. Three clients abort 1,000
 * streamed requests between them (half after the first chunk, half right after sending), while six
 * clients send 3,000 ordinary requests to the same model, each on its own kept connection; every
 * innocent answer must be a 200. The innocents are raw keep-alive clients ({@link KeptConnection}),
 * not the JDK's, whose pool can close a connection under its next request (JDK-8338569).
 */
final class AbortStorm {
    private static final int ABORTS = 1000;
    private static final int INNOCENTS = 3000;

    private final SwapdeckUnderTest swapdeck;

    AbortStorm(SwapdeckUnderTest swapdeck) {
        this.swapdeck = swapdeck;
    }

    /** Counts an innocent request that failed and prints the first few, so that a failure says what it was. */
    private static void failed(AtomicInteger failed, String what) {
        if (failed.incrementAndGet() <= 5) {
            System.out.println("  innocent request failed: " + what);
        }
    }

    void run(Results results) throws Exception {
        System.out.println("abort storm: " + ABORTS + " aborts among " + INNOCENTS + " innocent requests");
        AtomicInteger failed = new AtomicInteger();
        AtomicInteger aborted = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(9);
        List<Future<?>> all = new ArrayList<>();
        String stream = "{\"model\":\"" + Bench.FAST + "\",\"stream\":true,\"max_tokens\":40,\"demo_delay_ms\":2}";
        for (int a = 0; a < 3; a++) {
            boolean midStream = a != 1;
            all.add(pool.submit(() -> {
                while (aborted.incrementAndGet() <= ABORTS) {
                    try (Socket socket = RawHttp.open(swapdeck.port, "POST", "/v1/chat/completions", stream, false)) {
                        if (midStream) {
                            RawHttp.readUntil(socket.getInputStream(), "data: ");
                        }
                    }
                }
                return null;
            }));
        }
        for (int t = 0; t < 6; t++) {
            all.add(pool.submit(() -> {
                KeptConnection connection = new KeptConnection(swapdeck.port, false);
                for (int i = 0; i < INNOCENTS / 6; i++) {
                    try {
                        String status = connection.post("/v1/chat/completions", ProxyOverhead.BODY);
                        if (!status.startsWith("HTTP/1.1 200 ")) {
                            failed(failed, status);
                        }
                    } catch (IOException e) {
                        failed(failed, e.toString());
                        connection.close();
                        connection = new KeptConnection(swapdeck.port, false);
                    }
                }
                connection.close();
                return null;
            }));
        }
        for (Future<?> future : all) {
            future.get();
        }
        pool.shutdown();
        results.add("10. innocent requests failed during " + ABORTS + " concurrent aborts", "—",
                failed.get() + " of " + INNOCENTS, "—", "0", failed.get() == 0);
    }
}
