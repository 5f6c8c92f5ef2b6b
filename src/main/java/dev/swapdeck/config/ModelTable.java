package dev.swapdeck.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import org.yaml.snakeyaml.nodes.Node;

/** The checks and allocations that need every model at once: aliases and {@code ${PORT}}. */
final class ModelTable {

    private ModelTable() {
    }

    /**
     * Alias to model id. An alias must be unique across the file; one that is empty or a model's id
     * is ignored with a warning.
     */
    static Map<String, String> aliases(List<ModelSection> sections, Map<String, Integer> ports, Problems p) {
        Map<String, String> ids = new HashMap<>();
        sections.forEach(s -> ids.put(s.id, s.id));
        Map<String, String> aliases = new HashMap<>();
        for (ModelSection s : sections) {
            for (ListIterator<Located<String>> each = s.aliases.listIterator(); each.hasNext(); ) {
                Located<String> alias = each.next();
                if (Macros.uses(alias.value(), Macros.PORT) && ports.containsKey(s.id)) {
                    alias = alias.with(alias.value().replace("${" + Macros.PORT + "}", ports.get(s.id).toString()));
                    each.set(alias);
                } else if (Macros.uses(alias.value(), Macros.PORT)) {
                    p.error(alias.node(), s.path + ".aliases", "uses ${PORT} but cmd does not, so this model gets no port");
                    continue;
                }
                String name = alias.value();
                // llama-swap loads both: a model id is looked up before any alias, so such an alias is dead
                if (name.isBlank()) {
                    p.warn(alias.node(), s.path + ".aliases", "an empty alias; ignored");
                    each.remove(); // nor listed, in /v1/models or anywhere
                } else if (ids.containsKey(name)) {
                    p.warn(alias.node(), s.path + ".aliases", "alias \"" + name + "\" is the id of model " + name
                            + ", which requests for it reach; the alias is ignored");
                    each.remove();
                } else if (aliases.containsKey(name)) {
                    p.error(alias.node(), s.path + ".aliases", "alias \"" + name + "\" is already used by model "
                            + aliases.get(name));
                } else {
                    aliases.put(name, s.id);
                }
            }
        }
        for (ModelSection s : sections) {
            portInParamsByIdKeys(s, ports, p);
            paramsByIdAliases(s, ids, aliases, p);
        }
        return aliases;
    }

    /**
     * {@code ${PORT}} in {@code setParamsByID} keys, as llama-swap substitutes it there. A model with no
     * port loses such a key here; its filters report it ({@link PlainValues#key}).
     */
    private static void portInParamsByIdKeys(ModelSection s, Map<String, Integer> ports, Problems p) {
        if (s.paramsByIdKeys.keySet().stream().noneMatch(name -> Macros.uses(name, Macros.PORT))) {
            return;
        }
        Map<String, Located<String>> resolved = new LinkedHashMap<>();
        s.paramsByIdKeys.forEach((name, key) -> {
            if (Macros.uses(name, Macros.PORT) && !ports.containsKey(s.id)) {
                return;
            }
            String withPort = name.replace("${" + Macros.PORT + "}", String.valueOf(ports.get(s.id)));
            if (resolved.put(withPort, key.with(withPort)) != null) {
                p.error(key.node(), s.path + ".filters.setParamsByID", "two setParamsByID keys mean \"" + withPort
                        + "\" once ${PORT} is " + ports.get(s.id));
            }
        });
        s.paramsByIdKeys.clear();
        s.paramsByIdKeys.putAll(resolved);
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
     * The port of each model whose {@code cmd} uses {@code ${PORT}}: models sorted by id, each such
     * one gets {@code startPort + n}, n counting only such models, so a port depends on the file alone;
     * on a reload, a model keeps the port {@code kept} names for it (then the others take the free
     * ports from {@code startPort} on, in the same order).
     */
    static Map<String, Integer> ports(List<ModelSection> sections, int startPort, PortHints kept, Problems p) {
        List<ModelSection> using = sorted(sections).stream().filter(s -> s.hasAddress() && s.usesPort()).toList();
        Map<String, Integer> ports = new HashMap<>();
        Set<Integer> taken = new HashSet<>();
        for (ModelSection s : using) {
            Integer port = kept.keptFor(s.id, startPort);
            if (port != null && taken.add(port)) {
                ports.put(s.id, port);
            }
        }
        int next = startPort;
        for (ModelSection s : using) {
            if (ports.containsKey(s.id)) {
                continue;
            }
            while (taken.contains(next)) {
                next++;
            }
            if (next > 65535) {
                Node at = s.cmd == null ? s.idNode : s.cmd.node(); // null when its macros failed (reported)
                p.error(at, s.path + ".cmd", "no port left for ${PORT}: startPort " + startPort
                        + " plus one port per model passes 65535");
                continue;
            }
            taken.add(next);
            ports.put(s.id, next++);
        }
        return ports;
    }

    /** Every model, finished, with the ports {@link #ports} handed out. */
    static SortedMap<String, ModelConfig> build(List<ModelSection> sections, Map<String, Integer> ports,
            Duration globalTtl, Duration globalUnloadTimeout, Problems p) {
        SortedMap<String, ModelConfig> models = new TreeMap<>();
        boolean anyAddressed = sections.stream().anyMatch(ModelSection::hasAddress);
        for (ModelSection s : sorted(sections)) {
            if (!s.hasAddress()) {
                leaveOut(s, anyAddressed, p);
            } else if (!s.usesPort() || ports.containsKey(s.id)) {
                ModelBuilder.build(s, Optional.ofNullable(ports.get(s.id)), globalTtl, globalUnloadTimeout, p)
                        .ifPresent(m -> models.put(m.id(), m));
            }
        }
        return Collections.unmodifiableSortedMap(models);
    }

    /** By id in code point order, which is Go's byte order of UTF-8: llama-swap's, so ports match its. */
    private static List<ModelSection> sorted(List<ModelSection> sections) {
        return sections.stream().sorted(Comparator.comparing((ModelSection m) -> m.id, ModelTable::byCodePoints)).toList();
    }

    private static int byCodePoints(String a, String b) {
        return Arrays.compare(a.codePoints().toArray(), b.codePoints().toArray());
    }

    /**
     * A model with no address for its server. llama-swap refuses the whole file, its own
     * config.example.yaml included; Swapdeck loads the rest with a warning (SPEC §10), unless nothing
     * would be left.
     */
    private static void leaveOut(ModelSection s, boolean othersRemain, Problems p) {
        String why = "cmd does not use ${PORT} and proxy is not set, so there is no address for this model's server";
        String fix = "set proxy to the URL it listens on (e.g. http://127.0.0.1:8080)" + p.commentNote(s.cmd.node(), "cmd");
        if (othersRemain) {
            p.warn(s.cmd.node(), s.path + ".proxy", why + ": the model is left out (llama-swap would refuse this "
                    + "file); " + fix);
        } else {
            p.error(s.cmd.node(), s.path + ".proxy", why + "; " + fix);
        }
    }
}
