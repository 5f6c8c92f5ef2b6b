package dev.swapdeck.proxy;

import dev.swapdeck.config.SecurityConfig;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which browser origins may call which routes (SPEC §8). Loopback origins on any port
 * ({@code http://localhost:*}, {@code http://127.0.0.1:*}, {@code http://[::1]:*}) always; then the
 * entries of {@code security.cors.allowedOrigins}: exact origins, {@code scheme://host:*} for any port,
 * and {@code "*"}, which admits every origin to the inference routes only. Control and log routes
 * take loopback and explicitly listed origins, never a wildcard: a wildcard there would hand every
 * web page the power to start processes.
 */
final class AllowedOrigins {
    /**
     * Exactly the three names SPEC §8 lists. Unlike the Host check, other 127.0.0.0/8 addresses are not
     * loopback origins: a browser treats a page on 127.0.0.2 as another site, and anything on the
     * machine (a downloaded HTML file served by some tool, a dev server of a stranger's project) can
     * bind one of them.
     */
    private static final Set<String> LOOPBACK_ORIGIN_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final List<String> configured;

    private AllowedOrigins(List<String> configured) {
        this.configured = configured;
    }

    static AllowedOrigins of(SecurityConfig security) {
        return new AllowedOrigins(security.allowedOrigins());
    }

    boolean allows(String origin, RouteKind kind) {
        String value = origin.trim().toLowerCase(Locale.ROOT);
        if (isLoopbackOrigin(value)) {
            return true;
        }
        for (String entry : configured) {
            if (entry.equals("*") ? kind != RouteKind.CONTROL : matches(entry, value)) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code "*"} was set explicitly: then any page may use the inference routes. */
    boolean admitsEveryOrigin() {
        return configured.contains("*");
    }

    private static boolean matches(String entry, String origin) {
        if (entry.endsWith(":*")) {
            String prefix = entry.substring(0, entry.length() - 1);
            return origin.equals(entry.substring(0, entry.length() - 2))
                    || (origin.startsWith(prefix) && origin.substring(prefix.length()).matches("\\d{1,5}"));
        }
        return origin.equals(entry);
    }

    private static boolean isLoopbackOrigin(String origin) {
        String rest;
        if (origin.startsWith("http://")) {
            rest = origin.substring(7);
        } else if (origin.startsWith("https://")) {
            rest = origin.substring(8);
        } else {
            return false;
        }
        if (rest.contains("/") || rest.contains("@")) {
            return false;
        }
        String host = Loopback.hostOf(rest);
        String port = rest.substring(host.length());
        return LOOPBACK_ORIGIN_HOSTS.contains(host) && (port.isEmpty() || port.matches(":\\d{1,5}"));
    }
}
