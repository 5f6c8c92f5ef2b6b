package dev.swapdeck.config;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The top-level settings from current llama-swap (SPEC §10), grouped so the configuration record
 * grows by one component.
 *
 * @param includeAliasesInList whether {@code /v1/models} lists each alias as an entry of its own
 * @param unloadTimeout        the default of every model's {@code unloadTimeout}
 * @param ignorePaths          {@code /upstream/<model>/<path>} requests whose path matches one of
 *                             these never start a model
 * @param peers                by id, in file order
 */
public record ConfigExtras(boolean includeAliasesInList, Duration unloadTimeout, List<Pattern> ignorePaths,
        Map<String, PeerConfig> peers) {

    /** llama-swap's default: static assets a browser asks for never start a model. */
    public static final String DEFAULT_IGNORE_PATH = ".*\\.(js|json|css|png|gif|jpg|jpeg|ico|txt)$";

    public static final ConfigExtras DEFAULTS = new ConfigExtras(false, ModelExtras.DEFAULT_UNLOAD_TIMEOUT,
            List.of(Pattern.compile(DEFAULT_IGNORE_PATH)), Map.of());

    public ConfigExtras {
        ignorePaths = List.copyOf(ignorePaths);
        peers = Collections.unmodifiableMap(new LinkedHashMap<>(peers));
    }

    /** Whether a request for {@code path} (after {@code /upstream/<model>}) may not start a model. */
    public boolean ignored(String path) {
        return ignorePaths.stream().anyMatch(p -> p.matcher(path).find());
    }
}
