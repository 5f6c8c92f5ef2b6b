package dev.swapdeck.ui.activity;

import java.util.function.Function;

/**
 * The columns of the recent-requests list, shared by its header and its rows so that both place
 * them alike. Widths are in ems of the font, wide enough for each bold title; the model column takes
 * whatever width is left.
 */
enum RequestColumn {
    TIME("Time", 5.5, ActivityRow::time),
    MODEL("Model", 9, ActivityRow::model),
    STATUS("Status", 4.8, ActivityRow::status),
    DURATION("Duration", 5.5, ActivityRow::duration),
    FIRST_TOKEN("First token", 7.2, ActivityRow::firstToken),
    TOKENS("Tokens", 5, ActivityRow::tokens),
    SPEED("Speed", 6.5, ActivityRow::speed);

    /** Space before each column's text, in ems. */
    static final double PAD = 0.4;

    private final String title;
    private final double ems;
    private final Function<ActivityRow, String> cell;

    RequestColumn(String title, double ems, Function<ActivityRow, String> cell) {
        this.title = title;
        this.ems = ems;
        this.cell = cell;
    }

    String title() {
        return title;
    }

    String cell(ActivityRow row) {
        return cell.apply(row);
    }

    /**
     * Where each column starts within {@code width}, plus one entry for where the last ends: at
     * {@code width}, or where the columns' own widths end if that is further. Width beyond the
     * columns' own goes to the model column, the one whose text varies in length (model ids of 40
     * characters and more are common).
     */
    static double[] edges(double width, double em) {
        RequestColumn[] columns = values();
        double spare = Math.max(0, width - totalEms() * em);
        double[] edges = new double[columns.length + 1];
        for (int i = 0; i < columns.length; i++) {
            edges[i + 1] = edges[i] + columns[i].ems * em + (columns[i] == MODEL ? spare : 0);
        }
        return edges;
    }

    /** The width the columns need, in ems. */
    static double totalEms() {
        double total = 0;
        for (RequestColumn column : values()) {
            total += column.ems;
        }
        return total;
    }
}
