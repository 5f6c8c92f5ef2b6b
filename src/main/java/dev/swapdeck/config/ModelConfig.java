package dev.swapdeck.config;

import dev.swapdeck.memory.ModelMemory;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entry under {@code models:}, fully resolved: macros and {@code ${PORT}} substituted, defaults
 * applied, the command split into arguments.
 *
 * @param cmd            program and arguments, never run through a shell
 * @param cmdStop        stop command split into arguments, still containing {@code ${PID}}; empty
 *                       means SIGTERM
 * @param proxy          base URL requests are forwarded to, without a trailing slash
 * @param env            extra environment, in file order
 * @param checkEndpoint  path polled until it answers 200; empty means ready as soon as started
 * @param ttl            idleness after which the process is stopped; {@link Duration#ZERO} never
 * @param useModelName   written into the forwarded body's {@code model}; empty leaves it
 * @param port           the port {@code ${PORT}} gave this model, if it uses one
 * @param extras         current llama-swap's settings (filters, metadata, timeouts, peer)
 * @param feedback       what clients waiting for it are shown ({@code sendLoadingState})
 * @param memory         its {@code memory} and {@code pinned} settings (SPEC §11)
 */
public record ModelConfig(
        String id,
        Optional<String> name,
        Optional<String> description,
        List<String> cmd,
        List<String> cmdStop,
        URI proxy,
        List<String> aliases,
        Map<String, String> env,
        Optional<String> checkEndpoint,
        Duration ttl,
        boolean unlisted,
        Optional<String> useModelName,
        int concurrencyLimit,
        Set<String> stripParams,
        Optional<Integer> port,
        ModelExtras extras,
        ClientFeedback feedback,
        ModelMemory memory) {

    public static final int DEFAULT_CONCURRENCY_LIMIT = 10;
    public static final String DEFAULT_CHECK_ENDPOINT = "/health";

    public ModelConfig {
        cmd = List.copyOf(cmd);
        cmdStop = List.copyOf(cmdStop);
        aliases = List.copyOf(aliases);
        env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
        stripParams = Set.copyOf(stripParams);
    }

    /** The name to show a person: {@code name} if set, else the id. */
    public String displayName() {
        return name.orElse(id);
    }
}
