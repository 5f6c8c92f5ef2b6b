package dev.swapdeck.proxy;

import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.engine.Engine;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The browser-facing half of SPEC §8, in front of every route. A web page can make the browser send
 * a request to Swapdeck (a form POST, an {@code <img>}), even if it cannot read the answer; so:
 * <ul>
 *   <li>a request with an {@code Origin} that is not allowed for its route ({@link AllowedOrigins})
 *       is refused with 403 and no CORS headers, before anything happens; its own origin (the
 *       {@code scheme://Host} it was sent to) is allowed where that Host was admitted by name (a
 *       loopback name, one in {@code security.allowedHosts}), or beyond loopback where API keys guard
 *       or the Host is an IP address: the pages Swapdeck serves, such as an upstream's web UI under
 *       {@code /upstream/<model>/}, send their own POSTs and WebSockets. A Host admitted only by
 *       {@code "*"} gives no such pass: it may be a rebound name;</li>
 *   <li>control, status and log routes also refuse a cross-site request without an {@code Origin}
 *       (an {@code <img>}, a link or a script's navigation from another site): {@code Sec-Fetch-Site:
 *       cross-site}, or, where the browser sends no {@code Sec-Fetch-Site} (a plain-http host that is
 *       not loopback: a LAN address, a name in {@code security.allowedHosts}), a {@code Referer} from
 *       another origin that is not allowed;</li>
 *   <li>inference routes refuse the same when it comes without an {@code Origin}, navigations
 *       included: an {@code <img src=/upstream/m/>}, or a page that sends the tab there after any
 *       click, would otherwise start (and swap in) a model; unless {@code "*"} is allowed. A typed
 *       address or a bookmark ({@code Sec-Fetch-Site: none}) and same-site links pass;</li>
 *   <li>a CORS preflight from an allowed origin is answered, one from any other is refused;</li>
 *   <li>answers to allowed origins carry {@code Access-Control-Allow-Origin} naming that origin,
 *       replacing whatever an upstream sent.</li>
 * </ul>
 * Requests without {@code Origin} and without a foreign {@code Referer} (curl, SDKs, same-machine apps)
 * pass unchanged. A page can withhold its {@code Referer}; where browsers send no {@code Sec-Fetch-Site},
 * API keys (which a page cannot send unless the browser remembers them) are the guard that holds. A plain
 * {@code OPTIONS} goes on, to {@link PlainOptions} behind the key check.
 */
final class OriginPolicy implements HttpHandler {
    private static final HttpString ORIGIN = new HttpString("Origin");
    private static final HttpString FETCH_SITE = new HttpString("Sec-Fetch-Site");
    private static final HttpString REFERER = new HttpString("Referer");
    private static final HttpString REQUEST_METHOD = new HttpString("Access-Control-Request-Method");
    private static final HttpString REQUEST_HEADERS = new HttpString("Access-Control-Request-Headers");
    private static final HttpString ALLOW_ORIGIN = new HttpString("Access-Control-Allow-Origin");
    private static final HttpString ALLOW_METHODS = new HttpString("Access-Control-Allow-Methods");
    private static final HttpString ALLOW_HEADERS = new HttpString("Access-Control-Allow-Headers");
    private static final HttpString MAX_AGE = new HttpString("Access-Control-Max-Age");
    private static final HttpString VARY = new HttpString("Vary");
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";
    private static final String DEFAULT_HEADERS = "Content-Type, Authorization, Accept, X-Requested-With, X-Api-Key";
    /** Header names, commas and spaces only: anything else is not echoed back. */
    private static final Pattern HEADER_LIST = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~, -]{1,1024}");

    private final Engine engine;
    private final boolean loopbackListener;
    private final HttpHandler next;

    OriginPolicy(Engine engine, boolean loopbackListener, HttpHandler next) {
        this.engine = engine;
        this.loopbackListener = loopbackListener;
        this.next = next;
    }

    @Override
    public void handleRequest(HttpServerExchange exchange) throws Exception {
        RouteKind kind = RouteKind.of(exchange.getRequestPath());
        String origin = exchange.getRequestHeaders().getFirst(ORIGIN);
        boolean options = exchange.getRequestMethod().equals(Methods.OPTIONS);
        boolean preflight = options && origin != null && exchange.getRequestHeaders().contains(REQUEST_METHOD);
        AllowedOrigins origins = AllowedOrigins.of(engine.config().security());
        boolean allowed = origin != null && (origins.allows(origin, kind) || ownOrigin(exchange, origin));
        if (origin != null && !allowed && (kind != RouteKind.HEALTH || preflight)) {
            refuse(exchange, "origin_not_allowed", "requests from the web page at " + origin + " are not allowed "
                    + "here; a local chat app needs a loopback origin or an entry in security.cors.allowedOrigins"
                    + (kind == RouteKind.CONTROL ? " (control, status and log routes never accept \"*\")" : ""));
            return;
        }
        boolean crossSite = crossSite(exchange, kind, origin, origins);
        if (kind == RouteKind.CONTROL && crossSite) {
            refuse(exchange, "cross_site", "control, status and log routes refuse cross-site requests "
                    + "(Sec-Fetch-Site: cross-site, or a Referer from another site); call them from the same site, "
                    + "or without a browser");
            return;
        }
        if (kind == RouteKind.INFERENCE && crossSite && origin == null && !origins.admitsEveryOrigin()) {
            refuse(exchange, "cross_site", "another site's page may not make the browser call inference routes "
                    + "or open them (a cross-site request without an Origin); type the address or use a bookmark, "
                    + "and a chat app calls them with fetch() from an allowed origin, or set "
                    + "security.cors.allowedOrigins to \"*\"");
            return;
        }
        if (preflight) {
            answerPreflight(exchange, origin);
            return;
        }
        if (allowed) {
            exchange.addResponseCommitListener(committing -> committing.getResponseHeaders()
                    .put(ALLOW_ORIGIN, origin).put(VARY, "Origin"));
        }
        next.handleRequest(exchange);
    }

    /**
     * A request another site's page made the browser send: {@code Sec-Fetch-Site: cross-site}, which
     * browsers send to loopback and https hosts. To a plain-http host that is not loopback they send
     * none, and then a request without {@code Origin} is judged by its {@code Referer} (the page's
     * origin by default): another origin than the one asked, and not an allowed one, is cross-site. No
     * {@code Referer} (a typed address, curl, an SDK, or a page that withholds it) is not.
     */
    private static boolean crossSite(HttpServerExchange exchange, RouteKind kind, String origin, AllowedOrigins origins) {
        String site = exchange.getRequestHeaders().getFirst(FETCH_SITE);
        if (site != null) {
            return "cross-site".equalsIgnoreCase(site);
        }
        if (origin != null) {
            return false; // judged by the Origin check above
        }
        String referer = exchange.getRequestHeaders().getFirst(REFERER);
        if (referer == null) {
            return false;
        }
        Optional<String> from = Referers.origin(referer);
        if (from.isEmpty()) {
            return true;
        }
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        return !(host != null && Referers.sameOrigin(from.get(), exchange.getRequestScheme(), host))
                && !origins.allows(from.get(), kind);
    }

    /** Whether {@code origin} is the one the request was sent to, under a Host that gives it a pass (see above). */
    private boolean ownOrigin(HttpServerExchange exchange, String origin) {
        String host = exchange.getRequestHeaders().getFirst(Headers.HOST);
        SecurityConfig security = engine.config().security();
        String name = host == null ? null : Loopback.hostOf(host);
        if (name == null || HostCheck.checks(loopbackListener, security)
                && !HostCheck.admittedByName(security.allowedHosts(), name)
                && !(!loopbackListener && Loopback.isAddress(name))) {
            return false;
        }
        return Referers.origin(origin).filter(from -> Referers.sameOrigin(from, exchange.getRequestScheme(), host))
                .isPresent();
    }

    private static void answerPreflight(HttpServerExchange exchange, String origin) {
        String requested = exchange.getRequestHeaders().getFirst(REQUEST_HEADERS);
        exchange.setStatusCode(204);
        exchange.getResponseHeaders()
                .put(ALLOW_ORIGIN, origin)
                .put(VARY, "Origin")
                .put(ALLOW_METHODS, METHODS)
                .put(ALLOW_HEADERS, requested != null && HEADER_LIST.matcher(requested).matches()
                        ? requested : DEFAULT_HEADERS)
                .put(MAX_AGE, "86400");
        exchange.endExchange();
    }

    private void refuse(HttpServerExchange exchange, String code, String message) {
        ApiError.forbidden(code, message).send(exchange, engine.logs(), null);
    }
}
