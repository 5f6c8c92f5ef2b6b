package dev.swapdeck.ui.models;

import dev.swapdeck.process.ProcessState;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One model as the table shows it. Read-only to views; {@link ModelsViewModel} updates it in place
 * from each snapshot, so selection and focus survive refreshes. Empty strings mean "nothing to show".
 */
public final class ModelRow {
    private final String id;
    final ReadOnlyStringWrapper displayName = new ReadOnlyStringWrapper(this, "displayName", "");
    final ReadOnlyStringWrapper description = new ReadOnlyStringWrapper(this, "description", "");
    final ReadOnlyStringWrapper stateText = new ReadOnlyStringWrapper(this, "stateText", "");
    final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed", "");
    final ReadOnlyStringWrapper recentRequests = new ReadOnlyStringWrapper(this, "recentRequests", "");
    final ReadOnlyStringWrapper memory = new ReadOnlyStringWrapper(this, "memory", "");
    final ReadOnlyStringWrapper aliases = new ReadOnlyStringWrapper(this, "aliases", "");
    final ReadOnlyStringWrapper profiles = new ReadOnlyStringWrapper(this, "profiles", "");
    final ReadOnlyStringWrapper rules = new ReadOnlyStringWrapper(this, "rules", "");
    final ReadOnlyObjectWrapper<ProcessState> state = new ReadOnlyObjectWrapper<>(this, "state", ProcessState.STOPPED);
    final ReadOnlyObjectWrapper<StateBadge> badge = new ReadOnlyObjectWrapper<>(this, "badge",
            new StateBadge(ProcessState.STOPPED, false, "stopped", "", -1, false));
    final ReadOnlyStringWrapper port = new ReadOnlyStringWrapper(this, "port", "");
    final ReadOnlyStringWrapper pid = new ReadOnlyStringWrapper(this, "pid", "");
    final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper(this, "uptime", "");
    final ReadOnlyIntegerWrapper inFlight = new ReadOnlyIntegerWrapper(this, "inFlight");
    final ReadOnlyStringWrapper ttl = new ReadOnlyStringWrapper(this, "ttl", "");
    final ReadOnlyStringWrapper lastError = new ReadOnlyStringWrapper(this, "lastError", "");
    final ReadOnlyBooleanWrapper canLoad = new ReadOnlyBooleanWrapper(this, "canLoad");
    final ReadOnlyBooleanWrapper canUnload = new ReadOnlyBooleanWrapper(this, "canUnload");
    /** Not running, with requests or a Load waiting for a swap to make room: an Unload cancels them. */
    boolean queued;

    ModelRow(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public ReadOnlyStringProperty displayNameProperty() {
        return displayName.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty descriptionProperty() {
        return description.getReadOnlyProperty();
    }

    /** The state in a sentence for the detail pane: how long it has been starting or ready, or why it stopped. */
    public ReadOnlyStringProperty stateTextProperty() {
        return stateText.getReadOnlyProperty();
    }

    /** The model's latest requests, newest first, one a line (time, status, duration, first token, speed). */
    public ReadOnlyStringProperty recentRequestsProperty() {
        return recentRequests.getReadOnlyProperty();
    }

    /** Measured and predicted footprint with a {@code memory:} section (SPEC §11); empty without one. */
    public ReadOnlyStringProperty memoryProperty() {
        return memory.getReadOnlyProperty();
    }

    /** Generation speed once requests have been measured, e.g. {@code 42.1 tok/s}; empty until then. */
    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty aliasesProperty() {
        return aliases.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty profilesProperty() {
        return profiles.getReadOnlyProperty();
    }

    /** The routing rules that name this model: its group, matrix sets, pins, selectors, priority. */
    public ReadOnlyStringProperty rulesProperty() {
        return rules.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<ProcessState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    /** How the state column draws this model right now. */
    public ReadOnlyObjectProperty<StateBadge> badgeProperty() {
        return badge.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty portProperty() {
        return port.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty pidProperty() {
        return pid.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    /** Time left before the TTL unloads it, {@code busy} while requests hold it, empty without a TTL. */
    public ReadOnlyStringProperty ttlProperty() {
        return ttl.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty lastErrorProperty() {
        return lastError.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canLoadProperty() {
        return canLoad.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canUnloadProperty() {
        return canUnload.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return id + " " + state.get().label();
    }
}
