package dev.swapdeck.config;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** Reads {@link ConfigExtras}: {@code includeAliasesInList}, {@code unloadTimeout}, {@code upstream}, {@code peers}. */
final class TopLevelExtras {
    static final Set<String> KEYS = Set.of("includeAliasesInList", "unloadTimeout", "upstream", "peers");

    private TopLevelExtras() {
    }

    static ConfigExtras read(Map<String, YamlNodes.Entry> top, Macros macros, Problems p) {
        ConfigExtras d = ConfigExtras.DEFAULTS;
        boolean includeAliases = Optional.ofNullable(top.get("includeAliasesInList"))
                .flatMap(e -> YamlNodes.bool(e.value(), e.path(), p)).orElse(d.includeAliasesInList());
        Duration unloadTimeout = Optional.ofNullable(top.get("unloadTimeout"))
                .flatMap(e -> ExtrasBuilder.unloadTimeout(e, p)).orElse(d.unloadTimeout());
        List<Pattern> ignorePaths = Optional.ofNullable(top.get("upstream")).map(e -> ignorePaths(e, p))
                .filter(list -> !list.isEmpty()).orElse(d.ignorePaths());
        Map<String, PeerConfig> peers = Optional.ofNullable(top.get("peers"))
                .map(e -> peers(e, new PlainValues(macros, "", Optional.empty(), p), p)).orElse(Map.of());
        return new ConfigExtras(includeAliases, unloadTimeout, ignorePaths, peers);
    }

    /** Empty (so the default applies) when the section lists none, as in llama-swap. */
    private static List<Pattern> ignorePaths(YamlNodes.Entry upstream, Problems p) {
        List<Pattern> patterns = new ArrayList<>();
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(upstream.value(), upstream.path(),
                "a mapping (ignorePaths: [...])", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            if (!e.key().equals("ignorePaths")) {
                IgnoredKeys.unknown(e, p);
                continue;
            }
            for (Located<String> regex : YamlNodes.textList(e.value(), e.path(), p)) {
                try {
                    patterns.add(Pattern.compile(regex.value()));
                } catch (PatternSyntaxException ex) {
                    p.error(regex.node(), e.path(), "not a valid regular expression: " + ex.getDescription()
                            + " in \"" + regex.value() + "\"");
                }
            }
        }
        return patterns;
    }

    private static Map<String, PeerConfig> peers(YamlNodes.Entry peers, PlainValues values, Problems p) {
        Map<String, PeerConfig> result = new LinkedHashMap<>();
        YamlNodes.mapping(peers.value(), peers.path(), "a mapping of peer id to settings", p).ifPresent(entries ->
                entries.values().forEach(e -> peer(e, values, p).ifPresent(peer -> result.put(peer.id(), peer))));
        return result;
    }

    private static Optional<PeerConfig> peer(YamlNodes.Entry peer, PlainValues values, Problems p) {
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(peer.value(), peer.path(),
                "a mapping with proxy and models", p).orElse(Map.of());
        int before = p.errorCount();
        URI proxy = null;
        Optional<String> apiKey = Optional.empty();
        Set<String> models = new LinkedHashSet<>();
        Set<String> strip = new LinkedHashSet<>();
        YamlNodes.Entry setParams = null;
        YamlNodes.Entry byId = null;
        Timeouts timeouts = Timeouts.PEER_DEFAULTS;
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "proxy": proxy = YamlNodes.text(e.value(), e.path(), p).map(t -> url(t, e.path(), p)).orElse(null);
                    break;
                case "apiKey": apiKey = YamlNodes.text(e.value(), e.path(), p).map(k -> key(k, e.path(), p))
                        .filter(k -> !k.isBlank());
                    break;
                case "models": YamlNodes.textList(e.value(), e.path(), p).forEach(m -> models.add(m.value())); break;
                case "timeouts": timeouts = ExtrasBuilder.timeouts(e, Timeouts.PEER_DEFAULTS, p); break;
                case "filters":
                    Map<String, YamlNodes.Entry> filters = YamlNodes.mapping(e.value(), e.path(), "a mapping of filters", p)
                            .orElse(Map.of());
                    for (YamlNodes.Entry f : filters.values()) {
                        switch (f.key()) {
                            case "stripParams": YamlNodes.text(f.value(), f.path(), p)
                                    .ifPresent(text -> strip.addAll(ModelBuilder.paramList(text.value()))); break;
                            case "setParams": setParams = f; break;
                            case "setParamsByID": byId = f; break;
                            default: IgnoredKeys.filters(f, p);
                        }
                    }
                    break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        if (proxy == null && !keys.containsKey("proxy")) {
            p.error(peer.keyNode(), peer.path() + ".proxy", "a peer needs proxy: the base URL of the remote server");
        }
        if (models.isEmpty()) {
            p.error(peer.keyNode(), peer.path() + ".models", "a peer needs models: the names it serves");
        }
        RequestFilters filters = ExtrasBuilder.filters(setParams, byId, values, p);
        if (p.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new PeerConfig(peer.key(), proxy, apiKey, List.copyOf(models), strip, filters, timeouts));
    }

    private static URI url(Located<String> text, String path, Problems p) {
        return HttpUrl.read(text.value(), text.node(), path, p);
    }

    /**
     * A peer's key without the blanks around it (a {@code |} block ends it with a line break); null with
     * an error if a line break or control character is left inside: it goes into a request header.
     */
    private static String key(Located<String> text, String path, Problems p) {
        String key = text.value().strip();
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            p.error(text.node(), path, "apiKey must be one line without control characters: it is sent in a header");
            return null;
        }
        return key;
    }
}
