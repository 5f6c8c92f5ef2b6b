package dev.swapdeck.proxy;

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
 * {@code Host: evil.example}. Listening beyond loopback requires API keys, which guard instead; then
 * this check steps aside, since the machine's own names cannot be known. A request with no
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
        if (!loopbackListener || host == null || admitted(Loopback.hostOf(host))) {
            next.handleRequest(exchange);
            return;
        }
        exchange.setPersistent(false);
        ApiError.forbidden("host_not_allowed", "Host \"" + host + "\" is not a loopback name: Swapdeck listens on "
                + "loopback and answers only to localhost, 127.0.0.1 and [::1]; to reach it under this name add \""
                + Loopback.hostOf(host) + "\" to security.allowedHosts in the configuration")
                .send(exchange, engine.logs(), null);
    }

    private boolean admitted(String host) {
        List<String> allowed = engine.config().security().allowedHosts();
        return allowed.contains("*") || admittedByName(allowed, host)
                || (!listenName.isEmpty() && host.equals(listenName));
    }

    /**
     * Whether {@code host} (no port) is a loopback name or one listed in {@code allowedHosts} by name:
     * a name a rebinding page cannot take, where a {@code "*"} admits every name.
     */
    static boolean admittedByName(List<String> allowedHosts, String host) {
        return Loopback.isLoopbackHost(host) || allowedHosts.contains(host);
    }
}
