package dev.swapdeck.ui.logs;

/**
 * Approximates xterm's 256 colours and 24-bit colours by the 16 basic terminal colours, which the
 * themes define. Good enough for log output: it keeps "red is an error" without a style class per
 * colour.
 */
final class Palette {
    private static final int[][] BASIC = {
        {0, 0, 0}, {205, 0, 0}, {0, 205, 0}, {205, 205, 0}, {0, 0, 238}, {205, 0, 205}, {0, 205, 205},
        {229, 229, 229}, {127, 127, 127}, {255, 0, 0}, {0, 255, 0}, {255, 255, 0}, {92, 92, 255},
        {255, 0, 255}, {0, 255, 255}, {255, 255, 255},
    };
    private static final int[] CUBE = {0, 95, 135, 175, 215, 255};

    private Palette() {
    }

    /** A 256-colour index (0..255) as one of the 16 basic colours, or -1 when out of range. */
    static int nearest16(int index) {
        if (index < 0 || index > 255) {
            return -1;
        }
        if (index < 16) {
            return index;
        }
        if (index >= 232) {
            int grey = 8 + (index - 232) * 10;
            return nearestRgb(grey, grey, grey);
        }
        int cube = index - 16;
        return nearestRgb(CUBE[cube / 36], CUBE[cube / 6 % 6], CUBE[cube % 6]);
    }

    static int nearestRgb(int r, int g, int b) {
        int best = 0;
        long bestDistance = Long.MAX_VALUE;
        for (int i = 0; i < BASIC.length; i++) {
            long dr = r - BASIC[i][0];
            long dg = g - BASIC[i][1];
            long db = b - BASIC[i][2];
            long distance = dr * dr + dg * dg + db * db;
            if (distance < bestDistance) {
                bestDistance = distance;
                best = i;
            }
        }
        return best;
    }
}
