package dev.swapdeck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/** The check every upstream URL in the configuration passes: http or https, with a host. */
final class HttpUrl {
    private HttpUrl() {
    }

    /** {@code text} without surrounding blanks and trailing slashes, if it is an http(s) URL with a host. */
    static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text.strip().replaceAll("/+$", ""));
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL at all: the caller reports it with the same message as any other bad value
        }
        return Optional.empty();
    }

    /** The problem to report for {@code text} when {@link #parse} found nothing. */
    static String expected(String text) {
        return "expected an http:// or https:// URL with a host, got \"" + text + "\"";
    }
}
