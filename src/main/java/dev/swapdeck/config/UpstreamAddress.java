package dev.swapdeck.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
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
    private static final InetAddress LOOPBACK_V4 = loopback(new byte[] {127, 0, 0, 1});
    private static final InetAddress LOOPBACK_V6 = loopback(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1});

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

    /**
     * The addresses to try for {@code url}, in order: each a name resolves to, and for {@code localhost}
     * both loopback addresses whatever the hosts file says (RFC 6761; curl and Go's dialer, so llama-swap,
     * try both), since a server told to listen on {@code localhost} may bind {@code ::1} alone (Node 17
     * and later). A name that does not resolve is one unresolved address, whose connect says so.
     */
    public static List<InetSocketAddress> candidates(URI url) {
        String host = host(url);
        int port = port(url);
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        String lower = bare.toLowerCase(Locale.ROOT);
        if (lower.equals("localhost") || lower.endsWith(".localhost")) {
            return List.of(new InetSocketAddress(LOOPBACK_V4, port), new InetSocketAddress(LOOPBACK_V6, port));
        }
        try {
            return Arrays.stream(InetAddress.getAllByName(bare)).map(address -> new InetSocketAddress(address, port)).toList();
        } catch (UnknownHostException e) {
            return List.of(InetSocketAddress.createUnresolved(bare, port));
        }
    }

    private static InetAddress loopback(byte[] address) {
        try {
            return InetAddress.getByAddress("localhost", address);
        } catch (UnknownHostException e) {
            throw new ExceptionInInitializerError(e); // four or sixteen bytes are an address
        }
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
