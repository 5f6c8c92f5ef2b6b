package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProxyServerTest {

    @Test
    void busyAddressFailsNamingTheAddress() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             ProxyFixture proxy = new ProxyFixture()) {
            ProxyServer second = new ProxyServer(proxy.engine);
            ListenAddressUnavailableException e = assertThrows(ListenAddressUnavailableException.class,
                    () -> second.start("127.0.0.1", taken.getLocalPort()));
            assertEquals("127.0.0.1:" + taken.getLocalPort(), e.address());
            assertTrue(e.getMessage().contains("127.0.0.1:" + taken.getLocalPort()), e.getMessage());
            assertTrue(e.getMessage().contains("quit it, or start with --listen"), e.getMessage());
        }
    }

    @Test
    void anAddressOfAnotherMachineFailsSayingWhichToUse() throws Exception {
        try (ProxyFixture proxy = new ProxyFixture()) {
            ProxyServer other = new ProxyServer(proxy.engine);
            ListenAddressUnavailableException e = assertThrows(ListenAddressUnavailableException.class,
                    () -> other.start("203.0.113.7", 0));
            assertTrue(e.getMessage().contains("not one of this machine's: use 127.0.0.1"), e.getMessage());
        }
    }

    @Test
    void aBindFailureInAnotherLanguageStillSaysWhatToTry() {
        ListenAddressUnavailableException e = new ListenAddressUnavailableException("127.0.0.1:8080",
                new UncheckedIOException(new BindException("Die Adresse wird bereits verwendet")));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:8080: Die Adresse wird bereits verwendet. "),
                e.getMessage());
        assertTrue(e.getMessage().contains("--listen 127.0.0.1:PORT") && e.getMessage().contains("use 127.0.0.1"),
                e.getMessage());
    }

    /** What Linux answers a user who is not root binding port 80 (seen by hand with runuser -u nobody). */
    @Test
    void aPrivilegedPortSaysWhyAndWhichToUse() {
        ListenAddressUnavailableException e = new ListenAddressUnavailableException("127.0.0.1:80",
                new UncheckedIOException(new BindException("Permission denied")));
        assertTrue(e.getMessage().startsWith("cannot listen on 127.0.0.1:80: Permission denied. Ports below 1024 are"
                + " reserved for root"), e.getMessage());
        assertTrue(e.getMessage().contains("such as 8080"), e.getMessage());
    }

    @Test
    void portZeroBindsAFreePort() throws Exception {
        try (ProxyFixture proxy = new ProxyFixture()) {
            InetSocketAddress bound = proxy.server.boundAddress();
            assertTrue(bound.getPort() > 0);
            assertEquals(200, proxy.get("/health").statusCode());
        }
    }

    @Test
    void stopIsBoundedEvenWithOpenStreams() throws Exception {
        ProxyFixture proxy = new ProxyFixture(ProxyOptions.defaults().withShutdownGrace(Duration.ofMillis(500)));
        int before = proxy.engine.bus.subscriberCount();
        HttpResponse<InputStream> logs = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve("/logs/stream")).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        HttpResponse<InputStream> chat = proxy.client.send(
                HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                        .header("X-Test-Chunks", "1000").header("X-Test-Pace-Ms", "20")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, logs.statusCode());
        assertEquals(200, chat.statusCode());

        long start = System.nanoTime();
        proxy.close();
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(millis < 5_000, "stop took " + millis + " ms");
        assertTrue(proxy.engine.upstreams.lastLease().awaitClosed());
        assertTrue(proxy.engine.bus.subscriberCount() < before + 1);
        logs.body().close();
        chat.body().close();
    }
}
