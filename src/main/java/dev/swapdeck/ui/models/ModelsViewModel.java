package dev.swapdeck.ui.models;

import dev.swapdeck.activity.ActivityRecord;
import dev.swapdeck.engine.Engine;
import dev.swapdeck.logging.LogLine;
import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import dev.swapdeck.ui.EngineSnapshot;
import dev.swapdeck.ui.HeldActivity;
import dev.swapdeck.ui.Notices;
import dev.swapdeck.ui.StandingFailures;
import dev.swapdeck.ui.UiCommand;
import dev.swapdeck.ui.logs.AnsiText;
import dev.swapdeck.ui.memory.MemoryViewModel;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The models table: one {@link ModelRow} per configured model, kept in config order, plus the Load
 * and Unload commands. Rules: Load is enabled for a stopped model; Unload for a starting (it
 * interrupts the start) or ready one; neither while the same command is still running or while
 * shutting down. Command outcomes are applied through {@code fx} (the FX thread in the app).
 */
public final class ModelsViewModel {
    /** How many of the selected model's output lines the detail pane keeps. */
    static final int OUTPUT_LINES = 200;
    private final Engine engine;
    private final Executor fx;
    private final Notices notices;
    private final StandingFailures failures;
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObservableList<ModelRow> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final Set<String> loading = new HashSet<>();
    private final Set<String> unloading = new HashSet<>();
    private final ReadOnlyStringWrapper selectedOutput = new ReadOnlyStringWrapper(this, "selectedOutput", "");
    private final ArrayDeque<String> outputLines = new ArrayDeque<>();
    private final BooleanProperty shown = new SimpleBooleanProperty(this, "shown", true);
    private boolean snapshotStale;
    private boolean outputStale;
    private final HeldActivity heldActivity = new HeldActivity(RequestFacts.RECENT);
    private String selectedId;
    private EngineSnapshot last;
    private long lastActivitySeq;
    /** Models the configuration dropped while the view was hidden: their rows go, even if a later reload added them back. */
    private final Set<String> goneWhileHidden = new HashSet<>();
    /** A question about a row is open: the rows follow the engine even while the view is hidden. */
    private boolean asking;

    public ModelsViewModel(Engine engine, Executor fx, Notices notices) {
        this.engine = engine;
        this.fx = fx;
        this.notices = notices;
        this.failures = new StandingFailures(notices);
        shown.addListener((obs, was, now) -> {
            if (now) {
                catchUp();
            }
        });
    }

    public ObservableList<ModelRow> rows() {
        return readOnlyRows;
    }

    /** Local models in id order, then the models of {@code peers:} in file order. */
    public void apply(EngineSnapshot snapshot) {
        last = snapshot;
        withdrawSettledFailures(snapshot);
        snapshotStale = !shown.get() && !asking;
        if (!snapshotStale) {
            applyRows(snapshot);
            return;
        }
        // a reload may drop a model and the next add it back before the view shows: its row must go too
        Set<String> ids = new HashSet<>(ids(snapshot));
        rows.stream().map(ModelRow::id).filter(id -> !ids.contains(id)).forEach(id -> {
            goneWhileHidden.add(id);
            heldActivity.forget(id); // its requests are not those of a model added back under its name
        });
    }

    /**
     * A failed Load's notice goes once the model starts or runs after all (the API, a request), a failed
     * Unload's once it stopped: shown or not, the status bar is on every view.
     */
    private void withdrawSettledFailures(EngineSnapshot snapshot) {
        for (ModelStatus status : snapshot.models()) {
            ProcessState state = status.process().state();
            if (state == ProcessState.STARTING || state == ProcessState.READY) {
                failures.resolved("Load " + status.id());
            } else if (state == ProcessState.STOPPED) {
                failures.resolved("Unload " + status.id());
            }
        }
    }

