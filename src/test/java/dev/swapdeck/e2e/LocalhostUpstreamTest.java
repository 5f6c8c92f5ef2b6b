package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.TestModels;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/**
 * {@code proxy: http://localhost:${PORT}} (llama-swap's own default) reaches a server that listens on
 * {@code ::1} alone, as a Node server told {@code localhost} does: both loopback addresses are tried,
 * whatever the hosts file lists for the name, as llama-swap's dialer and curl try them. Swapdeck tried
 * 127.0.0.1 only, and the request failed after the whole health timeout with "nothing listens".
 */
class LocalhostUpstreamTest {

    @Test
    void aServerOnIpv6LoopbackAloneIsReachedThroughLocalhost() throws Exception {
        var model = TestModels.model("v6").demoArgs("--host", "::1").proxyHost("localhost").build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(model))) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> response = swapdeck.chat("v6", "");
                assertEquals(200, response.statusCode(), response.body());
                assertTrue(response.body().contains("\"served_by\":\"v6\""), response.body());
            }
        }
    }
}
