package dev.swapdeck.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finishes a {@link ModelSection} once its port is known: substitutes {@code ${PORT}}, splits the
 * commands, applies defaults and checks values. Reports every problem; gives empty when any.
 */
final class ModelBuilder {
    static final String DEFAULT_PROXY = "http://127.0.0.1:${PORT}";
    /** llama-swap's least concurrency limit for {@link ModelSection#COMFYUI}. */
    static final int COMFYUI_CONCURRENCY_LIMIT = 50;

    private final ModelSection s;
    private final Optional<Integer> port;
    private final Problems p;

    private ModelBuilder(ModelSection s, Optional<Integer> port, Problems p) {
        this.s = s;
        this.port = port;
        this.p = p;
    }

    static Optional<ModelConfig> build(ModelSection s, Optional<Integer> port, Duration globalTtl,
            Duration globalUnloadTimeout, Problems p) {
        return new ModelBuilder(s, port, p).build(globalTtl, globalUnloadTimeout);
    }

    private Optional<ModelConfig> build(Duration globalTtl, Duration globalUnloadTimeout) {
        int before = p.errorCount();
        List<String> cmd = s.cmd == null ? List.of() : split(s.cmd, "cmd");
        List<String> cmdStop = s.cmdStop == null ? List.of() : split(s.cmdStop, "cmdStop");
        URI proxy = proxy();
        Map<String, String> env = env();
        Optional<String> checkEndpoint = checkEndpoint();
        Duration ttl = ttl(globalTtl);
        int concurrencyLimit = concurrencyLimit();
        Set<String> stripParams = stripParams();
        Optional<String> useModelName = optional(s.useModelName, "useModelName");
        Optional<String> name = optional(s.name, "name");
        Optional<String> description = optional(s.description, "description");
        ModelExtras extras = ExtrasBuilder.build(s, port, globalUnloadTimeout, p);
        if (proxy == null || p.errorCount() > before) {
            return Optional.empty();
        }
        return Optional.of(new ModelConfig(s.id, name, description, cmd, cmdStop, proxy, aliases(), env,
                checkEndpoint, ttl, s.unlisted, useModelName, concurrencyLimit, stripParams, port, extras,
                ClientFeedback.of(s), MemorySettings.model(s)));
    }

    /** The written aliases, then the {@code setParamsByID} keys that are not the id or already listed. */
    private List<String> aliases() {
        Set<String> aliases = new LinkedHashSet<>();
        s.aliases.forEach(a -> aliases.add(a.value()));
        s.paramsByIdKeys.keySet().stream().filter(key -> !key.equals(s.id)).forEach(aliases::add);
        return List.copyOf(aliases);
    }

    /** The text with {@code ${PORT}} replaced; null (after reporting) when it cannot be. */
    private String withPort(Located<String> text, String key) {
        String value = text.value();
        if (Macros.uses(value, Macros.PID) && !key.equals("cmdStop")) {
            p.error(text.node(), s.path + "." + key, "${PID} is only known in cmdStop");
            return null;
        }
        if (!Macros.uses(value, Macros.PORT)) {
            return value;
        }
        if (port.isEmpty()) {
            p.error(text.node(), s.path + "." + key, "uses ${PORT} but cmd does not, so this model gets no port; "
                    + "use ${PORT} in cmd too, or write the port number here");
            return null;
        }
        return value.replace("${" + Macros.PORT + "}", Integer.toString(port.get()));
    }

    private List<String> split(Located<String> text, String key) {
        String value = withPort(text, key);
        if (value == null) {
            return List.of();
        }
        List<String> args = CommandLine.words(CommandLine.withoutCommentLines(value), unclosed -> p.warn(text.node(),
                s.path + "." + key, unclosed + ": it runs to the end of the command, as llama-swap reads it; close it where"
                        + " it should end" + p.commentNote(text.node(), key)));
        if (args.isEmpty()) {
            p.error(text.node(), s.path + "." + key, "the command is empty");
        }
        ShellWords.unexpanded(args).ifPresent(word -> p.warn(text.node(), s.path + "." + key, word + ": the command "
                + "runs without a shell, as llama-swap runs it, so ~ and $VARIABLES stay as written; write the path in "
                + "full, or ${env.HOME} for your home folder"));
        return args;
    }

    private URI proxy() {
        if (s.proxy == null) {
            return port.map(n -> URI.create(DEFAULT_PROXY.replace("${PORT}", n.toString()))).orElse(null);
        }
        String text = withPort(s.proxy, "proxy");
        if (text == null) {
            return null;
        }
        return HttpUrl.read(text, s.proxy.node(), s.path + ".proxy", p);
    }

