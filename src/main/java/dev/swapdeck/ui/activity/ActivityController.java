package dev.swapdeck.ui.activity;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.css.PseudoClass;
import javafx.util.StringConverter;

/**
 * Binds the Activity view to {@link ActivityViewModel}: the table of recent requests (failed ones
 * marked) and the two charts, whose time axes read as wall-clock times. Charts never animate: a
 * request arriving mid-animation would restart it every pulse.
 */
public final class ActivityController {
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT);
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private final ActivityViewModel viewModel;
    private final ZoneId zone;
    @FXML private Label summaryLabel;
    @FXML private TableView<ActivityRow> requestTable;
    @FXML private TableColumn<ActivityRow, String> timeColumn;
    @FXML private TableColumn<ActivityRow, String> modelColumn;
    @FXML private TableColumn<ActivityRow, String> statusColumn;
    @FXML private TableColumn<ActivityRow, String> durationColumn;
    @FXML private TableColumn<ActivityRow, String> firstTokenColumn;
    @FXML private TableColumn<ActivityRow, String> tokensColumn;
    @FXML private TableColumn<ActivityRow, String> speedColumn;
    @FXML private LineChart<Number, Number> speedChart;
    @FXML private LineChart<Number, Number> firstTokenChart;
    @FXML private NumberAxis speedTime;
    @FXML private NumberAxis firstTokenTime;

    public ActivityController(ActivityViewModel viewModel, ZoneId zone) {
        this.viewModel = viewModel;
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(viewModel.summaryProperty());
        requestTable.setItems(viewModel.rows());
        requestTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        column(timeColumn, ActivityRow::time);
        column(modelColumn, ActivityRow::model);
        column(statusColumn, ActivityRow::status);
        column(durationColumn, ActivityRow::duration);
        column(firstTokenColumn, ActivityRow::firstToken);
        column(tokensColumn, ActivityRow::tokens);
        column(speedColumn, ActivityRow::speed);
        requestTable.setRowFactory(table -> new TableRow<>() {
            @Override
            protected void updateItem(ActivityRow row, boolean empty) {
                super.updateItem(row, empty);
                pseudoClassStateChanged(FAILED, !empty && row != null && row.failed());
            }
        });
        speedChart.setData(viewModel.speedSeries());
        firstTokenChart.setData(viewModel.firstTokenSeries());
        clockAxis(speedTime);
        clockAxis(firstTokenTime);
    }

    /** Gives the table the keyboard, for Ctrl+4. */
    public void focusTable() {
        requestTable.requestFocus();
    }

    private static void column(TableColumn<ActivityRow, String> column, Function<ActivityRow, String> cell) {
        column.setCellValueFactory(features -> new ReadOnlyStringWrapper(cell.apply(features.getValue())));
    }

    private void clockAxis(NumberAxis axis) {
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number epochSeconds) {
                long millis = Math.round(epochSeconds.doubleValue() * 1000);
                return CLOCK.format(Instant.ofEpochMilli(millis).atZone(zone));
            }

            @Override
            public Number fromString(String text) {
                throw new UnsupportedOperationException("the time axis is not edited");
            }
        });
    }
}
