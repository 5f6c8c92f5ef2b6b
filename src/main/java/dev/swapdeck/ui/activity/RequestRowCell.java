package dev.swapdeck.ui.activity;

import dev.swapdeck.ui.DistinctTail;
import java.util.Collection;
import java.util.StringJoiner;
import java.util.function.Supplier;
import javafx.css.PseudoClass;
import javafx.geometry.VPos;
import javafx.scene.AccessibleAttribute;
import javafx.scene.control.ListCell;
import javafx.scene.control.Skin;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.ListCellSkin;
import javafx.scene.layout.Region;
import javafx.scene.text.Text;

/**
 * One recent request: a text per {@link RequestColumn}, placed as the header places its titles.
 * Built for a list that changes every row on screen several times a second: one cell and a few
 * texts per row (a table row is a cell per column, each with a skin), and its own style class
 * instead of {@code .list-cell}, whose look depends on {@code :odd}, {@code :even}, {@code :empty}
 * and {@code :filled}. A request inserted at the top changes those on every row, and each change
 * restyles the row; here only {@code :selected} and {@code :failed} do.
 */
final class RequestRowCell extends ListCell<ActivityRow> {
    private static final PseudoClass FAILED = PseudoClass.getPseudoClass("failed");
    private static final String ELLIPSIS = "…";

    private final Row row;
    private final Tooltip whole = new Tooltip();

    /** @param models the models of every row, which a long id is told apart from when it is cut */
    RequestRowCell(Supplier<Collection<String>> models) {
        row = new Row(models);
        getStyleClass().setAll("request-row");
        setText(null);
        setGraphic(row);
        // the whole request, model id uncut and why an answer was cut, on hover: built only when it shows
        whole.setOnShowing(e -> whole.setText(isEmpty() || getItem() == null ? "" : spoken(getItem())));
        whole.setWrapText(true);
        whole.setMaxWidth(560);
    }

    @Override
    protected void updateItem(ActivityRow item, boolean empty) {
        super.updateItem(item, empty);
        boolean shown = !empty && item != null;
        row.show(shown ? item : null);
        setTooltip(shown ? whole : null);
        pseudoClassStateChanged(FAILED, shown && item.failed());
    }

    /** A screen reader hears the whole request, built when it asks rather than on every update. */
    @Override
    public Object queryAccessibleAttribute(AccessibleAttribute attribute, Object... parameters) {
        if (attribute == AccessibleAttribute.TEXT && !isEmpty() && getItem() != null) {
            return spoken(getItem());
        }
        return super.queryAccessibleAttribute(attribute, parameters);
    }

    /** The cell's skin stretches the row over the whole cell, where a label's skin would give it its preferred width. */
    @Override
    protected Skin<?> createDefaultSkin() {
        return new ListCellSkin<>(this) {
            @Override
            protected void layoutChildren(double x, double y, double width, double height) {
                row.resizeRelocate(x, y, width, height);
            }
        };
    }

    private static String spoken(ActivityRow item) {
        StringJoiner text = new StringJoiner(", ");
        for (RequestColumn column : RequestColumn.values()) {
            text.add(column.title() + " " + column.cell(item));
        }
        return text + (item.cutBecause().isEmpty() ? "" : "; cut: " + item.cutBecause());
    }

    /** The texts of one row; a text too long for its column ends in an ellipsis. */
    private static final class Row extends Region {
        private final Text[] texts = new Text[RequestColumn.values().length];
        private final String[] full = new String[texts.length];
        private final Supplier<Collection<String>> models;

        Row(Supplier<Collection<String>> models) {
            this.models = models;
            getStyleClass().add("request-cells");
            for (int i = 0; i < texts.length; i++) {
                texts[i] = new Text();
                texts[i].getStyleClass().add("request-text");
                texts[i].setTextOrigin(VPos.CENTER);
                texts[i].setManaged(false);
            }
            getChildren().addAll(texts);
        }

        void show(ActivityRow item) {
            for (RequestColumn column : RequestColumn.values()) {
                full[column.ordinal()] = item == null ? "" : column.cell(item);
            }
            requestLayout();
        }

        @Override
        protected void layoutChildren() {
            double em = texts[0].getFont().getSize();
            double pad = RequestColumn.PAD * em;
            double[] edges = RequestColumn.edges(getWidth(), em);
            for (int i = 0; i < texts.length; i++) {
                String value = full[i] == null ? "" : full[i];
                double width = edges[i + 1] - edges[i] - pad;
                if (i == RequestColumn.MODEL.ordinal()) {
                    fitModel(texts[i], value, width);
                } else {
                    fit(texts[i], value, width);
                }
                texts[i].setLayoutX(edges[i] + pad);
                texts[i].setLayoutY(getHeight() / 2);
            }
        }

        /**
         * Shows a model id in {@code width}: whole where it fits, else the part that tells it from the
         * other rows' models with its middle cut ({@link DistinctTail#fitted}); an id like no other
         * keeps its two ends, since ids differ at either.
         */
        private void fitModel(Text text, String id, double width) {
            String shown = DistinctTail.fitted(id, models.get(), width, value -> {
                text.setText(value);
                return text.getLayoutBounds().getWidth();
            });
            if (!shown.equals(text.getText())) {
                text.setText(shown);
            }
        }

        /** Shows {@code value} in {@code width}, its end cut to an ellipsis where it does not fit. */
        private static void fit(Text text, String value, double width) {
            if (fitsWhole(text, value, width)) {
                return;
            }
            int keep = value.length();
            do {
                keep--;
                text.setText(value.substring(0, keep) + ELLIPSIS);
            } while (keep > 1 && text.getLayoutBounds().getWidth() > width);
        }

        /** Shows {@code value} whole and says whether it fits in {@code width}. */
        private static boolean fitsWhole(Text text, String value, double width) {
            if (!value.equals(text.getText())) {
                text.setText(value);
            }
            return text.getLayoutBounds().getWidth() <= width;
        }
    }
}
