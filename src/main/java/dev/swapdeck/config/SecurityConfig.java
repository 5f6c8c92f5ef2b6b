package dev.swapdeck.config;

import java.time.Duration;
import java.util.List;

/**
 * What guards Swapdeck's HTTP surface (SPEC §8). Immutable; part of {@link SwapdeckConfig}, so a reload
 * replaces it. The keys, hosts, origins and body limit apply to the next request after a reload; the
 * body budget and the two timeouts belong to the listener and take effect at the next start.
 *
 * @param apiKeys              llama-swap's {@code apiKeys}: when not empty every route but
 *                             {@code /health} needs one of them
 * @param allowedHosts         {@code security.allowedHosts}: host names (no port) admitted besides
 *                             loopback names while listening on loopback; {@code "*"} admits any
 * @param allowedOrigins       {@code security.cors.allowedOrigins}: origins admitted besides loopback
 *                             ones, as {@code scheme://host[:port]}, {@code scheme://host:*}, or {@code "*"}
 * @param maxBodyBytes         {@code security.maxBodySize}: largest request body (413 beyond it)
 * @param bodyBudgetBytes      {@code security.bodyBudget}: bytes of request bodies held in memory at once
 * @param requestHeaderTimeout {@code security.requestHeaderTimeout}: time a client has to send a
 *                             request's headers, and the longest its body may go without a byte
 * @param idleTimeout          {@code security.idleTimeout}: how long a keep-alive connection may sit idle
 */
public record SecurityConfig(
        List<String> apiKeys,
        List<String> allowedHosts,
        List<String> allowedOrigins,
        long maxBodyBytes,
        long bodyBudgetBytes,
        Duration requestHeaderTimeout,
        Duration idleTimeout) {

    public static final long DEFAULT_MAX_BODY_BYTES = 64L * 1024 * 1024;
    public static final long DEFAULT_BODY_BUDGET_BYTES = 256L * 1024 * 1024;
    public static final Duration DEFAULT_REQUEST_HEADER_TIMEOUT = Duration.ofSeconds(30);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(120);

    public SecurityConfig {
        apiKeys = List.copyOf(apiKeys);
        allowedHosts = List.copyOf(allowedHosts);
        allowedOrigins = List.copyOf(allowedOrigins);
        if (maxBodyBytes < 1 || bodyBudgetBytes < maxBodyBytes) {
            throw new IllegalArgumentException("need 0 < maxBodyBytes <= bodyBudgetBytes, got "
                    + maxBodyBytes + " and " + bodyBudgetBytes);
        }
    }

    /** No keys, loopback only, the default limits. */
    public static SecurityConfig defaults() {
        return new SecurityConfig(List.of(), List.of(), List.of(), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_BODY_BUDGET_BYTES, DEFAULT_REQUEST_HEADER_TIMEOUT, DEFAULT_IDLE_TIMEOUT);
    }

    public boolean requiresKeys() {
        return !apiKeys.isEmpty();
    }

    public SecurityConfig withApiKeys(List<String> keys) {
        return new SecurityConfig(keys, allowedHosts, allowedOrigins, maxBodyBytes, bodyBudgetBytes,
                requestHeaderTimeout, idleTimeout);
    }

    public SecurityConfig withLimits(long maxBody, long budget, Duration headerTimeout, Duration idle) {
        return new SecurityConfig(apiKeys, allowedHosts, allowedOrigins, maxBody, budget, headerTimeout, idle);
    }

    public SecurityConfig withAllowed(List<String> hosts, List<String> origins) {
        return new SecurityConfig(apiKeys, hosts, origins, maxBodyBytes, bodyBudgetBytes, requestHeaderTimeout,
                idleTimeout);
    }

    /** Never prints the keys themselves: a config is logged and shown in places keys must not reach. */
    @Override
    public String toString() {
        return "SecurityConfig[apiKeys=" + apiKeys.size() + " set, allowedHosts=" + allowedHosts
                + ", allowedOrigins=" + allowedOrigins + ", maxBodyBytes=" + maxBodyBytes + ", bodyBudgetBytes="
                + bodyBudgetBytes + ", requestHeaderTimeout=" + requestHeaderTimeout + ", idleTimeout="
                + idleTimeout + "]";
    }
}
