package dev.swapdeck.ui.profiles;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One profile as the profiles list shows it; updated in place by {@link ProfilesViewModel}. */
public final class ProfileRow {
    private final String name;
    final ReadOnlyStringWrapper members = new ReadOnlyStringWrapper(this, "members", "");
    final ReadOnlyBooleanWrapper active = new ReadOnlyBooleanWrapper(this, "active");
    final ReadOnlyBooleanWrapper canLoad = new ReadOnlyBooleanWrapper(this, "canLoad");

    ProfileRow(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /** Member model ids, comma separated, in file order. */
    public ReadOnlyStringProperty membersProperty() {
        return members.getReadOnlyProperty();
    }

    /** Whether this profile's members form the running set. */
    public ReadOnlyBooleanProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty canLoadProperty() {
        return canLoad.getReadOnlyProperty();
    }

    @Override
    public String toString() {
        return name;
    }
}
