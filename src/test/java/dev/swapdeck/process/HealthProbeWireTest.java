package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.FreePorts;
import dev.swapdeck.testing.LlamaLikeUpstream;
import dev.swapdeck.testing.RawHttp;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Health probes against a server that behaves as llama-server does on the wire (head and body in
 * separate writes, no TCP_NODELAY, keep-alive): every probe costs about what a fresh connection costs,
 * never a delayed ACK (~40 ms) per probe. Compared within one run, as a ratio.
 */
class HealthProbeWireTest {
    private static final int SAMPLES = 15;

    @Test
    void everyProbeCostsAboutAFreshConnectionNotADelayedAck() throws Exception {
        int port = FreePorts.loopback();
        Process server = start(port, "--load-ms", "1500");
        try {
            HealthProbe probe = new HealthProbe(URI.create("http://127.0.0.1:" + port + "/health"));
            assertFalse(probe.healthy(Duration.ofSeconds(2)), "503 Loading model is not healthy");
            Await.until("healthy after loading", Duration.ofSeconds(20), () -> healthy(probe));
            long[] probes = new long[SAMPLES];
            long[] fresh = new long[SAMPLES];
            for (int i = 0; i < SAMPLES; i++) {
                long start = System.nanoTime();
                assertTrue(probe.healthy(Duration.ofSeconds(2)));
                probes[i] = System.nanoTime() - start;
                start = System.nanoTime();
                assertTrue(RawHttp.fresh(port, "GET", "/health", null).startsWith("HTTP/1.1 200"));
                fresh[i] = System.nanoTime() - start;
            }
            long probeMedian = RawHttp.median(probes);
            long freshMedian = RawHttp.median(fresh);
            assertTrue(probeMedian <= 10 * freshMedian, "a probe took " + probeMedian / 1000 + " µs (median), "
                    + "a request on a fresh connection " + freshMedian / 1000 + " µs");
        } finally {
            server.destroyForcibly().waitFor();
        }
    }

    @Test
    void aServerNotYetListeningIsNotHealthy() throws Exception {
        HealthProbe probe = new HealthProbe(
                URI.create("http://127.0.0.1:" + FreePorts.loopback() + "/health"));
        assertFalse(probe.healthy(Duration.ofSeconds(1)));
    }

    /** A server still writing its "loading" answer is not reset by the probe (it would log an error each time). */
    @Test
    void aNotYetAnswerIsReadToItsEndNotReset() throws Exception {
        assertAnswerReadToItsEnd("503 Service Unavailable", false);
    }

    /** Nor is its 200: the reset's traceback in the server's output became a model's "last output". */
    @Test
    void theHealthyAnswerIsReadToItsEndTooAfterReadinessIsReported() throws Exception {
        assertAnswerReadToItsEnd("200 OK", true);
    }

    /** The last probe before a start's deadline has little time: its timeout must not hide what the others met. */
    @Test
    void aProbeCutShortByTheDeadlineKeepsWhatTheProbesBeforeItMet() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread answering = new Thread(() -> {
                try (Socket first = server.accept()) {
                    first.getInputStream().read(new byte[4096]);
                    first.getOutputStream().write("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\n\r\n"
                            .getBytes(StandardCharsets.ISO_8859_1));
                    try (Socket second = server.accept()) {
                        second.getInputStream().read(new byte[4096]); // and no answer
                        Thread.sleep(2_000);
                    }
                } catch (Exception e) {
                    // the test is over
                }
            });
            answering.setDaemon(true);
            answering.start();
            HealthProbe probe = new HealthProbe(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/health"));
            assertFalse(probe.healthy(Duration.ofSeconds(2)));
            assertTrue(probe.outcome().startsWith("answered 503"), probe.outcome());

            assertFalse(probe.healthy(Duration.ofMillis(200)));
            assertTrue(probe.outcome().startsWith("answered 503"), probe.outcome());
        }
    }

    /**
     * The server writes the head, then the body in two more writes a few milliseconds apart, and reports
     * whether a write met a reset. A try whose own pacing outlasted the probe's wait for the rest (a
     * loaded machine's sleeps can) tests nothing and is made again; the first try whose pacing stayed
     * inside that wait decides.
     */
    private static void assertAnswerReadToItsEnd(String status, boolean healthy) throws Exception {
        for (int attempt = 1; ; attempt++) {
            AtomicReference<Throwable> serverSaw = new AtomicReference<>();
            long paced = answerOnce(status, healthy, serverSaw);
            if (paced <= HealthProbe.DRAIN_NANOS * 3 / 4 || attempt == 5) {
                assertTrue(paced <= HealthProbe.DRAIN_NANOS * 3 / 4, "the server's writes took " + paced / 1_000_000
                        + " ms in each of 5 tries, past the probe's wait for them: this machine is too loaded to tell");
                assertNull(serverSaw.get(), "the server's writes met no reset");
                return;
            }
        }
    }

    /** One probe of a server that answers {@code status} in three writes; returns how long the writes took. */
    private static long answerOnce(String status, boolean healthy, AtomicReference<Throwable> serverSaw) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            long[] paced = new long[1];
            Thread answering = new Thread(() -> {
                try (Socket client = server.accept()) {
                    client.getInputStream().read(new byte[4096]);
                    OutputStream out = client.getOutputStream();
                    long head = System.nanoTime();
                    try {
                        out.write(("HTTP/1.1 " + status + "\r\nContent-Length: 31\r\nConnection: close\r\n\r\n")
                                .getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        // llama-server writes the body separately
                        Thread.sleep(5);
                        out.write("{\"error\":\"Loading model\"}\n\n\n\n\n".getBytes(StandardCharsets.ISO_8859_1));
                        out.flush();
                        Thread.sleep(5);
                        out.write('\n');
                        out.flush();
                    } finally {
                        paced[0] = System.nanoTime() - head;
                    }
                } catch (Exception e) {
                    serverSaw.set(e);
                }
            });
            answering.start();
            HealthProbe probe = new HealthProbe(
                    URI.create("http://127.0.0.1:" + server.getLocalPort() + "/health"));
            assertEquals(healthy, probe.healthy(Duration.ofSeconds(2)));
            answering.join(5000);
            return paced[0];
        }
    }

    private static boolean healthy(HealthProbe probe) {
        try {
            return probe.healthy(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Process start(int port, String... args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "--port";
        all[1] = String.valueOf(port);
        System.arraycopy(args, 0, all, 2, args.length);
        Process process = new ProcessBuilder(LlamaLikeUpstream.argv(all)).redirectErrorStream(true).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        for (String line = out.readLine(); line != null; line = out.readLine()) {
            if (line.contains("listening")) {
                return process;
            }
        }
        throw new AssertionError("the llama-like upstream exited before listening");
    }
}
