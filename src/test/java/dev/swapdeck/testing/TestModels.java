package dev.swapdeck.testing;

import dev.swapdeck.config.ConfigExtras;
import dev.swapdeck.config.ClientFeedback;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.ModelExtras;
import dev.swapdeck.config.RoutingRules;
import dev.swapdeck.config.SecurityConfig;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.config.Timeouts;
import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.memory.ByteSize;
import dev.swapdeck.memory.MemoryConfig;
import dev.swapdeck.memory.ModelMemory;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@link ModelConfig}s for tests: by default a {@code DemoUpstream} child JVM on a fresh loopback port,
 * serving as the model's id, with {@code /health} as its check endpoint.
 * <pre>{@code
 * ModelConfig slow = TestModels.model("slow").demoArgs("--health-delay-ms", "500").ttl(Duration.ofSeconds(1)).build();
 * }</pre>
 */
public final class TestModels {
    private TestModels() {
    }

    /** A builder for a demo model; see {@link Builder}. */
    public static Builder model(String id) {
        return new Builder(id);
    }

    /** A demo model with extra demo flags and every other default. */
    public static ModelConfig demo(String id, String... demoArgs) {
        return model(id).demoArgs(demoArgs).build();
    }

    /** A demo model whose start fails (its command exits 3) until the file {@code ok} exists. */
    public static ModelConfig failingUntil(String id, Path ok) {
        Builder model = model(id);
        List<String> cmd = new ArrayList<>(List.of("sh", "-c", "test -f \"$0\" || exit 3; exec \"$@\"", ok.toString()));
        cmd.addAll(model.build().cmd());
        return model.cmd(cmd).build();
    }

    /** A configuration holding these models, aliases collected from them, a 15 s health timeout. */
    public static SwapdeckConfig config(ModelConfig... models) {
        return config(Map.of(), models);
    }

    public static SwapdeckConfig config(Map<String, List<String>> profiles, ModelConfig... models) {
        return config(MemoryConfig.OFF, profiles, models);
    }

    /** A configuration with a {@code memory:} section (SPEC §11). */
    public static SwapdeckConfig config(MemoryConfig memory, Map<String, List<String>> profiles, ModelConfig... models) {
        return config(memory, RoutingRules.NONE, profiles, models);
    }

    /** A configuration with a {@code memory:} section and routing rules (groups, {@code maxQueueWait}, ...). */
    public static SwapdeckConfig config(MemoryConfig memory, RoutingRules routing, Map<String, List<String>> profiles,
                                        ModelConfig... models) {
        TreeMap<String, ModelConfig> byId = new TreeMap<>();
        Map<String, String> aliases = new LinkedHashMap<>();
        for (ModelConfig model : models) {
            byId.put(model.id(), model);
            model.aliases().forEach(alias -> aliases.put(alias, model.id()));
        }
        return new SwapdeckConfig(Optional.of(Path.of("test-config.yaml")), byId, profiles, aliases,
                SwapdeckConfig.MIN_HEALTH_CHECK_TIMEOUT, LogLevel.DEBUG, SwapdeckConfig.DEFAULT_START_PORT,
                List.of(), List.of(), ConfigExtras.DEFAULTS, SecurityConfig.defaults(), routing, memory);
    }

    /** Builds one model; everything not set keeps the SPEC's default. */
    public static final class Builder {
        private final String id;
        private int port = FreePorts.loopback();
        private final List<String> demoArgs = new ArrayList<>();
        private List<String> cmd;
        private List<String> cmdStop = List.of();
        private final Map<String, String> env = new LinkedHashMap<>();
        private Optional<String> checkEndpoint = Optional.of(ModelConfig.DEFAULT_CHECK_ENDPOINT);
        private Duration ttl = Duration.ZERO;
        private int concurrencyLimit = ModelConfig.DEFAULT_CONCURRENCY_LIMIT;
        private List<String> aliases = List.of();
        private Optional<String> useModelName = Optional.empty();
        private Set<String> stripParams = Set.of();
        private boolean unlisted;
        private ClientFeedback feedback = ClientFeedback.NONE;
        private Optional<String> name = Optional.empty();
        private Optional<String> description = Optional.empty();
        private ModelMemory memory = ModelMemory.NONE;
        private ModelExtras extras = ModelExtras.DEFAULTS;
        private String proxyHost = "127.0.0.1";

        private Builder(String id) {
            this.id = id;
        }

        /** The port the model listens on and its {@code proxy} URL uses. */
        public int port() {
            return port;
        }

        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** The host of the model's {@code proxy} URL ({@code 127.0.0.1} unless set). */
        public Builder proxyHost(String host) {
            this.proxyHost = host;
            return this;
        }

        /** Flags appended to the demo upstream's {@code --port P --model ID}. */
        public Builder demoArgs(String... args) {
            demoArgs.addAll(Arrays.asList(args));
            return this;
        }

        /** Replaces the demo upstream with this command altogether. */
        public Builder cmd(List<String> cmd) {
            this.cmd = List.copyOf(cmd);
            return this;
        }

        public Builder cmdStop(String... cmdStop) {
            this.cmdStop = List.of(cmdStop);
            return this;
        }

        public Builder env(String name, String value) {
            env.put(name, value);
            return this;
        }

        public Builder checkEndpoint(String path) {
            this.checkEndpoint = Optional.of(path);
            return this;
        }

        /** {@code checkEndpoint: none}: ready as soon as spawned. */
        public Builder noCheckEndpoint() {
            this.checkEndpoint = Optional.empty();
            return this;
        }

        public Builder ttl(Duration ttl) {
            this.ttl = ttl;
            return this;
        }

        public Builder concurrencyLimit(int limit) {
            this.concurrencyLimit = limit;
            return this;
        }

        public Builder aliases(String... aliases) {
            this.aliases = List.of(aliases);
            return this;
        }

        public Builder useModelName(String value) {
            this.useModelName = Optional.of(value);
            return this;
        }

        public Builder stripParams(String... keys) {
            this.stripParams = Set.of(keys);
            return this;
        }

        public Builder sendLoadingState() {
            feedback = new ClientFeedback(true);
            return this;
        }

        public Builder unlisted() {
            this.unlisted = true;
            return this;
        }

        public Builder name(String name) {
            this.name = Optional.of(name);
            return this;
        }

        public Builder description(String description) {
            this.description = Optional.of(description);
            return this;
        }

        /** {@code memory:}, a size string such as {@code 4GiB}. */
        public Builder memory(String size) {
            this.memory = new ModelMemory(Optional.of(ByteSize.parse(size)), memory.pinned());
            return this;
        }

        /** {@code timeouts.connect} and {@code timeouts.responseHeader}. */
        public Builder timeouts(Timeouts timeouts) {
            this.extras = new ModelExtras(extras.filters(), extras.metadata(), extras.capabilities(),
                    extras.unloadTimeout(), timeouts, extras.peer());
            return this;
        }

        public Builder pinned() {
            this.memory = new ModelMemory(memory.declared(), true);
            return this;
        }

        public ModelConfig build() {
            List<String> command = cmd;
            if (command == null) {
                List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port), "--model", id));
                args.addAll(demoArgs);
                command = DemoUpstreamCommand.argv(args);
            }
            return new ModelConfig(id, name, description, command, cmdStop,
                    URI.create("http://" + proxyHost + ":" + port), aliases, env, checkEndpoint, ttl, unlisted,
                    useModelName, concurrencyLimit, stripParams, Optional.of(port),
                    extras, feedback, memory);
        }
    }
}
