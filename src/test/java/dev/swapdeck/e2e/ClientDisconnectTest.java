package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.RawHttp;
import dev.swapdeck.testing.TestModels;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A client that gives up before any answer arrives (a chat app's Stop button, a timeout) must not
 * keep holding its model: the request stops counting as in flight, so swaps and the concurrency
 * limit are not held up by nobody.
 */
class ClientDisconnectTest {
    private static final Duration SOON = Duration.ofSeconds(10);

    private static void sendAndLeave(LiveSwapdeck swapdeck, String model, String extraJson, Runnable whileWaiting)
            throws Exception {
        String body = "{\"model\":\"" + model + "\",\"messages\":[]," + extraJson + "}";
        try (Socket socket = RawHttp.open(swapdeck.base.getPort(), "POST", "/v1/chat/completions", body, false)) {
            whileWaiting.run();
        }
    }

    @Test
    void aClientThatLeavesWhileTheServerThinksStopsHoldingTheModel() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            swapdeck.core.engine.load("a").get();
            sendAndLeave(swapdeck, "a", "\"demo_think_ms\":60000",
                    () -> Await.until("in flight", SOON, () -> swapdeck.core.status("a").inFlight() == 1));
            Await.until("released after the client left", SOON, () -> swapdeck.core.status("a").inFlight() == 0);
        }
    }

    /**
     * A client that abandons a stream and sends its next request at once, at the model's
     * concurrencyLimit, is not refused for the slot the stream holds until the proxy notices the
     * departure (on the IO thread serving the stream, which may read the next request first): a
     * request past the limit waits {@code LimitGrace.GRACE} for a slot before its 429. The next
     * request's connection is open before the stream is left, so it follows within microseconds.
     */
    @Test
    void theNextRequestAfterAnAbandonedStreamIsNotRefusedForItsSlot() throws Exception {
        var single = TestModels.model("single").concurrencyLimit(1).build();
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(single))) {
            swapdeck.core.engine.load("single").get();
            String stream = "{\"model\":\"single\",\"messages\":[],\"stream\":true,\"demo_delay_ms\":40}";
            String chat = "{\"model\":\"single\",\"messages\":[]}";
            byte[] next = ("POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + chat.length() + "\r\n\r\n" + chat).getBytes(StandardCharsets.ISO_8859_1);
            List<String> refused = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                try (Socket following = new Socket(InetAddress.getLoopbackAddress(), swapdeck.base.getPort())) {
                    try (Socket abandoned = RawHttp.open(swapdeck.base.getPort(), "POST", "/v1/chat/completions", stream, false)) {
                        assertTrue(RawHttp.readUntil(abandoned.getInputStream(), "data:"), "the stream began");
                    }
                    following.getOutputStream().write(next);
                    String status = new String(following.getInputStream().readNBytes(12), StandardCharsets.ISO_8859_1);
                    if (!status.equals("HTTP/1.1 200")) {
                        refused.add(i + ": " + status);
                    }
                }
            }
            assertEquals(List.of(), refused);
        }
    }

    @Test
    void aClientThatLeavesWhileTheModelStartsIsReleasedOnceTheStartEnds() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(
                TestModels.demo("slow", "--health-delay-ms", "1500")))) {
            sendAndLeave(swapdeck, "slow", "\"demo_think_ms\":60000",
                    () -> Await.until("in flight", SOON, () -> swapdeck.core.status("slow").inFlight() == 1));
            Await.until("released", SOON, () -> swapdeck.core.status("slow").inFlight() == 0);
        }
    }

    @Test
    void slowRequestsOnAKeepAliveConnectionStillWork() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            for (int i = 0; i < 2; i++) {
                HttpResponse<String> response = swapdeck.chat("a", "\"demo_think_ms\":2500");
                assertEquals(200, response.statusCode(), response.body());
            }
            // the lease closes as the exchange completes, which may be just after the client has the answer
            Await.until("released", SOON, () -> swapdeck.core.status("a").inFlight() == 0);
        }
    }

    @Test
    void aClientThatLeavesAQuietLogStreamIsLetGo() throws Exception {
        try (LiveSwapdeck swapdeck = new LiveSwapdeck(TestModels.config(TestModels.demo("a")))) {
            int before = swapdeck.core.engine.events().subscriberCount();
            try (Socket socket = RawHttp.open(swapdeck.base.getPort(), "GET", "/logs/stream/a?no-history", null, false)) {
                Await.until("subscribed", SOON, () -> swapdeck.core.engine.events().subscriberCount() == before + 1);
            }
            Await.until("unsubscribed after the client left", SOON,
                    () -> swapdeck.core.engine.events().subscriberCount() == before);
        }
    }
}
