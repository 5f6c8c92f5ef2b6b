package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * One entry under {@code models:} as written, macros expanded ({@link MacroPass}), before
 * {@code ${PORT}} is known. Reading reports type errors; {@link ModelBuilder} finishes it once ports are handed out.
 */
final class ModelSection {
    /** llama-swap's fixed model id for its ComfyUI passthrough (2026). */
    static final String COMFYUI = "comfyui_auto";
    final String id;
    final String path;
    final Node idNode;
    Located<String> cmd;
    /** Whether cmd as written names {@code ${PORT}}, kept for a cmd whose other macros could not be expanded (reported). */
    private boolean portInUnexpandedCmd;
    Located<String> cmdStop;
    Located<String> proxy;
    Located<String> checkEndpoint;
    Located<String> useModelName;
    Located<String> name;
    Located<String> description;
    Located<String> stripParams;
    Located<Long> ttl;
    Located<Long> concurrencyLimit;
    boolean unlisted;
    Optional<Boolean> sendLoadingState = Optional.empty();
    Located<Long> memory;
    boolean pinned;
    Node pinnedNode;
    final List<Located<String>> aliases = new ArrayList<>();
    final List<Located<String>> env = new ArrayList<>();
    /** The newer keys, kept as nodes until {@link ExtrasBuilder} knows the port. */
    final Map<String, YamlNodes.Entry> extras = new LinkedHashMap<>();
    /** {@code setParamsByID} keys with macros expanded: each is also an alias of this model. */
    final Map<String, Located<String>> paramsByIdKeys = new LinkedHashMap<>();
    Macros macros;

    private ModelSection(String id, String path, Node idNode) {
        this.id = id;
        this.path = path;
        this.idNode = idNode;
    }

    /** Whether the command (after macros) asks for a port; only such models get one. */
    boolean usesPort() {
        return cmd != null ? Macros.uses(cmd.value(), Macros.PORT) : portInUnexpandedCmd;
    }

    /**
     * Whether requests for this model have somewhere to go: a {@code proxy}, or a port from
     * {@code ${PORT}} in cmd for the default proxy. A model without either is left out (SPEC §10). A
     * missing or empty command is reported for what it is, not as a missing address.
     */
    boolean hasAddress() {
        return cmd == null || cmd.value().isBlank() || proxy != null || usesPort();
    }

    /** The logs /logs/stream/{name} serves before any model of that name. */
    private static final Set<String> LOG_NAMES = Set.of("proxy", "upstream");

    static ModelSection read(YamlNodes.Entry model, Macros globalMacros, MacroTypes globalTypes, Problems p) {
        ModelSection s = new ModelSection(model.key(), model.path(), model.keyNode());
        if (model.key().isBlank()) {
            p.error(model.keyNode(), model.path(), "a model id cannot be empty");
        }
        if (model.key().equals(COMFYUI)) {
            p.warn(model.keyNode(), model.path(), "llama-swap serves this model's web UI at /comfyui/; Swapdeck does "
                    + "not (no /comfyui route, websockets count as requests): open it at /upstream/" + COMFYUI + "/");
        }
        if (LOG_NAMES.contains(model.key())) {
            // as in llama-swap, /logs/stream/proxy and /logs/stream/upstream name those logs first
            p.warn(model.keyNode(), model.path(), "/logs/stream/" + model.key() + " is Swapdeck's " + model.key()
                    + " log, not this model's output: that is in /logs/stream/upstream; rename the model to follow it alone");
        }
        if (YamlNodes.isNull(model.value())) {
            // a model whose settings are all commented out; llama-swap lists it and fails each start of it
            p.warn(model.keyNode(), model.path(), "no settings (all commented out?): the model is left out");
            return s;
        }
        Optional<Map<String, YamlNodes.Entry>> mapping = YamlNodes.mapping(model.value(), model.path(),
                "a mapping with at least cmd", p);
        if (mapping.isEmpty()) {
            return s;
        }
        Map<String, YamlNodes.Entry> keys = mapping.get();
        YamlNodes.Entry own = keys.get("macros");
        Macros macros = own == null ? globalMacros : globalMacros.with(own.value(), own.path(), p);
        s.macros = macros;
        MacroTypes types = own == null ? globalTypes : globalTypes.with(own.value());
        for (YamlNodes.Entry e : keys.values()) {
            // commands expand their macros in command(), once EnvMacros has taken their comments out
            boolean raw = e.key().equals("cmd") || e.key().equals("cmdStop") || e.key().equals("macros");
            s.readKey(raw ? e : MacroPass.model(e, macros, types, s.id, p), macros, p);
        }
        YamlNodes.Entry cmd = keys.get("cmd");
        boolean noCmd = cmd == null || YamlNodes.isNull(cmd.value());
        YamlNodes.Entry proxy = keys.get("proxy");
        if (noCmd && (proxy == null || YamlNodes.isNull(proxy.value()))) {
            p.error(model.keyNode(), model.path() + ".cmd", "missing cmd: the command that starts this model's server");
        } else if (noCmd) {
            // llama-swap loads it as well, and fails each start of it ("empty command")
            p.warn(model.keyNode(), model.path() + ".cmd", "missing cmd: the model is listed, but every request for it"
                    + " fails until cmd gives the command that starts its server; a server that runs elsewhere goes"
                    + " in peers");
        }
        return s;
    }

