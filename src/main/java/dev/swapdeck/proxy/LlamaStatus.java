package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.config.PeerModels;
import dev.swapdeck.config.SwapdeckConfig;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.ModelStatus;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model's state in llama.cpp's router shapes (its server README, "Using multiple models"): the
 * {@code status} object of {@code GET /models} ({@code {"value": "unloaded" | "loading" | "loaded"}},
 * with {@code "failed": true} after a failed start) and the {@code data} of a {@code model_status}
 * event, whose {@code progress} ({@code stages}, {@code current}, {@code value}) comes from the
 * learned load time. A stopping model that was ready still holds its memory, so it reads as loaded
 * until stopped; one whose start was cancelled or timed out never served and reads as loading until
 * it is gone, as llama.cpp's router keeps "loading" until it has killed a loading child.
 * A stopped model that requests wait for (a {@code POST /models/load} among them) reads as loading:
 * llama.cpp's router starts a model as it answers the load, so a client that loads and then polls
 * would otherwise read "unloaded" until Swapdeck starts it, after any swap it waits for.
 * The command's arguments ({@code args}) are left out on purpose: a command line can hold secrets.
 */
final class LlamaStatus {
    private static final String STAGE = "text_model";

    private LlamaStatus() {
    }

    /** {@code wasReady}: whether the run being stopped had become ready (see {@link ProcessInfo#wasReady}). */
    static String value(ProcessState state, boolean wasReady) {
        return switch (state) {
            case STARTING -> "loading";
            case READY -> "loaded";
            case STOPPING -> wasReady ? "loaded" : "loading";
            default -> "unloaded";
        };
    }

    /** The value after a state change: a stop that began while starting is still loading. */
    static String value(StateChanged change) {
        return value(change.to(), change.from() == ProcessState.READY);
    }

    /** The {@code status} object of one model in {@code GET /models}. */
    static ObjectNode of(ModelStatus model) {
        ProcessInfo info = model.process();
        ObjectNode status = Json.MAPPER.createObjectNode()
                .put("value", model.waitingToStart() > 0 ? "loading" : value(info.state(), info.wasReady()));
        if (info.failed()) {
            info.exitCode().ifPresent(code -> status.put("exit_code", code));
            status.put("failed", true);
        }
        return status;
    }

    /**
     * Adds {@code status} to every entry of a {@link ModelListing}, as llama-swap does, so that a
     * router client can read {@code status.value} of each: a local model's and its aliases' own; a
     * selector's "loaded" when a target it would pick is ready or starting (its first target only,
     * for {@code pin}); "unloaded" for a peer's models and a pin profile's pins, whose state is not
     * this machine's. A selector's targets that name nothing in {@code config} are skipped, as routing
     * skips them.
     */
    static void addTo(ObjectNode listing, SwapdeckConfig config, List<ModelStatus> models) {
        Map<String, ModelStatus> byName = new HashMap<>();
        models.forEach(status -> byName.put(status.id(), status));
        models.forEach(status -> status.config().aliases().forEach(alias -> byName.putIfAbsent(alias, status)));
        for (JsonNode entry : listing.path("data")) {
            JsonNode internal = entry.path("meta").path("llamaswap");
            ModelStatus local = switch (internal.path("type").asText()) {
                case "model" -> byName.get(entry.path("id").asText());
                case "alias" -> byName.get(internal.path("modelID").asText());
                default -> null;
            };
            ObjectNode status = local != null ? of(local) : Json.MAPPER.createObjectNode()
                    .put("value", "selector".equals(internal.path("type").asText())
                            && selectorLoaded(internal, config, byName) ? "loaded" : "unloaded");
            ((ObjectNode) entry).set("status", status);
        }
    }

    private static boolean selectorLoaded(JsonNode selector, SwapdeckConfig config, Map<String, ModelStatus> byName) {
        boolean firstOnly = "pin".equals(selector.path("strategy").asText());
        for (JsonNode target : selector.path("targets")) {
            // the routing's known targets (RouteNames): a local model or alias, or a peer's model
            if (config.model(target.asText()).isEmpty() && PeerModels.resolve(config, target.asText()).isEmpty()) {
                continue;
            }
            ModelStatus model = byName.get(target.asText());
            ProcessState state = model == null ? ProcessState.STOPPED : model.process().state();
            if (state == ProcessState.READY || state == ProcessState.STARTING) {
                return true;
            }
            if (firstOnly) {
                return false;
            }
        }
        return false;
    }

    /** The {@code data} of a {@code model_status} event with this status value. */
    static ObjectNode event(String value, Optional<LoadProgress> progress) {
        ObjectNode data = Json.MAPPER.createObjectNode().put("status", value);
        progress.filter(p -> p.fraction().isPresent() && !p.finished()).ifPresent(p -> {
            ObjectNode node = data.putObject("progress");
            node.putArray("stages").add(STAGE);
            node.put("current", STAGE).put("value", Math.round(p.fraction().getAsDouble() * 1000) / 1000.0);
        });
        return data;
    }
}
