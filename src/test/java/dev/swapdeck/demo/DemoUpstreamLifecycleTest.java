package dev.swapdeck.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.DemoUpstreamCommand;
import dev.swapdeck.testing.RunningDemoUpstream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The demo upstream's start-up, health, crash and signal behaviour: one child JVM per test. */
class DemoUpstreamLifecycleTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void healthAnswers503WhileLoadingThen200() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--health-delay-ms", "800")) {
            HttpResponse<String> loading = health(upstream);
            assertEquals(503, loading.statusCode());
            assertTrue(loading.body().contains("loading model"));
            Await.until("health to turn 200", PATIENCE, () -> health(upstream).statusCode() == 200);
        }
    }

    @Test
    void neverHealthyStaysLoading() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--never-healthy")) {
            Thread.sleep(200);
            assertEquals(503, health(upstream).statusCode());
        }
    }

    @Test
    void exitAfterCrashesWithCode3OnceTheAnswersAreOut() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--exit-after", "2")) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = http.send(
                        HttpRequest.newBuilder(upstream.uri("/v1/chat/completions"))
                                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"m\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                assertEquals(200, response.statusCode());
            }
            assertTrue(upstream.process().waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(3, upstream.process().exitValue());
        }
    }

    @Test
    void exitAtStartExitsWithTheCodeBeforeListening() throws Exception {
        Process process = new ProcessBuilder(DemoUpstreamCommand.argv("--exit-at-start", "7"))
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
        assertEquals(7, process.exitValue());
        assertTrue(output.contains("code 7") && !output.contains("listening"), output);
    }

    @Test
    void sigtermPrintsShuttingDownAndExitsZero() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--startup-lines", "3")) {
            List<String> lines = upstream.lines();
            assertEquals(4, lines.size(), lines::toString);
            assertTrue(lines.get(0).startsWith("startup"));
            upstream.sigterm();
            assertTrue(upstream.process().waitFor(PATIENCE.toMillis(), TimeUnit.MILLISECONDS));
            assertEquals(0, upstream.process().exitValue());
            upstream.awaitLine("shutting down"::equals, PATIENCE);
        }
    }

    @Test
    void ignoreSigtermKeepsServing() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--ignore-sigterm")) {
            upstream.sigterm();
            upstream.awaitLine(line -> line.contains("ignoring SIGTERM"), PATIENCE);
            assertEquals(200, health(upstream).statusCode());
            assertTrue(upstream.process().isAlive());
        }
    }

    @Test
    void logRatePrintsLinesContinuously() throws Exception {
        try (RunningDemoUpstream upstream = RunningDemoUpstream.start("--log-rate", "500")) {
            Await.until("a hundred flood lines", PATIENCE,
                    () -> upstream.lines().stream().filter(l -> l.startsWith("flood line")).count() >= 100);
        }
    }

    private HttpResponse<String> health(RunningDemoUpstream upstream) {
        try {
            return http.send(HttpRequest.newBuilder(upstream.uri("/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
