package dev.swapdeck.ui.activity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import javafx.fxml.FXML;
import javafx.scene.control.FocusModel;
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
    @FXML private ListView<ActivityRow> requestTable;
    @FXML private TimeChart speedChart;
    @FXML private TimeChart firstTokenChart;

    public ActivityController(ActivityViewModel viewModel, ZoneId zone) {
        this.viewModel = viewModel;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        requestTable.setItems(viewModel.rows());
        requestTable.setCellFactory(list -> new RequestRowCell());
        focusRowsOnlyWithTheKeyboard();
        speedChart.setData(viewModel.speedSeries());
        firstTokenChart.setData(viewModel.firstTokenSeries());
        speedChart.setTimeFormat(this::clockTime);
        firstTokenChart.setTimeFormat(this::clockTime);
    }

    /** Gives the table the keyboard, for Ctrl+4. */
    public void focusTable() {
        requestTable.requestFocus();
    }

    /**
     * A row shows focus only while the table has the keyboard. Otherwise the focus model keeps a row
     * focused that every request inserted at the top moves down by one: two rows restyled for a look
     * that shows only in a focused table, and JavaFX answers a restyle that changes nothing on screen
     * by repainting the whole window (measured: a 50 to 60 ms pulse under a log flood).
     */
    private void focusRowsOnlyWithTheKeyboard() {
        FocusModel<ActivityRow> focus = requestTable.getFocusModel();
        focus.focusedIndexProperty().addListener((obs, was, now) -> {
            if (now.intValue() >= 0 && !requestTable.isFocused()) {
                focus.focus(-1);
            }
        });
        requestTable.focusedProperty().addListener((obs, was, now) -> {
            if (!now) {
                focus.focus(-1);
            } else if (focus.getFocusedIndex() < 0 && !requestTable.getItems().isEmpty()) {
                focus.focus(0);
            }
        });
    }

    private String clockTime(double epochSeconds) {
        return CLOCK.format(Instant.ofEpochMilli(Math.round(epochSeconds * 1000)).atZone(zone));
    }
}
