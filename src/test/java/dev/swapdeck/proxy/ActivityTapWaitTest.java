package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swapdeck.activity.ActivityLog;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.event.EventBus;
import dev.swapdeck.routing.Route;
import dev.swapdeck.routing.Upstreams;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Methods;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The tap has timed a request's wait before whatever the forwarder chains to the lease runs. */
class ActivityTapWaitTest {

    @Test
    void theWaitHasEndedWhenTheForwarderGetsItsLease() throws Exception {
        ModelConfig model = ProxyTestModels.model("m", URI.create("http://127.0.0.1:1"));
        FakeUpstreams upstreams = new FakeUpstreams(ProxyTestModels.config(Map.of(), model));
        upstreams.delayMillis = 50;
        ActivityLog log = new ActivityLog(new EventBus(), 10);
        HttpServerExchange exchange = new HttpServerExchange(null);
        exchange.setRequestMethod(Methods.POST);
        exchange.setRequestPath("/v1/chat/completions");
        Route route = new Route("m", model, Optional.empty());

        Upstreams tapped = ActivityTap.install(exchange, log, upstreams, route);
        // chained last, as the forwarder's continuation is: it must still see the wait over
        int waitingWhenForwarded = tapped.acquire(route).thenApply(lease -> log.waiting("m")).get(5, TimeUnit.SECONDS);
        assertEquals(0, waitingWhenForwarded);
    }
}
