package dev.swapdeck.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.testing.RawHttp;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a web page in the user's browser can make the browser send to Swapdeck (SPEC §8): each
 * attack is refused before it has any effect, and local chat apps keep working.
 */
class CrossSiteRequestsTest {
    private static final String EVIL = "https://evil.example";
    /** Every control, status and log route of SPEC §6, as (method, path). */
    private static final List<String[]> CONTROL_ROUTES = List.of(
            new String[] {"GET", "/api/models"}, new String[] {"GET", "/running"}, new String[] {"GET", "/unload"},
            new String[] {"POST", "/api/models/unload"}, new String[] {"POST", "/api/models/load/alpha"},
            new String[] {"POST", "/api/models/unload/alpha"}, new String[] {"POST", "/api/shutdown"},
            new String[] {"GET", "/api/events"}, new String[] {"GET", "/logs"}, new String[] {"GET", "/logs/stream"},
            new String[] {"GET", "/logs/stream/proxy"}, new String[] {"GET", "/logs/stream/alpha"},
            new String[] {"GET", "/api/profiles"}, new String[] {"PUT", "/api/profiles/active"},
            new String[] {"POST", "/api/config/reload"}, new String[] {"GET", "/api/activity"},
            new String[] {"GET", "/metrics"}, new String[] {"POST", "/models/load"},
            new String[] {"POST", "/models/unload"}, new String[] {"GET", "/models/sse"});

    private ProxyFixture proxy;

    @AfterEach
    void stop() {
        if (proxy != null) {
            proxy.close();
        }
    }