    /**
     * Makes the rows those of {@code ids}, in order, by removing and inserting rows rather than
     * replacing them all: a replacement makes the list select whatever row takes the selected one's
     * place, so a reload that added a model moved the selection (and Ctrl+L / Ctrl+U with it).
     */
    private void updateRows(List<String> ids) {
        Set<String> wanted = new HashSet<>(ids);
        rows.removeIf(row -> !wanted.contains(row.id()) || goneWhileHidden.contains(row.id()));
        goneWhileHidden.clear();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (i < rows.size() && rows.get(i).id().equals(id)) {
                continue;
            }
            int at = i;
            while (at < rows.size() && !rows.get(at).id().equals(id)) {
                at++;
            }
            rows.add(i, at < rows.size() ? rows.remove(at) : new ModelRow(id));
        }
    }

    /** The rows' ids for {@code snapshot}: its local models, then the peers' models. */
    private static List<String> ids(EngineSnapshot snapshot) {
        List<String> ids = new ArrayList<>(snapshot.models().stream().map(ModelStatus::id).toList());
        snapshot.remoteModels().forEach(model -> ids.add(model.id()));
        return ids;
    }

    private void applyRows(EngineSnapshot snapshot) {
        List<String> ids = ids(snapshot);
        if (!goneWhileHidden.isEmpty() || !ids.equals(rows.stream().map(ModelRow::id).toList())) {
            updateRows(ids);
        }
        Duration timeout = snapshot.config().healthCheckTimeout();
        int local = snapshot.models().size();
        for (int i = 0; i < local; i++) {
            ModelStatus status = snapshot.models().get(i);
            StatusFacts.apply(rows.get(i), status, timeout, snapshot.nanos(),
                    Optional.ofNullable(snapshot.loads().get(status.id())));
            refreshEnablement(rows.get(i));
            rows.get(i).memory.set(MemoryViewModel.footprintText(snapshot.memory(), status.id()));
        }
        for (int i = 0; i < snapshot.remoteModels().size(); i++) {
            RemoteRows.update(rows.get(local + i), snapshot.remoteModels().get(i));
        }
    }

    /**
     * Takes the requests that ended (one batch per pulse, or the log's history at start): each
     * model's speed becomes that of its latest request that reported one, and its last request is
     * summed up. Records seen before (by sequence number) are skipped.
     */
    public void acceptActivity(List<ActivityRecord> records) {
        for (ActivityRecord record : records) {
            if (record.seq() <= lastActivitySeq) {
                continue;
            }
            lastActivitySeq = record.seq();
            if (shown.get()) {
                applyActivity(record);
            } else {
                heldActivity.add(record);
            }
        }
    }

    private void applyActivity(ActivityRecord record) {
        row(record.model()).ifPresent(row -> RequestFacts.apply(row, record));
    }

    /** Shows the output of {@code row} (null: none) in {@link #selectedOutputProperty}, starting from its history. */
    public void select(ModelRow row) {
        selectedId = row == null ? null : row.id();
        outputLines.clear();
        if (row != null) {
            engine.logs().modelHistory(row.id()).forEach(line -> keep(line.text()));
        }
        publishOutput();
    }

    /** Appends the selected model's lines from one batch of upstream output (the bridge paces batches). */
    public void acceptOutput(List<LogLine> upstream) {
        boolean changed = false;
        for (LogLine line : upstream) {
            if (selectedId != null && selectedId.equals(line.model())) {
                keep(line.text());
                changed = true;
            }
        }
        if (changed) {
            publishOutput();
        }
    }

    /**
     * Whether the Models view is on screen. While it is not, no row and no output changes: the latest
     * snapshot, the requests that ended ({@link HeldActivity}) and the selected model's output are
     * kept and applied at once when it shows again. A hidden node that changes still makes JavaFX
     * synchronize the scene, and a synchronized pulse with nothing visible to redraw repaints the
     * whole window (ViewPainter's fallback when it finds no dirty region): with the software
     * pipeline, 20 to 60 ms for every clock tick and in-flight change of a view nobody sees. A text
     * area also re-lays out all its lines on every change, hidden or not.
     */
    public BooleanProperty shownProperty() {
        return shown;
    }

    /**
     * Brings the rows to the latest snapshot, shown or not: the Load and Unload shortcuts work from
     * every view, and must judge (enabled? requests in flight?) by what is true now, not by the rows
     * as they were when the Models view was left.
     */
    public void catchUpRows() {
        if (snapshotStale && last != null) {
            snapshotStale = false;
            applyRows(last);
        }
    }

    /**
     * While a question about a row is open (Unload with requests in flight) its rows follow the
     * engine, so that the question follows the model from whichever view it was asked.
     */
    public void asking(boolean open) {
        asking = open;
        catchUpRows();
    }

    private void catchUp() {
        catchUpRows();
        // the rows show each model's newest requests and its newest speed: replayed in order, exactly that
        HeldActivity.Held held = heldActivity.drain();
        List<ActivityRecord> replay = new ArrayList<>(held.kept());
        held.latestWithSpeed().values().stream().filter(r -> !held.kept().contains(r)).forEach(replay::add);
        replay.sort(Comparator.comparingLong(ActivityRecord::seq));
        replay.forEach(this::applyActivity);
        if (outputStale) {
            publishOutput();
        }
    }

    private void publishOutput() {
        outputStale = !shown.get();
        if (!outputStale) {
            selectedOutput.set(String.join("\n", outputLines));
        }
    }

    /** The last {@value #OUTPUT_LINES} lines the selected model printed. */
    public ReadOnlyStringProperty selectedOutputProperty() {
        return selectedOutput.getReadOnlyProperty();
    }

    /** Kept as plain text: the detail's text area would show a server's colour codes as they are. */
    private void keep(String line) {
        outputLines.addLast(line.indexOf('\u001b') < 0 ? line : AnsiText.strip(line));
        while (outputLines.size() > OUTPUT_LINES) {
            outputLines.removeFirst();
        }
    }

    /** The row of a model id, if configured. */
    public Optional<ModelRow> row(String id) {
        return rows.stream().filter(r -> r.id().equals(id)).findFirst();
    }

    public CompletableFuture<Void> load(ModelRow row) {
        return run(row, loading, () -> engine.load(row.id()), "Load", "Loaded ");
    }

    /** Stops the model at once, even with requests in flight: ask first when {@link #unloadNeedsConfirmation}. */
    public CompletableFuture<Void> unload(ModelRow row) {
        return run(row, unloading, () -> engine.unload(row.id()), "Unload", "Unloaded ");
    }

    /** True when unloading would cut requests that are being served. */
    public boolean unloadNeedsConfirmation(ModelRow row) {
        return row.inFlight.get() > 0;
    }

    /**
     * Runs a command on a row; its outcome replaces the status bar's notice, so an old failure never
     * lingers, and a failure's notice goes once it no longer holds ({@link #withdrawSettledFailures}).
     */
    private CompletableFuture<Void> run(ModelRow row, Set<String> pending, Supplier<CompletableFuture<Void>> command,
                                        String verb, String done) {
        pending.add(row.id());
        refreshEnablement(row);
        String failure = verb + " " + row.id() + " failed";
        return failures.track(verb + " " + row.id(), failure, UiCommand.report(command.get(), fx, notices,
                done + row.id(), failure, () -> {
                    pending.remove(row.id());
                    refreshEnablement(row);
                }));
    }

    private void refreshEnablement(ModelRow row) {
        boolean shuttingDown = last != null && last.shuttingDown();
        ProcessState state = row.state.get();
        row.canLoad.set(!shuttingDown && state == ProcessState.STOPPED && !row.queued && !loading.contains(row.id()));
        row.canUnload.set(!shuttingDown && (state == ProcessState.STARTING || state == ProcessState.READY || row.queued)
                && !unloading.contains(row.id()));
    }
}