    private void readKey(YamlNodes.Entry e, Macros macros, Problems p) {
        switch (e.key()) {
            case "cmd":
                cmd = command(e, macros, p);
                // its other values still get the port, so that a mistake in cmd is the one error shown
                portInUnexpandedCmd = cmd == null && e.value() instanceof ScalarNode scalar
                        && Macros.uses(scalar.getValue(), Macros.PORT);
                break;
            case "cmdStop": cmdStop = command(e, macros, p); break;
            case "cmd_stop":
                // llama-swap's name for it on 30 and 31 January 2025; cmdStop wins if both are there
                p.warn(e.keyNode(), e.path(), "cmd_stop is an early llama-swap name of cmdStop; read as cmdStop");
                if (cmdStop == null) {
                    cmdStop = command(e, macros, p);
                }
                break;
            case "proxy": proxy = text(e, p); break;
            case "checkEndpoint": checkEndpoint = text(e, p); break;
            case "useModelName": useModelName = text(e, p); break;
            case "name": name = text(e, p); break;
            case "description": description = text(e, p); break;
            case "ttl": ttl = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p).orElse(null); break;
            case "concurrencyLimit":
                concurrencyLimit = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number", p).orElse(null);
                break;
            case "unlisted": unlisted = YamlNodes.bool(e.value(), e.path(), p).orElse(false); break;
            case "aliases": readAliases(e, p); break;
            case "memory": memory = MemorySettings.size(e, p).orElse(null); break;
            case "pinned":
                pinned = YamlNodes.bool(e.value(), e.path(), p).orElse(false);
                pinnedNode = e.keyNode();
                break;
            case "env": env.addAll(YamlNodes.textList(e.value(), e.path(), p)); break;
            case "filters": readFilters(e, macros, p); break;
            case "metadata": case "capabilities": case "unloadTimeout": case "timeouts": extras.put(e.key(), e); break;
            case "macros": break;
            case ClientFeedback.KEY: sendLoadingState = YamlNodes.bool(e.value(), e.path(), p); break;
            default: IgnoredKeys.model(e, p);
        }
    }

    private Located<String> command(YamlNodes.Entry e, Macros macros, Problems p) {
        return YamlNodes.text(e.value(), e.path(), p)
                .flatMap(text -> macros.expand(text, e.path(), id, p).map(text::with))
                .orElse(null);
    }

    private static Located<String> text(YamlNodes.Entry e, Problems p) {
        return YamlNodes.text(e.value(), e.path(), p).orElse(null);
    }

    /** Plain names, or newer llama-swap's {@code - id: name} entries (their other keys are ignored). */
    private void readAliases(YamlNodes.Entry e, Problems p) {
        if (!(e.value() instanceof SequenceNode)) {
            aliases.addAll(YamlNodes.textList(e.value(), e.path(), p));
            return;
        }
        List<Node> items = ((SequenceNode) e.value()).getValue();
        for (int i = 0; i < items.size(); i++) {
            String itemPath = e.path() + "[" + i + "]";
            if (!(items.get(i) instanceof MappingNode)) {
                YamlNodes.text(items.get(i), itemPath, p).ifPresent(aliases::add);
                continue;
            }
            Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(items.get(i), itemPath, "an alias", p).orElse(Map.of());
            for (YamlNodes.Entry key : keys.values()) {
                if (key.key().equals("id")) {
                    YamlNodes.text(key.value(), key.path(), p).ifPresent(aliases::add);
                } else {
                    IgnoredKeys.alias(key, p);
                }
            }
            if (!keys.containsKey("id")) {
                p.error(items.get(i), itemPath + ".id", "an alias written as a mapping needs an id");
            }
        }
    }

    private void readFilters(YamlNodes.Entry filters, Macros macros, Problems p) {
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(filters.value(), filters.path(),
                "a mapping (stripParams: ...)", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "stripParams": stripParams = text(e, p); break;
                case "strip_params":
                    // llama-swap reads the old spelling only when the new one is absent
                    if (!keys.containsKey("stripParams")) {
                        stripParams = text(e, p);
                    }
                    break;
                case "setParams": extras.put("setParams", e); break;
                case "setParamsByID": readParamsById(e, macros, p); break;
                default: IgnoredKeys.filters(e, p);
            }
        }
    }

    private void readParamsById(YamlNodes.Entry byId, Macros macros, Problems p) {
        extras.put("setParamsByID", byId);
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(byId.value(), byId.path(),
                "a mapping of requested model name to parameters", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            Located<String> key = new Located<>(e.key(), e.keyNode());
            // ${PORT} stays until the ports are handed out (ModelTable.aliases)
            macros.expand(key, e.path(), id, p).ifPresent(name -> {
                if (paramsByIdKeys.put(name, key.with(name)) != null) {
                    p.error(e.keyNode(), e.path(), "two setParamsByID keys mean \"" + name + "\" once macros are expanded");
                }
            });
        }
    }
}
