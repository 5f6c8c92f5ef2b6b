package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.RawHttp;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UpstreamConnectionReuseTest {
    private static final int REQUESTS = 24;
    private static final long SPACING_MILLIS = 2 * TimeUnit.NANOSECONDS.toMillis(IdleConnections.SPARE_NANOS);

    /**
     * curl, scripts and some chat apps open a connection per request, and the server hands each one
     * to an IO thread at random. Each IO thread keeps its own connection to the model's server, so
     * such requests still go out on kept connections: no connect per request, and at llama-server no
     * accept per request. With one kept connection for the whole pool, every request that landed on
     * the other IO thread opened a new one, and the one kept was closed 5 ms later (about half of them,
     * with the requests spaced as a person's chats are, further apart than those 5 ms).
     */
    @Test
    void aClientThatOpensAConnectionPerRequestStillGetsKeptUpstreamConnections() throws Exception {
        try (ProxyFixture proxy = new ProxyFixture()) {
            int port = proxy.base.getPort();
            for (int i = 0; i < REQUESTS; i++) {
                String answer = RawHttp.fresh(port, "POST", "/v1/chat/completions", "{\"model\":\"alpha\"}");
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                Thread.sleep(SPACING_MILLIS);
            }
            Set<Integer> upstreamConnections = new HashSet<>();
            for (int i = 0; i < REQUESTS; i++) {
                upstreamConnections.add(proxy.upstream.next().clientPort());
            }
            assertTrue(upstreamConnections.size() <= ProxyOptions.DEFAULT_IO_THREADS, REQUESTS
                    + " requests on fresh client connections went out on " + upstreamConnections.size()
                    + " upstream connections, more than one per IO thread");
        }
    }
}
