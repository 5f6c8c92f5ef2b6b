package dev.swapdeck.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The one table the benchmark prints: figure | baseline | swapdeck | ratio/added | target | met?.
 * Rows are added as sections finish; {@link #print} renders them as a Markdown table so the output
 * can go into {@code docs/performance.md} as it is.
 */
final class Results {
    /** One figure; {@code met} is "yes", "NO" or "—" when there is no target. */
    record Row(String figure, String baseline, String swapdeck, String delta, String target, String met) {
    }

    private final List<Row> rows = new ArrayList<>();

    synchronized void add(String figure, String baseline, String swapdeck, String delta, String target, Boolean met) {
        Row row = new Row(figure, baseline, swapdeck, delta, target, met == null ? "—" : met ? "yes" : "NO");
        rows.add(row);
        System.out.println("  -> " + String.join(" | ", row.figure(), row.baseline(), row.swapdeck(), row.delta(),
                row.target(), row.met()));
    }

    /** Takes rows printed by a child benchmark JVM as tab-separated {@code ROW\t...} lines. */
    void addParsed(String line) {
        String[] f = line.split("\t", -1);
        if (f.length == 7 && f[0].equals("ROW")) {
            add(f[1], f[2], f[3], f[4], f[5], f[6].equals("—") ? null : f[6].equals("yes"));
        }
    }

    /** The line a child JVM prints for {@link #addParsed}. */
    static String encode(String figure, String baseline, String swapdeck, String delta, String target, Boolean met) {
        return String.join("\t", "ROW", figure, baseline, swapdeck, delta, target,
                met == null ? "—" : met ? "yes" : "NO");
    }

    synchronized void print(PrintStream out) {
        String[] head = {"figure", "baseline", "swapdeck", "ratio / added", "target", "met?"};
        int[] width = new int[head.length];
        List<String[]> cells = new ArrayList<>();
        cells.add(head);
        // sections run in the order that needs fewest restarts; the table follows the figures' numbers
        List<Row> ordered = new ArrayList<>(rows);
        ordered.sort(Comparator.comparing(r -> r.figure().substring(0, r.figure().indexOf('.') + 1)));
        ordered.forEach(r -> cells.add(new String[] {r.figure(), r.baseline(), r.swapdeck(), r.delta(), r.target(), r.met()}));
        for (String[] c : cells) {
            for (int i = 0; i < c.length; i++) {
                width[i] = Math.max(width[i], c[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            out.println(line(cells.get(r), width));
            if (r == 0) {
                String[] rule = new String[head.length];
                for (int i = 0; i < rule.length; i++) {
                    rule[i] = "-".repeat(width[i]);
                }
                out.println(line(rule, width));
            }
        }
    }

    private static String line(String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder("|");
        for (int i = 0; i < cells.length; i++) {
            sb.append(' ').append(cells[i]).append(" ".repeat(width[i] - cells[i].length())).append(" |");
        }
        return sb.toString();
    }

    static String ms(double millis) {
        return String.format("%.3f ms", millis);
    }

    static String ms1(double millis) {
        return String.format("%.1f ms", millis);
    }
}
