package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.UpstreamAddress;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.memory.MemoryReport;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.security.Secrets;
import io.undertow.server.HttpServerExchange;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The read-only status routes: {@code GET /v1/models} (the OpenAI list clients use to pick a model),
 * {@code GET /running} and {@code GET /api/models} (everything the window shows about each model).
 * Commands are shown with their secret arguments masked ({@link Secrets}).
 */
final class StatusApi {
    private final Engine engine;
    private final Supplier<Instant> configLoadedAt;

    StatusApi(Engine engine, Supplier<Instant> configLoadedAt) {
        this.engine = engine;
        this.configLoadedAt = configLoadedAt;
    }

    /**
     * {@code /v1/models} and {@code /models}; {@code created} is when the configuration took effect.
     * Each entry also carries llama.cpp's router {@code status} ({@link LlamaStatus}), so one list
     * serves OpenAI clients, llama-swap's alias and llama.cpp router clients.
     */
    void openAiModels(HttpServerExchange exchange) {
        ObjectNode list = ModelListing.of(engine.config(), configLoadedAt.get().getEpochSecond(),
                engine.activePinProfile());
        LlamaStatus.addTo(list, engine.config(), engine.models());
        Json.send(exchange, list);
    }

    /**
     * {@code GET /api/version} in llama-swap's shape: the version Maven wrote into the jar (none when
     * run from classes); the commit and build date are not recorded in the build.
     */
    void version(HttpServerExchange exchange) {
        String version = StatusApi.class.getPackage().getImplementationVersion();
        Json.send(exchange, Json.MAPPER.createObjectNode().put("version", version == null ? "development" : version)
                .put("commit", "unknown").put("build_date", "unknown"));
    }

    /** Every process that is not stopped, with llama-swap's fields ({@code cmd} masked) and its pid. */
    void running(HttpServerExchange exchange) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode running = root.putArray("running");
        for (ModelStatus status : engine.models()) {
            ProcessInfo info = status.process();
            if (info.state() == ProcessState.STOPPED) {
                continue;
            }
            ObjectNode entry = running.addObject()
                    .put("model", status.id())
                    .put("state", info.state().label())
                    .put("cmd", Secrets.commandLine(status.config().cmd()))
                    .put("proxy", status.config().proxy().toString())
                    .put("ttl", status.config().ttl().toSeconds())
                    .put("name", status.config().name().orElse(""))
                    .put("description", status.config().description().orElse(""));
            if (info.pid().isPresent()) {
                entry.put("pid", info.pid().getAsLong());
            } else {
                entry.putNull("pid");
            }
        }
        Json.send(exchange, root);
    }

    /** Every configured model with its live state, plus the active profile. */
    void models(HttpServerExchange exchange) {
        Json.send(exchange, models());
    }

    /** What {@code GET /api/models} answers: also the first event of {@code /api/events}. */
    ObjectNode models() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ArrayNode models = root.putArray("models");
        Optional<MemoryReport> memory = engine.memory();
        for (ModelStatus status : engine.models()) {
            ObjectNode model = describe(status);
            model.set("loadProgress", LoadProgressJson.current(engine, status.id()));
            MemoryReport.Footprint footprint = memory.map(m -> m.models().get(status.id())).orElse(null);
            model.set("memory", footprint == null ? NullNode.getInstance() : MemoryJson.footprint(footprint));
            models.add(model);
        }
        ArrayNode remote = root.putArray("remote");
        for (ModelConfig model : engine.remoteModels()) {
            remote.addObject().put("id", model.id()).put("peer", model.extras().peer().orElseThrow())
                    .put("proxy", model.proxy().toString()).put("state", "remote");
        }
        root.set("memory", memory.<JsonNode>map(MemoryJson::totals).orElse(NullNode.getInstance()));
        engine.activeProfile().ifPresentOrElse(p -> root.put("activeProfile", p), () -> root.putNull("activeProfile"));
        ObjectNode profiles = root.putObject("profiles");
        engine.config().profiles().forEach((name, members) -> {
            ArrayNode list = profiles.putArray(name);
            members.forEach(list::add);
        });
        root.set("routing", RoutingJson.rules(engine.config().routing(), engine.activePinProfile()));
        return root;
    }

    private static ObjectNode describe(ModelStatus status) {
        ModelConfig config = status.config();
        ProcessInfo info = status.process();
        ObjectNode node = Json.MAPPER.createObjectNode().put("id", status.id());
        putOptional(node, "name", config.name().orElse(null));
        putOptional(node, "description", config.description().orElse(null));
        ArrayNode aliases = node.putArray("aliases");
        config.aliases().forEach(aliases::add);
        node.put("state", info.state().label());
        node.put("unlisted", config.unlisted());
        node.put("proxy", config.proxy().toString());
        node.put("cmd", Secrets.commandLine(config.cmd()));
        ObjectNode env = node.putObject("env");
        Secrets.redactEnvironment(config.env()).forEach(env::put);
        // ${PORT}'s, else the one proxy names, as the window shows it
        node.put("port", config.port().orElseGet(() -> UpstreamAddress.port(config.proxy())));
        if (info.pid().isPresent()) {
            node.put("pid", info.pid().getAsLong());
        } else {
            node.putNull("pid");
        }
        putOptional(node, "startedAt", info.startedAt().map(Instant::toString).orElse(null));
        node.put("inFlight", status.inFlight());
        putOptional(node, "lastError", info.lastError().orElse(null));
        ArrayNode profiles = node.putArray("profiles");
        status.profiles().forEach(profiles::add);
        node.set("routing", RoutingJson.model(status.routing()));
        node.put("ttl", config.ttl().toSeconds());
        if (status.ttlRemaining().isPresent()) {
            node.put("ttlRemaining", status.ttlRemaining().get().toSeconds());
        } else {
            node.putNull("ttlRemaining");
        }
        return node;
    }

    private static void putOptional(ObjectNode node, String field, String value) {
        if (value == null) {
            node.putNull(field);
        } else {
            node.put(field, value);
        }
    }
}
