package dev.swapdeck.ui.profiles;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One entry of the profiles view, updated in place by {@link ProfilesViewModel}: a profile, or one of
 * the other rules that decide what runs together (groups, matrix sets, selectors).
 */
public final class ProfileRow {

    /** What the row is; only profiles have an action. */
    public enum Kind {
        /** A seed-era list profile: its members run side by side; Load starts them. */
        SET("profile"),
        /** A current llama-swap profile of pins; Use makes it active, Turn off switches it off. */
        PINS("pins"),
        GROUP("group"),
        MATRIX_SET("matrix set"),
        SELECTOR("selector");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final String name;
    private final Kind kind;
    final ReadOnlyStringWrapper members = new ReadOnlyStringWrapper(this, "members", "");
    final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    final ReadOnlyBooleanWrapper canLoad = new ReadOnlyBooleanWrapper(this, "canLoad");

    ProfileRow(String name) {
        this(name, Kind.SET);
    }

    ProfileRow(String name, Kind kind) {
        this.name = name;
        this.kind = kind;
    }

    public String name() {
        return name;
    }

    public Kind kind() {
        return kind;
    }

    /** Whether the row can be acted on: Load for a list profile, Use for pins; the other rules only inform. */
    public boolean hasAction() {
        return kind == Kind.SET || kind == Kind.PINS;
    }

    /** What the row holds, in words: members, pins ({@code name → target}), a set's expression, targets. */
    public ReadOnlyStringProperty membersProperty() {
        return members.getReadOnlyProperty();
    }

    /** Whether this profile's members form the running set, or these pins are the active ones. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canLoadProperty() {
        return canLoad.getReadOnlyProperty();
    }

    /** Its identity across reloads: kind and name (a pin profile and a group may share a name). */
    public String key() {
        return kind + "/" + name;
    }

    @Override
    public String toString() {
        return name;
    }
}
