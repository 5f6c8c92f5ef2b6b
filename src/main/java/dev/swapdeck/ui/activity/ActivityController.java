package dev.swapdeck.ui.activity;

import dev.swapdeck.ui.KeyboardFocusedRows;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;

/**
 * Binds the Activity view to {@link ActivityViewModel}: the table of recent requests (failed ones
 * marked) and the two charts, whose time axes read as wall-clock times.
 */
public final class ActivityController {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private final ActivityViewModel viewModel;
    private final ZoneId zone;
    @FXML private Label summaryLabel;
    @FXML private RequestHeader requestHeader;
    @FXML private ListView<ActivityRow> requestTable;
    @FXML private TimeChart speedChart;
    @FXML private TimeChart firstTokenChart;

    public ActivityController(ActivityViewModel viewModel, ZoneId zone) {
        this.viewModel = viewModel;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(Bindings.createStringBinding(this::summary, viewModel.summaryProperty(),
                requestTable.getFocusModel().focusedItemProperty()));
        requestTable.setItems(viewModel.rows());
        requestTable.setCellFactory(list -> new RequestRowCell(viewModel::modelsInRows));
        requestHeader.alignWith(requestTable);
        KeyboardFocusedRows.install(requestTable, () -> 0);
        speedChart.setData(viewModel.speedSeries());
        firstTokenChart.setData(viewModel.firstTokenSeries());
        speedChart.setTimeFormat(this::clockTime, zone);
        firstTokenChart.setTimeFormat(this::clockTime, zone);
    }

    /**
     * The view's summary; while the keyboard is on a cut answer, why it was cut, which a row's tooltip
     * tells only to the mouse.
     */
    private String summary() {
        ActivityRow focused = requestTable.getFocusModel().getFocusedItem();
        return focused != null && !focused.cutBecause().isEmpty()
                ? focused.time() + " " + focused.model() + " cut: " + focused.cutBecause()
                : viewModel.summaryProperty().get();
    }

    /** Gives the table the keyboard, for Ctrl+4. */
    public void focusTable() {
        requestTable.requestFocus();
    }

    private String clockTime(double epochSeconds) {
        return CLOCK.format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).atZone(zone));
    }
}
