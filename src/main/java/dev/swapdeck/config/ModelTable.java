package dev.swapdeck.config;

import java.time.Duration;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/** The checks and allocations that need every model at once: aliases and {@code ${PORT}}. */
final class ModelTable {

    private ModelTable() {
    }

    /**
     * Alias to model id. An alias must be unique across the file and must not be another model's id
     * (which would make a request ambiguous).
     */
    static Map<String, String> aliases(List<ModelSection> sections, Problems p) {
        Map<String, String> ids = new HashMap<>();
        sections.forEach(s -> ids.put(s.id, s.id));
        Map<String, String> aliases = new HashMap<>();
        for (ModelSection s : sections) {
            for (Located<String> alias : s.aliases) {
                String name = alias.value();
                if (name.isBlank()) {
                    p.error(alias.node(), s.path + ".aliases", "an alias cannot be empty");
                } else if (ids.containsKey(name)) {
                    p.error(alias.node(), s.path + ".aliases", "alias \"" + name + "\" is already a model id");
                } else if (aliases.containsKey(name)) {
                    p.error(alias.node(), s.path + ".aliases", "alias \"" + name + "\" is already used by model "
                            + aliases.get(name));
                } else {
                    aliases.put(name, s.id);
                }
            }
        }
        for (ModelSection s : sections) {
            paramsByIdAliases(s, ids, aliases, p);
        }
        return aliases;
    }

    /**
     * llama-swap makes every {@code setParamsByID} key an alias of its model, except the model's own
     * id and an alias it already has; another model's id or alias is an error.
     */
    private static void paramsByIdAliases(ModelSection s, Map<String, String> ids, Map<String, String> aliases,
            Problems p) {
        for (Located<String> key : s.paramsByIdKeys.values()) {
            String name = key.value();
            String path = s.path + ".filters.setParamsByID";
            if (name.equals(s.id) || s.id.equals(aliases.get(name))) {
                continue;
            }
            if (ids.containsKey(name)) {
                p.error(key.node(), path, "key \"" + name + "\" is another model's id");
            } else if (aliases.containsKey(name)) {
                p.error(key.node(), path, "key \"" + name + "\" is already an alias of model " + aliases.get(name));
            } else if (name.isBlank()) {
                p.error(key.node(), path, "a key cannot be empty");
            } else {
                aliases.put(name, s.id);
            }
        }
    }

    /**
     * Every model, finished. Ports: models sorted by id; each whose {@code cmd} uses {@code ${PORT}}
     * gets {@code startPort + n}, n counting only such models, so a port depends on the file alone.
     */
    static SortedMap<String, ModelConfig> build(List<ModelSection> sections, int startPort, Duration globalTtl,
            Duration globalUnloadTimeout, Problems p) {
        SortedMap<String, ModelConfig> models = new TreeMap<>();
        int next = startPort;
        boolean anyAddressed = sections.stream().anyMatch(ModelSection::hasAddress);
        for (ModelSection s : sections.stream().sorted(Comparator.comparing((ModelSection m) -> m.id)).toList()) {
            if (!s.hasAddress()) {
                leaveOut(s, anyAddressed, p);
                continue;
            }
            Optional<Integer> port = Optional.empty();
            if (s.usesPort()) {
                if (next > 65535) {
                    p.error(s.cmd.node(), s.path + ".cmd", "no port left for ${PORT}: startPort " + startPort
                            + " plus one port per model passes 65535");
                    continue;
                }
                port = Optional.of(next++);
            }
            ModelBuilder.build(s, port, globalTtl, globalUnloadTimeout, p).ifPresent(m -> models.put(m.id(), m));
        }
        return Collections.unmodifiableSortedMap(models);
    }

    /**
     * A model with no address for its server. llama-swap refuses the whole file, its own
     * config.example.yaml included; Swapdeck loads the rest with a warning (SPEC §10), unless nothing
     * would be left.
     */
    private static void leaveOut(ModelSection s, boolean othersRemain, Problems p) {
        String why = "cmd does not use ${PORT} and proxy is not set, so there is no address for this model's server";
        String fix = "set proxy to the URL it listens on (e.g. http://127.0.0.1:8080)";
        if (othersRemain) {
            p.warn(s.cmd.node(), s.path + ".proxy", why + ": the model is left out (llama-swap would refuse this "
                    + "file); " + fix);
        } else {
            p.error(s.cmd.node(), s.path + ".proxy", why + "; " + fix);
        }
    }
}
