package dev.swapdeck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.yaml.snakeyaml.nodes.Node;

/** The check every upstream URL in the configuration passes: http or https, with a host. */
final class HttpUrl {
    private HttpUrl() {
    }

    /**
     * {@code text} as an upstream URL, or null with the problem reported at {@code at}. A user and
     * password in it ({@code http://user:pw@host}) are left out with a warning: neither Swapdeck nor
     * llama-swap sends them, and left in they would show wherever the URL is shown (SPEC §8).
     */
    static URI read(String text, Node at, String path, Problems p) {
        String bare = withoutUserInfo(text);
        Optional<URI> url = parse(bare);
        if (url.isEmpty()) {
            p.error(at, path, "expected an http:// or https:// URL with a host, got \"" + bare + "\""
                    + (parse(bare.strip().replaceFirst("(?i)^https:", "http:")).isPresent()
                    ? " (TLS needs a host name of letters, digits, dots and dashes, its last part not a number)" : ""));
            return null;
        }
        if (!bare.equals(text)) {
            p.warn(at, path, "the user and password in this URL are never sent, so they are left out (and out of"
                    + " every log and status page); a peer's key goes in apiKey");
        }
        return url.get();
    }

    /** {@code text} without surrounding blanks and trailing slashes, if it is an http(s) URL with a host. */
    static Optional<URI> parse(String text) {
        try {
            URI uri = new URI(text.strip().replaceAll("/+$", ""));
            if (UpstreamAddress.httpWithHost(uri)) {
                return Optional.of(uri);
            }
        } catch (URISyntaxException e) {
            // not a URL at all: the caller reports it with the same message as any other bad value
        }
        return Optional.empty();
    }

    private static String withoutUserInfo(String text) {
        return text.replaceFirst("//[^/@]*@", "//");
    }
}
