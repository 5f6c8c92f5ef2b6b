package dev.swapdeck.proxy;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The origin a {@code Referer} names, compared as SPEC §8's guards need it. */
final class Referers {
    private Referers() {
    }

    /**
     * {@code scheme://host[:port]} of an absolute http(s) {@code Referer}, lower-cased, the default
     * port left out; empty for anything else (a browser sends nothing else).
     */
    static Optional<String> origin(String referer) {
        try {
            URI uri = new URI(referer.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!scheme.equals("http") && !scheme.equals("https") || uri.getHost() == null) {
                return Optional.empty();
            }
            int port = uri.getPort();
            boolean defaultPort = port < 0 || port == (scheme.equals("https") ? 443 : 80);
            return Optional.of(scheme + "://" + uri.getHost().toLowerCase(Locale.ROOT) + (defaultPort ? "" : ":" + port));
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** Whether {@code origin} (as {@link #origin} gives it) is the one a request to {@code host} was sent to. */
    static boolean sameOrigin(String origin, String scheme, String host) {
        return origin(scheme + "://" + host.strip() + "/").map(origin::equals).orElse(false);
    }
}
