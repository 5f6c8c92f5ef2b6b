package dev.swapdeck.ui.models;

import dev.swapdeck.config.ModelConfig;

/**
 * How a model of {@code peers:} shows: a {@code remote} badge, the peer that serves it, and no
 * process facts, since nothing runs here. Requests for it are forwarded as they are; Load and Unload
 * do not apply.
 */
final class RemoteRows {
    private RemoteRows() {
    }

    static void update(ModelRow row, ModelConfig model) {
        String peer = model.extras().peer().orElse("a peer");
        row.displayName.set(model.displayName());
        row.description.set(model.description().orElse(""));
        row.aliases.set(String.join(", ", model.aliases()));
        row.profiles.set("");
        row.rules.set("");
        row.badge.set(StateBadge.remoteModel());
        row.port.set(StatusFacts.portOf(model.proxy()));
        row.pid.set("");
        row.uptime.set("");
        row.ttl.set("");
        row.inFlight.set(0);
        row.lastError.set("");
        row.stateText.set("served by peer " + peer + " at " + model.proxy() + "; requests are forwarded there, "
                + "nothing is started here, and its output is on the peer's machine");
        row.canLoad.set(false);
        row.canUnload.set(false);
    }
}
