package dev.swapdeck.proxy;

import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.engine.Engine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;

/**
 * Defeats DNS rebinding (SPEC §8): while Swapdeck listens on loopback, a request whose {@code Host}
 * is not a loopback name, nor one of {@code security.allowedHosts}, nor the name given to {@code --listen}
 * (a name of this machine the user chose, such as {@code vm} in /etc/hosts), is refused with 403 before any
 * route sees it. A page on {@code evil.example} whose name was rebound to 127.0.0.1 still sends
 * {@code Host: evil.example}. Listening beyond loopback requires API keys, which guard instead, and this
 * check steps aside, since the machine's own names cannot be known; without them
 * ({@code --insecure-no-keys}) it stays, and also admits any IP address: the LAN clients the person
 * accepted, never a page of the person's browser under a name of its own. A request with no
 * {@code Host} at all (HTTP/1.0) cannot come from a browser and passes.
 */
final class HostCheck implements HttpHandler {
    private final Engine engine;
    private final boolean loopbackListener;
    private final String listenName;
    private final HttpHandler next;

    /** {@code listenName}: the host Swapdeck was told to listen on ({@code --listen vm:8080}), for clients to use. */
    HostCheck(Engine engine, boolean loopbackListener, String listenName, HttpHandler next) {
        this.engine = engine;
        this.loopbackListener = loopbackListener;
        this.listenName = Loopback.hostOf(listenName);
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        if (host == null || !checks(loopbackListener, engine.config().security()) || admitted(Loopback.hostOf(host))) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        String fix = "; to reach it under this name add \"" + Loopback.hostOf(host)
                + "\" to security.allowedHosts in the configuration";
        ApiError.forbidden("host_not_allowed", "Host \"" + host + (loopbackListener
                ? "\" is not a loopback name: Swapdeck listens on loopback and answers only to localhost, 127.0.0.1 "
                        + "and [::1]" + fix
                : "\" is a name Swapdeck was not given: without API keys it answers only to IP addresses and the "
                        + "names it was given, as a web page can point a name of its own at this machine" + fix
                        + ", or set apiKeys")).send(exchange, engine.logs(), null);
    }

    /** Whether requests are judged by their {@code Host}: on loopback, and beyond it while no API key is required. */
    static boolean checks(boolean loopbackListener, SecurityConfig security) {
        return loopbackListener || !security.requiresKeys();
    }

    private boolean admitted(String host) {
        List<String> allowed = engine.config().security().allowedHosts();
        return allowed.contains("*") || admittedByName(allowed, host)
                || (!listenName.isEmpty() && host.equals(listenName)) || !loopbackListener && Loopback.isAddress(host);
    }

    /**
     * Whether {@code host} (no port) is a loopback name or one listed in {@code allowedHosts} by name:
     * a name a rebinding page cannot take, where a {@code "*"} admits every name.
     */
    static boolean admittedByName(List<String> allowedHosts, String host) {
        return Loopback.isLoopbackHost(host) || allowedHosts.contains(host);
    }
}
