package dev.swapdeck.config;

import java.net.URI;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The host and port of an upstream URL from the configuration. {@link URI#getHost} has none for a
 * name RFC 2396 does not allow a server to have, though DNS and Docker do: a Compose service named
 * {@code llama_cpp}, or {@code qwen3.5-2b}, whose last label begins with a digit. llama-swap (Go's
 * {@code url.Parse}) takes such names, so Swapdeck reads them from the URL's authority itself.
 */
public final class UpstreamAddress {
    /** A host name of letters, digits, {@code . _ - ~}, with an optional port (no user: it was left out). */
    private static final Pattern NAMED = Pattern.compile("([A-Za-z0-9._~-]+)(?::(\\d{1,5}))?");

    private UpstreamAddress() {
    }

    /** The host of {@code url} (an IPv6 literal in brackets), or null when it has none. */
    public static String host(URI url) {
        if (url.getHost() != null) {
            return url.getHost();
        }
        Matcher named = named(url);
        return named == null ? null : named.group(1);
    }

    /** The port written in {@code url}, or -1 when it names none. */
    public static int explicitPort(URI url) {
        if (url.getHost() != null) {
            return url.getPort();
        }
        Matcher named = named(url);
        return named == null || named.group(2) == null ? -1 : Integer.parseInt(named.group(2));
    }

    /** The port {@code url} reaches: the one written, else its scheme's (443 for https, 80 otherwise). */
    public static int port(URI url) {
        int explicit = explicitPort(url);
        return explicit >= 0 ? explicit : "https".equalsIgnoreCase(url.getScheme()) ? 443 : 80;
    }

    /** Whether {@code url} is http with a host, or https with a host {@link URI} itself reads (below). */
    static boolean httpWithHost(URI url) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (scheme.equals("https")) {
            // TLS names its peer by the URI's own host: a name URI cannot read has no certificate to match
            return url.getHost() != null;
        }
        return scheme.equals("http") && host(url) != null;
    }

    private static Matcher named(URI url) {
        String authority = url.getRawAuthority();
        if (authority == null) {
            return null;
        }
        Matcher named = NAMED.matcher(authority);
        return named.matches() && (named.group(2) == null || Integer.parseInt(named.group(2)) <= 65535) ? named : null;
    }
}
