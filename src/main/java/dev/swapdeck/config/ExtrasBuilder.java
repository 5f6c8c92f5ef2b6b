package dev.swapdeck.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Builds a model's {@link ModelExtras} once its port is known ({@code metadata} may use
 * {@code ${PORT}}). Also reads the parts peers share with models: filters and timeouts.
 */
final class ExtrasBuilder {
    private static final Set<String> MODALITIES = Set.of("text", "audio", "image");

    private ExtrasBuilder() {
    }

    static ModelExtras build(ModelSection s, Optional<Integer> port, Duration defaultUnloadTimeout, Problems p) {
        PlainValues values = new PlainValues(s.macros, s.id, port, p);
        Map<String, YamlNodes.Entry> keys = s.extras;
        Map<String, Object> metadata = Optional.ofNullable(keys.get("metadata"))
                .map(e -> values.mapping(e.value(), e.path(), "a mapping of names to values"))
                .orElse(Map.of());
        Capabilities capabilities = Optional.ofNullable(keys.get("capabilities"))
                .map(e -> capabilities(e, p)).orElse(Capabilities.NONE);
        Duration unloadTimeout = Optional.ofNullable(keys.get("unloadTimeout"))
                .flatMap(e -> unloadTimeout(e, p)).orElse(defaultUnloadTimeout);
        Timeouts timeouts = Optional.ofNullable(keys.get("timeouts"))
                .map(e -> timeouts(e, Timeouts.MODEL_DEFAULTS, p)).orElse(Timeouts.MODEL_DEFAULTS);
        RequestFilters filters = filters(keys.get("setParams"), keys.get("setParamsByID"), values, p);
        return new ModelExtras(filters, metadata, capabilities, unloadTimeout, timeouts, Optional.empty());
    }

    /**
     * {@code setParams} and {@code setParamsByID} (either may be null); {@code model} is dropped from
     * both with a warning. {@code setParamsByID} keys are expanded like the values.
     */
    static RequestFilters filters(YamlNodes.Entry setParams, YamlNodes.Entry byId, PlainValues values, Problems p) {
        Map<String, Object> set = setParams == null ? Map.of()
                : withoutModel(values.mapping(setParams.value(), setParams.path(), "a mapping of body keys to values"),
                        setParams, p);
        Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
        if (byId != null) {
            YamlNodes.mapping(byId.value(), byId.path(), "a mapping of requested model name to parameters", p)
                    .ifPresent(entries -> entries.forEach((key, e) ->
                            values.key(new Located<>(key, e.keyNode()), e.path()).ifPresent(name -> byName.put(name,
                                    withoutModel(values.mapping(e.value(), e.path(), "a mapping of body keys to values"),
                                            e, p)))));
        }
        return new RequestFilters(set, byName);
    }

    private static Map<String, Object> withoutModel(Map<String, Object> params, YamlNodes.Entry at, Problems p) {
        if (params.containsKey("model")) {
            p.warn(at.keyNode(), at.path() + ".model", "model is never set by a filter (the proxy routes by it); ignored");
            Map<String, Object> copy = new LinkedHashMap<>(params);
            copy.remove("model");
            return copy;
        }
        return params;
    }

    /** llama-swap's {@code 0} means "the global value", like leaving it out. */
    static Optional<Duration> unloadTimeout(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        if (value.isPresent() && value.get().value() < 0) {
            p.error(e.value(), e.path(), "expected 0 (the default) or more seconds, got " + value.get().value());
            return Optional.empty();
        }
        return value.filter(v -> v.value() > 0).map(v -> Duration.ofSeconds(v.value()));
    }

    /**
     * {@code connect} bounds how long getting a connection may take, {@code responseHeader} how long the
     * server may then take to begin its answer. The other keys tune Go's HTTP client and are read (and
     * checked) but not used, with a warning saying so.
     */
    static Timeouts timeouts(YamlNodes.Entry timeouts, Timeouts defaults, Problems p) {
        Duration connect = defaults.connect();
        Duration responseHeader = defaults.responseHeader();
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(timeouts.value(), timeouts.path(),
                "a mapping (connect: 30, responseHeader: 60, ...)", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "connect": connect = seconds(e, p).orElse(connect); break;
                case "responseHeader": responseHeader = seconds(e, p).orElse(responseHeader); break;
                case "keepalive": case "tlsHandshake": case "idleConn": case "expectContinue":
                    seconds(e, p);
                    p.warn(e.keyNode(), e.path(), "read but not used: Swapdeck's connection pool keeps idle "
                            + "connections 4 s and uses the JVM's TLS defaults");
                    break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        return new Timeouts(connect, responseHeader);
    }

    private static Optional<Duration> seconds(YamlNodes.Entry e, Problems p) {
        Optional<Located<Long>> value = YamlNodes.wholeNumber(e.value(), e.path(), "a whole number of seconds", p);
        if (value.isPresent() && value.get().value() < 0) {
            p.error(e.value(), e.path(), "expected 0 (no limit) or more seconds, got " + value.get().value());
            return Optional.empty();
        }
        return value.map(v -> Duration.ofSeconds(v.value()));
    }

    private static Capabilities capabilities(YamlNodes.Entry caps, Problems p) {
        List<String> in = List.of();
        List<String> out = List.of();
        boolean tools = false;
        boolean reranker = false;
        long context = 0;
        Map<String, YamlNodes.Entry> keys = YamlNodes.mapping(caps.value(), caps.path(),
                "a mapping (in, out, tools, reranker, context)", p).orElse(Map.of());
        for (YamlNodes.Entry e : keys.values()) {
            switch (e.key()) {
                case "in": in = modalities(e, p); break;
                case "out": out = modalities(e, p); break;
                case "tools": tools = YamlNodes.bool(e.value(), e.path(), p).orElse(false); break;
                case "reranker": reranker = YamlNodes.bool(e.value(), e.path(), p).orElse(false); break;
                case "context":
                    context = YamlNodes.wholeNumber(e.value(), e.path(), "a number of tokens", p).map(Located::value).orElse(0L);
                    if (context < 0) {
                        p.error(e.value(), e.path(), "expected 0 or more tokens, got " + context);
                    }
                    break;
                default: IgnoredKeys.unknown(e, p);
            }
        }
        return new Capabilities(in, out, tools, reranker, Math.max(0, context));
    }

    private static List<String> modalities(YamlNodes.Entry e, Problems p) {
        List<String> list = new ArrayList<>();
        for (Located<String> item : YamlNodes.textList(e.value(), e.path(), p)) {
            if (MODALITIES.contains(item.value())) {
                list.add(item.value());
            } else {
                p.error(item.node(), e.path(), "unknown modality \"" + item.value() + "\"; expected text, audio or image");
            }
        }
        return list;
    }
}
