package dev.swapdeck.ui.models;

import dev.swapdeck.config.UpstreamAddress;
import dev.swapdeck.loading.LoadProgress;
import dev.swapdeck.process.ProcessInfo;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelRouting;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.ui.Durations;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A local model's status in its row: names, state and badge (with start progress), the last error,
 * the routing rules that name it, port, pid, in-flight count, uptime and TTL, and the sentence the
 * detail pane shows. The commands' enablement is the view model's ({@link ModelsViewModel}); peers'
 * rows are {@link RemoteRows}'.
 */
final class StatusFacts {
    private StatusFacts() {
    }

    static void apply(ModelRow row, ModelStatus status, Duration timeout, long nanos, Optional<LoadProgress> load) {
        ProcessInfo info = status.process();
        ProcessState state = info.state();
        row.displayName.set(status.config().displayName());
        row.description.set(status.config().description().orElse(""));
        row.aliases.set(String.join(", ", status.config().aliases()));
        row.profiles.set(String.join(", ", status.profiles()));
        row.rules.set(rules(status.routing()));
        row.state.set(state);
        boolean failed = info.failed();
        row.lastError.set(info.lastError().orElse(""));
        row.port.set(status.config().port().map(String::valueOf)
                .orElseGet(() -> portOf(status.config().proxy())));
        boolean alive = state == ProcessState.STARTING || state == ProcessState.READY || state == ProcessState.STOPPING;
        row.pid.set(alive ? info.pid().stream().mapToObj(String::valueOf).findFirst().orElse("") : "");
        row.inFlight.set(status.inFlight());
        Duration elapsed = info.upAt(nanos);
        int waiting = status.waitingToStart();
        row.queued = state == ProcessState.STOPPED && waiting > 0;
        if (state == ProcessState.STARTING) {
            row.badge.set(StartProgress.badge(load, elapsed, timeout));
        } else if (waiting > 0) {
            row.badge.set(new StateBadge(state, false, "queued", "", -1, false));
        } else {
            row.badge.set(new StateBadge(state, failed, failed ? "failed" : state.label(), "", -1, false));
        }
        row.uptime.set(state == ProcessState.READY ? Durations.compact(elapsed) : "");
        row.ttl.set(state == ProcessState.READY ? ttlText(status) : "");
        if (state == ProcessState.STARTING) {
            row.stateText.set(StartProgress.sentence(load, elapsed, timeout));
        } else if (waiting > 0) {
            row.stateText.set("queued: " + waitingText(status) + "; it starts once the models in its way have"
                    + " finished their requests and stopped");
        } else {
            // "ready for" counts from the moment it turned ready; the uptime beside it from the spawn
            row.stateText.set(stateText(state, failed, info.inStateAt(nanos), row.ttl.get()));
        }
    }

    /** The port written in an upstream URL, for the table; blank when it names none. */
    static String portOf(URI proxy) {
        int port = UpstreamAddress.explicitPort(proxy);
        return port > 0 ? String.valueOf(port) : "";
    }

    private static String stateText(ProcessState state, boolean failed, Duration elapsed, String ttl) {
        return switch (state) {
            case READY -> "ready for " + Durations.compact(elapsed) + (ttl.isEmpty() ? "" : " · TTL " + ttl);
            case STOPPED -> failed ? "failed: the last start or run ended with the error below"
                    : "not running: starts on the first request for it, or with Load";
            case STOPPING -> "stopping: waiting for its server to exit";
            case SHUTDOWN -> "shut down: Swapdeck is exiting";
            case STARTING -> state.label();
        };
    }

    /** {@code group crew · sets talk, paint · pinned by writing/llm-main · selector pool · priority 5}. */
    static String rules(ModelRouting routing) {
        List<String> parts = new ArrayList<>();
        routing.group().ifPresent(group -> parts.add("group " + group.name()));
        if (!routing.matrixSets().isEmpty()) {
            parts.add((routing.matrixSets().size() == 1 ? "set " : "sets ") + String.join(", ", routing.matrixSets()));
        }
        if (!routing.pins().isEmpty()) {
            parts.add("pinned by " + String.join(", ", routing.pins()));
        }
        if (!routing.selectors().isEmpty()) {
            parts.add((routing.selectors().size() == 1 ? "selector " : "selectors ")
                    + String.join(", ", routing.selectors()));
        }
        if (routing.priority() != 0) {
            parts.add("priority " + routing.priority());
        }
        return String.join(" · ", parts);
    }

    private static String waitingText(ModelStatus status) {
        int requests = status.inFlight();
        if (requests == 0) {
            return "a Load waits for it";
        }
        return requests + (requests == 1 ? " request waits" : " requests wait") + " for it";
    }

    private static String ttlText(ModelStatus status) {
        if (status.config().ttl().isZero()) {
            return "";
        }
        return status.ttlRemaining().map(d -> Durations.compact(d) + " left")
                .orElse(status.inFlight() > 0 ? "busy" : "");
    }
}