    private Map<String, String> env() {
        Map<String, String> env = new LinkedHashMap<>();
        for (Located<String> entry : s.env) {
            String text = withPort(entry, "env");
            if (text == null) {
                continue;
            }
            int eq = text.indexOf('=');
            if (eq <= 0) {
                // llama-swap hands such an entry to exec as it is, where it sets nothing
                p.warn(entry.node(), s.path + ".env", "expected NAME=value, got an entry without a name and \"=\" (not"
                        + " repeated here, as it may be a secret); ignored");
            } else if (env.put(text.substring(0, eq), text.substring(eq + 1)) != null) {
                p.warn(entry.node(), s.path + ".env", text.substring(0, eq) + " is set twice; the later value wins");
            }
        }
        return env;
    }

    private Optional<String> checkEndpoint() {
        if (s.checkEndpoint == null) {
            return Optional.of(ModelConfig.DEFAULT_CHECK_ENDPOINT);
        }
        String text = withPort(s.checkEndpoint, "checkEndpoint");
        if (text == null || text.strip().equals("none")) {
            return Optional.empty();
        }
        String path = text.strip();
        Optional<String> ofUrl = pathOfUrl(path);
        if (ofUrl.isPresent()) {
            // llama-swap hands the URL to its reverse proxy for the model, which keeps its path and query
            p.warn(s.checkEndpoint.node(), s.path + ".checkEndpoint", "a URL here stands for its path: \""
                    + ofUrl.get() + "\" is asked of the model's proxy, as llama-swap asks it");
            return ofUrl;
        }
        if (!path.startsWith("/")) {
            // llama-swap asks its reverse proxy for the path, which joins it to the upstream's with a /; an
            // unknown macro left in a URL is an error already, and the URL is not a path gone wrong as well
            if (!path.contains("${")) {
                p.warn(s.checkEndpoint.node(), s.path + ".checkEndpoint", "expected a path starting with / (or none),"
                        + " got \"" + text + "\"; using \"/" + path + "\"");
            }
            path = "/" + path;
        }
        return Optional.of(path);
    }

    /** The path and query of {@code text} when it is an http(s) URL with a host, "/" for an empty path. */
    private static Optional<String> pathOfUrl(String text) {
        try {
            URI uri = new URI(text);
            if (!UpstreamAddress.httpWithHost(uri)) {
                return Optional.empty();
            }
            String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
            return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    /** llama-swap's {@code -1} means "use globalTTL", like leaving ttl out. */
    private Duration ttl(Duration globalTtl) {
        if (s.ttl == null || s.ttl.value() == -1) {
            return globalTtl;
        }
        if (s.ttl.value() < 0) {
            p.error(s.ttl.node(), s.path + ".ttl", "expected 0 (never unload) or more seconds, or -1 for globalTTL, got "
                    + s.ttl.value());
            return globalTtl;
        }
        return Duration.ofSeconds(s.ttl.value());
    }

    /**
     * llama-swap's {@code 0} means "the default", like leaving it out, and so does a negative number
     * there (with a warning here). Its ComfyUI model gets at least {@link #COMFYUI_CONCURRENCY_LIMIT},
     * as in llama-swap: its web UI sends many requests at once.
     */
    private int concurrencyLimit() {
        int least = s.id.equals(ModelSection.COMFYUI) ? COMFYUI_CONCURRENCY_LIMIT : 1;
        int byDefault = Math.max(least, ModelConfig.DEFAULT_CONCURRENCY_LIMIT);
        if (s.concurrencyLimit == null || s.concurrencyLimit.value() == 0) {
            return byDefault;
        }
        long value = s.concurrencyLimit.value();
        if (value < 0) {
            p.warn(s.concurrencyLimit.node(), s.path + ".concurrencyLimit", "expected a positive number of requests,"
                    + " got " + value + "; using the default of " + byDefault + ", as llama-swap does");
            return byDefault;
        }
        if (value > Integer.MAX_VALUE) {
            p.error(s.concurrencyLimit.node(), s.path + ".concurrencyLimit",
                    "expected a positive number of requests (0 for the default of 10), got " + value);
            return ModelConfig.DEFAULT_CONCURRENCY_LIMIT;
        }
        if (value < least) {
            p.warn(s.concurrencyLimit.node(), s.path + ".concurrencyLimit", "raised to " + least + " for "
                    + ModelSection.COMFYUI + ", as llama-swap raises it");
            return least;
        }
        return (int) value;
    }

    private Set<String> stripParams() {
        Set<String> params = new LinkedHashSet<>();
        if (s.stripParams == null) {
            return params;
        }
        String text = withPort(s.stripParams, "filters.stripParams");
        params.addAll(paramList(text == null ? "" : text));
        if (params.remove("model")) {
            p.warn(s.stripParams.node(), s.path + ".filters.stripParams", "model is never stripped; ignored");
        }
        return params;
    }

    /** A comma list of body keys, blanks dropped; {@code model} is left for the caller to refuse. */
    static Set<String> paramList(String text) {
        Set<String> params = new LinkedHashSet<>();
        for (String param : text.split(",")) {
            params.add(param.strip());
        }
        params.remove("");
        return params;
    }

    private Optional<String> optional(Located<String> text, String key) {
        return text == null ? Optional.empty() : Optional.ofNullable(withPort(text, key)).filter(v -> !v.isBlank());
    }
}
