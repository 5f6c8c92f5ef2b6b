package dev.swapdeck.ui.profiles;

import dev.swapdeck.engine.Engine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.ui.StandingFailures;
import dev.swapdeck.ui.UiCommand;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The profiles list and the rules beside it: list profiles (Load starts their members side by side),
 * pin profiles (Use makes one active, Turn off switches it off), then groups, matrix sets and
 * selectors, shown for what they are. Load is enabled unless that profile's load is still running
 * or the engine is shutting down; loading the active profile again starts any member that stopped.
 */
public final class ProfilesViewModel {
    private final Engine engine;
    private final Executor fx;
    private final Notices notices;
    private final StandingFailures failures;
    private final ObservableList<ProfileRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ProfileRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final Set<String> loading = new HashSet<>();
    private boolean shuttingDown;

    public ProfilesViewModel(Engine engine, Executor fx, Notices notices) {
        this.engine = engine;
        this.fx = fx;
        this.notices = notices;
        this.failures = new StandingFailures(notices);
    }

    public ObservableList<ProfileRow> rows() {
        return readOnlyRows;
    }

    public void apply(EngineSnapshot snapshot) {
        shuttingDown = snapshot.shuttingDown();
        withdrawSettledFailures(snapshot);
        List<RuleRows.Entry> entries = RuleRows.of(snapshot.config().profiles(), snapshot.config().routing());
        List<String> keys = entries.stream().map(RuleRows.Entry::key).toList();
        if (!keys.equals(rows.stream().map(ProfileRow::key).toList())) {
            Map<String, ProfileRow> byKey = new HashMap<>();
            rows.forEach(row -> byKey.put(row.key(), row));
            rows.setAll(entries.stream().map(e -> byKey.getOrDefault(e.key(), new ProfileRow(e.name(), e.kind()))).toList());
        }
        for (int i = 0; i < rows.size(); i++) {
            ProfileRow row = rows.get(i);
            row.members.set(entries.get(i).text());
            Optional<String> active = row.kind() == ProfileRow.Kind.PINS ? snapshot.activePinProfile()
                    : row.kind() == ProfileRow.Kind.SET ? snapshot.activeProfile() : Optional.empty();
            row.active.set(active.filter(row.name()::equals).isPresent());
            refreshEnablement(row);
        }
    }

    /**
     * A failed Load's notice goes once every member of that profile starts or runs after all (the
     * API, requests): the profile stays the active one after a failed Load, so that says nothing.
     */
    private void withdrawSettledFailures(EngineSnapshot snapshot) {
        Set<String> running = new HashSet<>();
        snapshot.models().stream().filter(m -> m.process().state() == ProcessState.STARTING
                || m.process().state() == ProcessState.READY).forEach(m -> running.add(m.id()));
        snapshot.config().profiles().forEach((name, members) -> {
            if (running.containsAll(members)) {
                failures.resolved(name);
            }
        });
    }

    /** The selected row went in a reload: nothing is selected now, and the status bar says why. */
    public void gone(ProfileRow row) {
        notices.postBriefly(row.kind().label() + " " + row.name() + " is no longer in the configuration");
    }

    /**
     * Makes a pin profile active, or none if it already is. Takes effect at once: the next request
     * naming one of its pins goes to the pin's target.
     */
    public void togglePins(ProfileRow row) {
        Optional<String> next = row.activeProperty().get() ? Optional.empty() : Optional.of(row.name());
        try {
            engine.activatePinProfile(next);
            row.active.set(next.isPresent());
            rows.stream().filter(r -> r != row && r.kind() == ProfileRow.Kind.PINS).forEach(r -> r.active.set(false));
        } catch (RuntimeException e) {
            notices.post("Switching pins failed: " + Notices.describe(e));
        }
    }

    public CompletableFuture<Void> loadProfile(ProfileRow row) {
        loading.add(row.name());
        refreshEnablement(row);
        failures.resolved(row.name()); // loading again: the last failure is no longer the news
        String failure = "Load profile " + row.name() + " failed";
        return failures.track(row.name(), failure, UiCommand.report(engine.loadProfile(row.name()), fx, notices,
                "Loaded profile " + row.name(), failure, () -> {
                    loading.remove(row.name());
                    refreshEnablement(row);
                }));
    }

    private void refreshEnablement(ProfileRow row) {
        row.canLoad.set(!shuttingDown && !loading.contains(row.name()));
    }
}
