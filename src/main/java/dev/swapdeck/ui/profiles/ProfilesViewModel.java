package dev.swapdeck.ui.profiles;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.Notices;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The profiles list, sorted by name, and the Load profile command. Load profile is enabled unless
 * that profile's load is still running or the engine is shutting down; loading the active profile
 * again starts any member that stopped.
 */
public final class ProfilesViewModel {
    private final Engine engine;
    private final Executor fx;
    private final Notices notices;
    private final ObservableList<ProfileRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ProfileRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final Set<String> loading = new HashSet<>();
    private boolean shuttingDown;

    public ProfilesViewModel(Engine engine, Executor fx, Notices notices) {
        this.engine = engine;
        this.fx = fx;
        this.notices = notices;
    }

    public ObservableList<ProfileRow> rows() {
        return readOnlyRows;
    }

    public void apply(EngineSnapshot snapshot) {
        shuttingDown = snapshot.shuttingDown();
        Map<String, List<String>> profiles = snapshot.config().profiles();
        List<String> names = profiles.keySet().stream().sorted().toList();
        if (!names.equals(rows.stream().map(ProfileRow::name).toList())) {
            Map<String, ProfileRow> byName = new HashMap<>();
            rows.forEach(row -> byName.put(row.name(), row));
            rows.setAll(names.stream().map(n -> byName.getOrDefault(n, new ProfileRow(n))).toList());
        }
        for (ProfileRow row : rows) {
            row.members.set(String.join(", ", profiles.get(row.name())));
            row.active.set(snapshot.activeProfile().filter(row.name()::equals).isPresent());
            refreshEnablement(row);
        }
    }

    public CompletableFuture<Void> loadProfile(ProfileRow row) {
        loading.add(row.name());
        refreshEnablement(row);
        CompletableFuture<Void> done = new CompletableFuture<>();
        engine.loadProfile(row.name()).whenComplete((ok, error) -> fx.execute(() -> {
            loading.remove(row.name());
            refreshEnablement(row);
            if (error != null) {
                notices.post("Load profile " + row.name() + " failed: " + Notices.describe(error));
                done.completeExceptionally(error);
            } else {
                done.complete(null);
            }
        }));
        return done;
    }

    private void refreshEnablement(ProfileRow row) {
        row.canLoad.set(!shuttingDown && !loading.contains(row.name()));
    }
}
