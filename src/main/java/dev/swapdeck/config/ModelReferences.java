package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The settings that name models: {@code profiles} and {@code hooks.on_startup.preload}. A name may be
 * a model id or an alias (kept as the model id); anything else is an error.
 */
final class ModelReferences {
    private final Set<String> ids;
    private final Map<String, String> aliases;
    private final Problems p;

    ModelReferences(Set<String> ids, Map<String, String> aliases, Problems p) {
        this.ids = ids;
        this.aliases = aliases;
        this.p = p;
    }

    /**
     * A seed-era profile ({@code name: [model ids]}): its member ids, in file order. A profile name
     * cannot contain {@code :}, since requests name {@code profile:model}.
     */
    Optional<List<String>> seedProfile(YamlNodes.Entry profile) {
        if (profile.key().isBlank() || profile.key().contains(":")) {
            p.error(profile.keyNode(), profile.path(), "a profile name cannot be empty or contain ':' "
                    + "(requests name profile:model)");
            return Optional.empty();
        }
        List<String> members = models(profile, false);
        if (members.isEmpty()) {
            p.warn(profile.keyNode(), profile.path(), "profile has no models");
        }
        return Optional.of(members);
    }

    /** {@code hooks.on_startup.preload}; other hooks and actions are warned about and ignored. */
    List<String> preload(YamlNodes.Entry hooks) {
        List<String> preload = new ArrayList<>();
        Map<String, YamlNodes.Entry> hookEntries = YamlNodes.mapping(hooks.value(), hooks.path(),
                "a mapping (on_startup: ...)", p).orElse(Map.of());
        for (YamlNodes.Entry hook : hookEntries.values()) {
            if (!hook.key().equals("on_startup")) {
                IgnoredKeys.unknown(hook, p);
                continue;
            }
            Map<String, YamlNodes.Entry> actions = YamlNodes.mapping(hook.value(), hook.path(),
                    "a mapping (preload: ...)", p).orElse(Map.of());
            for (YamlNodes.Entry action : actions.values()) {
                if (action.key().equals("preload")) {
                    preload.addAll(models(action, true));
                } else {
                    IgnoredKeys.unknown(action, p);
                }
            }
        }
        return preload;
    }

    /**
     * The model ids a list names. An unknown name is skipped with a warning, as llama-swap skips it: a
     * stale profile member or preload entry must not stop Swapdeck from starting. {@code trim}: names
     * are trimmed and empty ones skipped first (llama-swap does so for preload).
     */
    private List<String> models(YamlNodes.Entry list, boolean trim) {
        Set<String> members = new LinkedHashSet<>();
        for (Located<String> written : YamlNodes.textList(list.value(), list.path(), p)) {
            Located<String> name = trim ? written.with(written.value().strip()) : written;
            if (name.value().isEmpty()) {
                continue;
            }
            Optional<String> id = resolve(name.value());
            if (id.isEmpty()) {
                p.warn(name.node(), list.path(), "unknown model \"" + name.value() + "\" (skipped)");
            } else if (!members.add(id.get())) {
                p.warn(name.node(), list.path(), "model \"" + name.value() + "\" is listed twice");
            }
        }
        return List.copyOf(members);
    }

    /** The model id a name (id or alias) stands for. */
    Optional<String> resolve(String name) {
        return ids.contains(name) ? Optional.of(name) : Optional.ofNullable(aliases.get(name));
    }
}
