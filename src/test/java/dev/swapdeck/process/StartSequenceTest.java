package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.logging.LogHub;
import dev.swapdeck.testing.TestModels;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The start sequence on its own, run on the test's thread against a real child. */
class StartSequenceTest {
    private final List<String> reported = new ArrayList<>();
    private Process child;
    private OutputPump pump;
    private boolean settledAtSpawn = true;

    @AfterEach
    void stopChild() {
        if (child != null) {
            child.destroyForcibly();
        }
    }

    @Test
    void thePumpIsSettledOnceTheChildIsHealthyNotBefore() {
        run(TestModels.model("quick").cmd(List.of("sh", "-c", "echo up; exec sleep 30")).noCheckEndpoint().build(),
                Optional.empty(), Duration.ofSeconds(5));

        assertEquals(List.of("spawned", "healthy"), reported);
        assertFalse(settledAtSpawn, "while it starts, every line wakes the health probe");
        assertTrue(pump.isSettled(), "once healthy, no one waits on its lines");
    }

    @Test
    void thePumpIsSettledWhenTheStartTimesOutToo() {
        ModelConfig config = TestModels.model("deaf").cmd(List.of("sh", "-c", "exec sleep 30")).build();
        HealthProbe nobody = new HealthProbe(URI.create("http://127.0.0.1:1/health"));
        run(config, Optional.of(nobody), Duration.ofMillis(200));

        assertEquals(List.of("spawned", "timedOut"), reported);
        assertTrue(pump.isSettled());
    }

    /**
     * The probe begun past the deadline gets an ordinary probe's time: a machine just resumed from a
     * pause answered its first request in more than the 250 ms that last look used to get, and the
     * start timed out against a server that had been healthy for seconds.
     */
    @Test
    void theLookPastTheDeadlineWaitsForASlowAnswer() throws Exception {
        try (ServerSocket slow = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread server = new Thread(() -> answerEachAfter(slow, Duration.ofMillis(400)));
            server.setDaemon(true);
            server.start();
            ModelConfig config = TestModels.model("slow").cmd(List.of("sh", "-c", "exec sleep 30")).build();
            HealthProbe probe = new HealthProbe(URI.create("http://127.0.0.1:" + slow.getLocalPort() + "/health"));
            run(config, Optional.of(probe), Duration.ofMillis(100));
        }

        assertEquals(List.of("spawned", "healthy"), reported);
    }

    /** Answers 200 to each connection after {@code delay}; one whose client gave up is passed over. */
    private static void answerEachAfter(ServerSocket listener, Duration delay) {
        while (!listener.isClosed()) {
            try (Socket client = listener.accept()) {
                Thread.sleep(delay.toMillis());
                client.getOutputStream().write("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.ISO_8859_1));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                // closed listener: the loop ends; a client that hung up: the next one
            }
        }
    }

    private void run(ModelConfig config, Optional<HealthProbe> probe, Duration timeout) {
        StartSequence.Reports reports = new StartSequence.Reports() {
            @Override
            public void spawned(Lifeline.Spawned spawned, OutputPump output) {
                child = spawned.process();
                pump = output;
                settledAtSpawn = output.isSettled();
                reported.add("spawned");
            }

            @Override
            public void spawnFailed(String message) {
                reported.add("spawnFailed " + message);
            }

            @Override
            public void notSpawned() {
                reported.add("notSpawned");
            }

            @Override
            public void healthy() {
                reported.add("healthy");
            }

            @Override
            public void timedOut(String lastTry) {
                reported.add("timedOut");
            }

            @Override
            public void failed(String message) {
                reported.add("failed " + message);
            }
        };
        new StartSequence(config, probe, timeout, Children.unrecorded(), new LogHub(new EventBus()), reports,
                (spawned, output) -> { }).run();
    }
}
