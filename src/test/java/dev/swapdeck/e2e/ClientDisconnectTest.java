package dev.swapdeck.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.testing.Await;
import dev.swapdeck.testing.RawHttp;
import dev.swapdeck.testing.TestModels;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.time.Duration;
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
