package dev.swapdeck.proxy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.swapdeck.engine.ConfigLoaded;
import dev.swapdeck.event.Event;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.process.StateChanged;
import dev.swapdeck.routing.InFlightChanged;
import dev.swapdeck.routing.ModelStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The events of one {@code GET /models/sse} stream in llama.cpp's shapes: a {@code model_status}
 * event each time a model's status value (or its failed mark) changes, as llama.cpp's router sends one
 * per status change, never two alike in a row; load progress while loading; {@code models_reload} after
 * a configuration reload. One instance per stream: it remembers what that stream's reader last read,
 * starting from what {@code GET /models} said as the stream began. Besides the process's own moves, a
 * change in the requests waiting for a model ({@link InFlightChanged}) can change its status: a stopped
 * model that a load or a request waits for reads as loading in {@code GET /models} (a swap is making room
 * for it), so the event says so too, and "unloaded" again if they give up. Called by the stream's feed
 * only, one event at a time.
 */
final class ModelStatusEvents implements LiveFeed.Format {
    private final Supplier<List<ModelStatus>> models;
    private final Map<String, String> lastSent = new HashMap<>();
    /** Models this stream last told as loading because requests waited for them, not because they started. */
    private final Set<String> waitingShown = new HashSet<>();

    /** {@code models}: the models as {@code GET /models} shows them now; read here and on each in-flight change. */
    ModelStatusEvents(Supplier<List<ModelStatus>> models) {
        this.models = models;
        models.get().forEach(model -> changed(model.id(), LlamaStatus.of(model)));
    }

    @Override
    public String render(Event event) {
        if (event instanceof StateChanged change) {
            if (change.to() != ProcessState.STOPPED) {
                waitingShown.remove(change.model()); // it starts: from here its own moves tell its status
            }
            ObjectNode data = LlamaStatus.event(LlamaStatus.value(change), Optional.empty());
            if (change.failed()) {
                change.exitCode().ifPresent(code -> data.put("exit_code", code));
                data.put("failed", true);
            }
            return changed(change.model(), data) ? statusMessage(change.model(), data) : null;
        } else if (event instanceof InFlightChanged waiting) {
            Optional<String> value = waitingStatus(waiting.model());
            if (value.isEmpty()) {
                return null;
            }
            ObjectNode data = LlamaStatus.event(value.get(), Optional.empty());
            return changed(waiting.model(), data) ? statusMessage(waiting.model(), data) : null;
        } else if (event instanceof LoadProgress progress && !progress.finished() && progress.fraction().isPresent()) {
            lastSent.put(progress.model(), "loading");
            return statusMessage(progress.model(), LlamaStatus.event("loading", Optional.of(progress)));
        } else if (event instanceof ConfigLoaded) {
            return "data: " + Json.MAPPER.createObjectNode().put("model", "*").put("event", "models_reload") + "\n\n";
        }
        return null;
    }

    private static String statusMessage(String model, ObjectNode data) {
        ObjectNode message = Json.MAPPER.createObjectNode().put("model", model).put("event", "model_status");
        message.set("data", data);
        return "data: " + message + "\n\n";
    }

    /**
     * What a change in the requests waiting for {@code model} says on its own: "loading" while a stopped
     * model has requests or loads waiting for it, "unloaded" once those that made it read so have given
     * up. Nothing else: the process's own moves are told by their {@link StateChanged} events, in order,
     * and a status read now could run ahead of them (an "unloaded" before the "loaded" of its stop).
     */
    private Optional<String> waitingStatus(String model) {
        Optional<ModelStatus> status = models.get().stream().filter(m -> m.id().equals(model)).findFirst();
        if (status.isPresent() && status.get().waitingToStart() > 0) {
            waitingShown.add(model);
            return Optional.of("loading");
        }
        boolean stopped = status.isPresent() && status.get().process().state() == ProcessState.STOPPED;
        return waitingShown.remove(model) && stopped ? Optional.of("unloaded") : Optional.empty();
    }

    /**
     * Records what the reader now knows of a model: a status value and failed mark, from an event's
     * {@code data} or a {@code GET /models} status; false when it knew exactly this already.
     */
    private boolean changed(String model, ObjectNode status) {
        String value = status.has("status") ? status.path("status").asText() : status.path("value").asText();
        String shown = status.path("failed").asBoolean() ? value + " (failed)" : value;
        return !shown.equals(lastSent.put(model, shown));
    }

    @Override
    public String dropped(long lines, long others) {
        StringBuilder text = new StringBuilder(": " + (lines + others) + " events dropped: this reader was too slow\n\n");
        // what the lost changes would have said: every model whose status now differs from the last one sent
        for (ModelStatus model : models.get()) {
            ObjectNode status = LlamaStatus.of(model);
            ObjectNode data = LlamaStatus.event(status.path("value").asText(), Optional.empty());
            if (status.has("exit_code")) {
                data.set("exit_code", status.get("exit_code"));
            }
            if (status.has("failed")) {
                data.put("failed", true);
            }
            if (model.waitingToStart() > 0 && model.process().state() == ProcessState.STOPPED) {
                waitingShown.add(model.id());
            }
            if (changed(model.id(), data)) {
                text.append(statusMessage(model.id(), data));
            }
        }
        return text.toString();
    }

    @Override
    public String keepAlive() {
        return ": keep-alive\n\n";
    }
}