    private ProxyFixture start(SecurityConfig security) throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults(), security);
        return proxy;
    }

    /** A form POST from another site: a "simple" request, sent by the browser without a preflight. */
    private HttpResponse<String> simplePost(String path, String origin) throws Exception {
        return proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path)).header("Origin", origin)
                .header("Content-Type", "text/plain").header("Sec-Fetch-Site", "cross-site")
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build());
    }

    @Test
    void aForeignPageCannotLoadUnloadOrShutDown() throws Exception {
        start(SecurityConfig.defaults());
        for (String path : List.of("/api/models/load/alpha", "/api/models/unload/alpha", "/api/models/unload",
                "/api/shutdown", "/v1/chat/completions")) {
            HttpResponse<String> response = simplePost(path, EVIL);
            assertEquals(403, response.statusCode(), path + ": " + response.body());
            assertTrue(response.headers().firstValue("Access-Control-Allow-Origin").isEmpty(), path);
            assertEquals("origin_not_allowed", ProxyFixture.json(response).path("error").path("code").asText());
        }
        assertEquals(List.of(), proxy.engine.commands);
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
    }

    @Test
    void anImageTagOnAnotherSiteCannotUnloadEverything() throws Exception {
        start(SecurityConfig.defaults());
        HttpResponse<String> response = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/unload"))
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Dest", "image").build());
        assertEquals(403, response.statusCode(), response.body());
        assertEquals("cross_site", ProxyFixture.json(response).path("error").path("code").asText());
        assertEquals(List.of(), proxy.engine.commands);
    }

    @Test
    void anotherSitesImageOrNoCorsFetchCannotStartAModel() throws Exception {
        start(SecurityConfig.defaults());
        for (String dest : List.of("image", "script", "iframe", "empty")) {
            HttpResponse<String> response = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/"))
                    .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", dest.equals("iframe") ? "navigate" : "no-cors")
                    .header("Sec-Fetch-Dest", dest).build());
            assertEquals(403, response.statusCode(), dest + ": " + response.body());
            assertEquals("cross_site", ProxyFixture.json(response).path("error").path("code").asText());
        }
        HttpResponse<String> redirected = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/"))
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document").build());
        assertEquals(403, redirected.statusCode(),
                "a page's script sending the tab there (location=, meta refresh: no Sec-Fetch-User): " + redirected.body());
        assertTrue(proxy.engine.upstreams.leases.isEmpty(), "no model was started or used");
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
        HttpResponse<String> clicked = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/"))
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Mode", "navigate")
                .header("Sec-Fetch-Dest", "document").header("Sec-Fetch-User", "?1").build());
        assertEquals(403, clicked.statusCode(), "a click anywhere on the page lets its script send the tab there, "
                + "with the same headers as a link the user chose: " + clicked.body());
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
        for (String site : List.of("none", "same-site", "same-origin")) {
            HttpResponse<String> opened = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/"))
                    .header("Sec-Fetch-Site", site).header("Sec-Fetch-Mode", "navigate")
                    .header("Sec-Fetch-Dest", "document").header("Sec-Fetch-User", "?1").build());
            assertFalse(opened.statusCode() == 403, "a typed address, a bookmark or a same-site link (" + site + "): "
                    + opened.body());
        }
    }

    /**
     * To a plain-http host that is not loopback (a LAN address, a name in allowedHosts) a browser sends
     * no Sec-Fetch-Site and, for an image or a navigation, no Origin: its Referer names the page.
     */
    @Test
    void withoutSecFetchHeadersAForeignRefererIsCrossSite() throws Exception {
        start(SecurityConfig.defaults().withAllowed(List.of("mybox.lan"), List.of("http://dashboard.lan")));
        int port = proxy.base.getPort();
        String host = "mybox.lan:" + port;
        for (String path : List.of("/unload", "/running", "/logs", "/upstream/alpha/", "/props?model=alpha")) {
            RawHttp.Response response = RawHttp.withHeaders(port, "GET", path, host, "Referer: http://evil.test:8000/x");
            assertEquals(403, response.status(), path + "\n" + response.text());
            assertTrue(response.text().contains("cross_site"), response.text());
        }
        assertEquals(List.of(), proxy.engine.commands);
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
        assertEquals(200, RawHttp.withHeaders(port, "GET", "/running", host, "Referer: http://" + host + "/upstream/alpha/")
                .status(), "the same origin");
        assertEquals(200, RawHttp.withHeaders(port, "GET", "/running", host, "Referer: http://dashboard.lan/").status(),
                "an allowed origin");
        assertEquals(200, RawHttp.withHost(port, "GET", "/running", host).status(), "no Referer: curl, a typed address");
    }

    /**
     * An upstream's web UI opened at http://mybox.lan:PORT/upstream/alpha/ sends its fetch POSTs and
     * its WebSocket handshake with that page's own origin; another port, scheme or name is another site.
     */
    @Test
    void aPageServedUnderAnAllowedHostMayCallItsOwnOrigin() throws Exception {
        start(SecurityConfig.defaults().withAllowed(List.of("mybox.lan"), List.of()));
        int port = proxy.base.getPort();
        String host = "mybox.lan:" + port;
        String own = "Origin: http://" + host;
        RawHttp.Response chat = RawHttp.withHeaders(port, "POST", "/upstream/alpha/v1/chat/completions", host, own,
                "Content-Type: application/json");
        assertFalse(chat.status() == 403, chat.text());
        assertFalse(proxy.upstream.received.isEmpty(), "the page's POST reached the model");
        RawHttp.Response handshake = RawHttp.withHeaders(port, "GET", "/upstream/alpha/ws", host, own);
        assertFalse(handshake.status() == 403, "a WebSocket handshake carries the page's Origin: " + handshake.text());
        assertEquals(200, RawHttp.withHeaders(port, "GET", "/api/models", host, own).status(),
                "as a loopback page may use the control routes");
        for (String other : List.of("http://mybox.lan:" + (port == 65535 ? port - 1 : port + 1), "https://" + host,
                "http://evil.test:" + port, "null")) {
            RawHttp.Response refused = RawHttp.withHeaders(port, "POST", "/upstream/alpha/v1/chat/completions", host,
                    "Origin: " + other);
            assertEquals(403, refused.status(), other + "\n" + refused.text());
            assertTrue(refused.text().contains("origin_not_allowed"), refused.text());
        }
    }

    /**
     * Beyond loopback without API keys (--insecure-no-keys) a rebound name is still refused: the person
     * accepted LAN clients, which use an address or a name they were given, not every web page.
     */
    @Test
    void beyondLoopbackWithoutKeysAReboundNameIsStillRefused() throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults(), SecurityConfig.defaults().withAllowed(List.of("mybox.lan"),
                List.of()), "0.0.0.0");
        int port = proxy.base.getPort();
        String evil = "evil.example:" + port;
        for (String[] route : CONTROL_ROUTES) {
            RawHttp.Response response = RawHttp.withHeaders(port, route[0], route[1], evil, "Origin: http://" + evil);
            assertEquals(403, response.status(), route[1]);
            assertTrue(response.text().contains("host_not_allowed"), response.text());
        }
        assertEquals(403, RawHttp.withHost(port, "POST", "/v1/chat/completions", evil).status());
        assertEquals(List.of(), proxy.engine.commands);
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
        for (String host : List.of("192.168.1.5", "127.0.0.1", "[::1]", "[fe80::1]", "mybox.lan", "localhost")) {
            assertEquals(200, RawHttp.withHost(port, "GET", "/running", host + ":" + port).status(), host);
        }
        String lan = "192.168.1.5:" + port;
        assertEquals(200, RawHttp.withHeaders(port, "GET", "/api/models", lan, "Origin: http://" + lan).status(),
                "a page Swapdeck serves at an address may call its own origin");
    }

    /** With keys beyond loopback the keys guard, whatever name a client uses. */
    @Test
    void beyondLoopbackWithKeysAnyNameIsJudgedByItsKey() throws Exception {
        proxy = new ProxyFixture(ProxyOptions.defaults(), SecurityConfig.defaults().withApiKeys(List.of("sk-1")),
                "0.0.0.0");
        int port = proxy.base.getPort();
        assertEquals(401, RawHttp.withHost(port, "GET", "/running", "workstation:" + port).status());
        assertEquals(200, RawHttp.withHeaders(port, "GET", "/running", "workstation:" + port, "x-api-key: sk-1").status());
    }

    /** "*" turns the rebinding check off; a rebound name's page still has no origin of its own here. */
    @Test
    void aHostAdmittedOnlyByTheWildcardGivesItsPagesNoPass() throws Exception {
        start(SecurityConfig.defaults().withAllowed(List.of("*"), List.of()));
        int port = proxy.base.getPort();
        String host = "evil.example:" + port;
        for (String path : List.of("/v1/chat/completions", "/upstream/alpha/ws", "/api/models/unload")) {
            RawHttp.Response response = RawHttp.withHeaders(port, "POST", path, host, "Origin: http://" + host);
            assertEquals(403, response.status(), path + "\n" + response.text());
            assertTrue(response.text().contains("origin_not_allowed"), response.text());
        }
        assertEquals(List.of(), proxy.engine.commands);
        assertTrue(proxy.upstream.received.isEmpty(), "nothing reached the model");
    }

    @Test
    void foreignPreflightsAreRefusedWithoutCorsHeaders() throws Exception {
        start(SecurityConfig.defaults());
        for (String path : List.of("/api/models/load/alpha", "/api/shutdown", "/v1/chat/completions", "/logs")) {
            HttpResponse<String> response = proxy.send(HttpRequest.newBuilder(proxy.base.resolve(path))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", EVIL)
                    .header("Access-Control-Request-Method", "POST").build());
            assertEquals(403, response.statusCode(), path);
            assertFalse(response.headers().map().keySet().stream().anyMatch(h -> h.startsWith("access-control-")),
                    path + " " + response.headers().map());
        }
    }

    @Test
    void aReboundHostIsRefusedOnEveryControlAndLogRoute() throws Exception {
        start(SecurityConfig.defaults());
        int port = proxy.base.getPort();
        for (String[] route : CONTROL_ROUTES) {
            RawHttp.Response response = RawHttp.withHost(port, route[0], route[1], "evil.example:" + port);
            assertEquals(403, response.status(), route[0] + " " + route[1] + "\n" + response.text());
            assertTrue(response.text().contains("security.allowedHosts"), response.text());
        }
        assertEquals(403, RawHttp.withHost(port, "GET", "/v1/models", "evil.example").status());
        assertEquals(List.of(), proxy.engine.commands);
        for (String host : List.of("localhost:" + port, "127.0.0.1:" + port, "[::1]:" + port, "127.1.2.3")) {
            assertEquals(200, RawHttp.withHost(port, "GET", "/running", host).status(), host);
        }
    }

    /** Python's http.client sends the host of its URL as typed: each loopback spelling is let in. */
    @Test
    void theLoopbackAddressIsAdmittedHoweverItIsSpelled() throws Exception {
        start(SecurityConfig.defaults());
        int port = proxy.base.getPort();
        for (String host : List.of("[0:0:0:0:0:0:0:1]:" + port, "127.1:" + port, "2130706433", "localhost.:" + port)) {
            assertEquals(200, RawHttp.withHost(port, "GET", "/running", host).status(), host);
        }
        assertEquals(403, RawHttp.withHost(port, "GET", "/running", "127.evil.example:" + port).status());
    }

    @Test
    void allowedHostsAdmitAName() throws Exception {
        start(SecurityConfig.defaults().withAllowed(List.of("swapdeck.lan"), List.of()));
        int port = proxy.base.getPort();
        assertEquals(200, RawHttp.withHost(port, "GET", "/running", "swapdeck.lan:" + port).status());
        assertEquals(403, RawHttp.withHost(port, "GET", "/running", "other.lan:" + port).status());
    }

    @Test
    void localOriginsAreServedWithCorsNamingThem() throws Exception {
        start(SecurityConfig.defaults());
        for (String origin : List.of("http://localhost:3000", "http://127.0.0.1:5173", "http://[::1]:8081")) {
            HttpResponse<String> chat = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                    .header("Origin", origin).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"alpha\"}")).build());
            assertEquals(200, chat.statusCode(), chat.body());
            assertEquals(List.of(origin), chat.headers().allValues("Access-Control-Allow-Origin"));
            HttpResponse<String> preflight = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/chat/completions"))
                    .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).header("Origin", origin)
                    .header("Access-Control-Request-Method", "POST")
                    .header("Access-Control-Request-Headers", "content-type, authorization").build());
            assertEquals(204, preflight.statusCode());
            assertEquals(origin, preflight.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        }
        HttpResponse<String> status = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/api/models"))
                .header("Origin", "http://localhost:3000").header("Sec-Fetch-Site", "same-site").build());
        assertEquals(200, status.statusCode(), "a same-site local page may use the control routes");
        assertEquals(200, proxy.get("/api/models").statusCode(), "curl and SDKs send no Origin");
    }

    @Test
    void configuredOriginsAndAnExplicitWildcardApplyToInferenceOnly() throws Exception {
        start(SecurityConfig.defaults().withAllowed(List.of(), List.of("https://chat.example", "*")));
        HttpResponse<String> listed = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/models"))
                .header("Origin", "https://chat.example").build());
        assertEquals("https://chat.example", listed.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        HttpResponse<String> anyone = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/v1/models"))
                .header("Origin", EVIL).build());
        assertEquals(200, anyone.statusCode(), "\"*\" was set explicitly");
        assertEquals(EVIL, anyone.headers().firstValue("Access-Control-Allow-Origin").orElse(""));
        assertEquals(403, simplePost("/api/shutdown", EVIL).statusCode(), "never for control routes");
        HttpResponse<String> image = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/upstream/alpha/"))
                .header("Sec-Fetch-Site", "cross-site").header("Sec-Fetch-Dest", "image").build());
        assertFalse(image.statusCode() == 403, "\"*\" admits any page to inference: " + image.body());
        HttpResponse<String> listedControl = proxy.send(HttpRequest.newBuilder(proxy.base.resolve("/running"))
                .header("Origin", "https://chat.example").build());
        assertEquals(200, listedControl.statusCode(), "an origin listed by name may");
        assertEquals(List.of(), proxy.engine.commands);
    }
}
