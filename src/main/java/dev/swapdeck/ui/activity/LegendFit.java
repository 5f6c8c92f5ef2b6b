package dev.swapdeck.ui.activity;

import java.util.Arrays;
import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/**
 * Fits a legend's names into the width beside a chart's title: names that fit a fair share keep
 * their whole width, and the long ones share what is left equally (and ellipsize), so a short id
 * beside a 45-character one stays whole rather than both shrinking alike.
 */
final class LegendFit {
    private LegendFit() {
    }

    /**
     * The width each name gets out of {@code budget}, given the width each would take whole: in
     * ascending order of need, each takes its whole width or an equal share of what is left,
     * whichever is less.
     */
    static double[] shares(double[] whole, double budget) {
        Integer[] order = new Integer[whole.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Double.compare(whole[a], whole[b]));
        double[] shares = new double[whole.length];
        double left = Math.max(0, budget);
        for (int k = 0; k < order.length; k++) {
            int i = order[k];
            shares[i] = Math.min(whole[i], left / (order.length - k));
            left -= shares[i];
        }
        return shares;
    }

    /**
     * Caps each of {@code names}, which stand in {@code legend}, so that the legend fits
     * {@code available} beside its other parts (swatches, gaps, insets). A cap changes only when its
     * value does, so a layout pass that calls this settles.
     */
    static void fit(Region legend, List<Label> names, double available) {
        double[] whole = names.stream().mapToDouble(name -> name.prefWidth(-1)).toArray();
        double capped = names.stream().mapToDouble(name -> Math.min(name.prefWidth(-1), name.maxWidth(-1))).sum();
        double fixed = legend.prefWidth(-1) - capped;
        double[] shares = shares(whole, available - fixed);
        for (int i = 0; i < shares.length; i++) {
            double cap = shares[i] >= whole[i] ? Region.USE_COMPUTED_SIZE : Math.floor(shares[i]);
            if (names.get(i).getMaxWidth() != cap) {
                names.get(i).setMaxWidth(cap);
            }
        }
    }
}
