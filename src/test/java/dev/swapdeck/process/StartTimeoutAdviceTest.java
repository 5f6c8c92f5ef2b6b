package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.FreePorts;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import org.junit.jupiter.api.Test;

/** The advice of a start that timed out, against real listening sockets of this JVM and of a child. */
class StartTimeoutAdviceTest {
    private static final String USUAL = "a server that loads longer needs a larger healthCheckTimeout; one that answers "
            + "elsewhere, another checkEndpoint";

    @Test
    void aServerListeningOnAnotherPortThanProxyIsToldToMakeThemAgree() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI proxy = URI.create("http://127.0.0.1:" + FreePorts.loopback());
            String advice = StartTimeoutAdvice.of(ProcessHandle.current(), proxy, false);
            assertTrue(advice.startsWith("its server listens on "), advice);
            assertTrue(advice.contains("127.0.0.1:" + server.getLocalPort()), advice);
            assertTrue(advice.endsWith(", where proxy (" + proxy + ") does not reach: make cmd's --port and proxy's"
                    + " port agree (${PORT} in both)"), advice);
        }
    }

    @Test
    void aServerListeningWhereProxyPointsOrNowhereGetsTheUsualAdvice() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI proxy = URI.create("http://127.0.0.1:" + server.getLocalPort());
            assertEquals(USUAL, StartTimeoutAdvice.of(ProcessHandle.current(), proxy, false), "it listens there too");
        }
        Process sleeping = new ProcessBuilder("sleep", "30").start();
        try {
            assertEquals(USUAL, StartTimeoutAdvice.of(sleeping.toHandle(),
                    URI.create("http://127.0.0.1:" + FreePorts.loopback()), false), "still loading: listens nowhere");
        } finally {
            sleeping.destroyForcibly();
        }
    }

    @Test
    void aPathInProxyThatTheHealthCheckMetAsA404IsNamed() {
        assertEquals("proxy has a path (/v1), which every request's path is added to (/v1/v1/chat/completions), the "
                + "health check's too: write proxy as scheme, host and port only",
                StartTimeoutAdvice.of(ProcessHandle.current(), URI.create("http://127.0.0.1:8080/v1"), true));
    }
}
