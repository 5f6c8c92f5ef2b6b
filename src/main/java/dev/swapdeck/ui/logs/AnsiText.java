package dev.swapdeck.ui.logs;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Turns a line an upstream printed into styled runs: SGR escapes ({@code ESC[...m}) become style
 * classes, every other escape sequence and control character is removed. Colours map onto the 16
 * terminal colours ({@code ansi-fg-0..15}, {@code ansi-bg-0..15}) so each theme decides what they look
 * like; 256-colour and true-colour codes are approximated to the nearest of those 16.
 */
public final class AnsiText {
    public static final String FG = "ansi-fg-";
    public static final String BG = "ansi-bg-";
    public static final String BOLD = "ansi-bold";
    public static final String DIM = "ansi-dim";
    public static final String ITALIC = "ansi-italic";
    public static final String UNDERLINE = "ansi-underline";

    private static final char ESC = 0x1b;
    /** The one-character (8-bit) form of {@code ESC [}. */
    private static final char CSI = 0x9b;

    /** A stretch of text with the style classes that apply to it (sorted, possibly empty). */
    public record Run(String text, List<String> styles) {
    }

    private AnsiText() {
    }

    public static List<Run> parse(String line) {
        List<Run> runs = new ArrayList<>();
        SgrState state = new SgrState();
        StringBuilder text = new StringBuilder();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ESC || c == CSI) {
                int params = c == CSI ? i + 1 : i + 2;
                int end = c == CSI ? csiEnd(line, params) : escapeEnd(line, i);
                boolean csi = c == CSI || line.charAt(Math.min(i + 1, line.length() - 1)) == '[';
                if (csi && end > params && line.charAt(end - 1) == 'm') {
                    flush(runs, text, state);
                    state.apply(line.substring(params, end - 1));
                }
                i = end;
            } else {
                // C1 controls (U+0080 to U+009F) are controls too: shown, each would be a box
                if (c == '\t' || c >= 0x20 && c != 0x7f && (c < 0x80 || c > 0x9f)) {
                    text.append(c);
                }
                i++;
            }
        }
        flush(runs, text, state);
        return runs;
    }

    /** The text with every escape and control character removed. */
    public static String strip(String line) {
        StringBuilder out = new StringBuilder(line.length());
        for (Run run : parse(line)) {
            out.append(run.text());
        }
        return out.toString();
    }

    private static void flush(List<Run> runs, StringBuilder text, SgrState state) {
        if (text.length() > 0) {
            runs.add(new Run(text.toString(), state.classes()));
            text.setLength(0);
        }
    }

    /** Index just past the escape sequence starting at {@code start} (CSI, OSC or a two-byte escape). */
    private static int escapeEnd(String s, int start) {
        if (start + 1 >= s.length()) {
            return s.length();
        }
        char kind = s.charAt(start + 1);
        if (kind == '[') {
            return csiEnd(s, start + 2);
        }
        if (kind == ']') {
            int i = start + 2;
            while (i < s.length()) {
                if (s.charAt(i) == 0x07) {
                    return i + 1;
                }
                if (s.charAt(i) == ESC && i + 1 < s.length() && s.charAt(i + 1) == '\\') {
                    return i + 2;
                }
                i++;
            }
            return s.length();
        }
        return start + 2;
    }

    /** Index just past the final byte of a CSI sequence whose parameters start at {@code params}. */
    private static int csiEnd(String s, int params) {
        int i = params;
        while (i < s.length() && (s.charAt(i) < 0x40 || s.charAt(i) > 0x7e)) {
            i++;
        }
        return Math.min(i + 1, s.length());
    }

    /** The graphic rendition in force while scanning one line. */
    private static final class SgrState {
        private int fg = -1;
        private int bg = -1;
        private boolean bold;
        private boolean dim;
        private boolean italic;
        private boolean underline;

        void apply(String params) {
            String[] parts = params.isEmpty() ? new String[] {"0"} : params.split("[;:]", -1);
            int[] codes = new int[parts.length];
            for (int k = 0; k < parts.length; k++) {
                codes[k] = parts[k].isEmpty() ? 0 : parseOr(parts[k], -1);
            }
            for (int k = 0; k < codes.length; k++) {
                int code = codes[k];
                if (code == 38 || code == 48) {
                    int[] colour = extendedColour(codes, k);
                    if (code == 38) {
                        fg = colour[0];
                    } else {
                        bg = colour[0];
                    }
                    k += colour[1];
                } else {
                    applySimple(code);
                }
            }
        }

        private void applySimple(int code) {
            if (code == 0) {
                fg = -1;
                bg = -1;
                bold = dim = italic = underline = false;
            } else if (code == 1) {
                bold = true;
            } else if (code == 2) {
                dim = true;
            } else if (code == 3) {
                italic = true;
            } else if (code == 4) {
                underline = true;
            } else if (code == 22) {
                bold = dim = false;
            } else if (code == 23) {
                italic = false;
            } else if (code == 24) {
                underline = false;
            } else if (code >= 30 && code <= 37) {
                fg = code - 30;
            } else if (code == 39) {
                fg = -1;
            } else if (code >= 40 && code <= 47) {
                bg = code - 40;
            } else if (code == 49) {
                bg = -1;
            } else if (code >= 90 && code <= 97) {
                fg = code - 90 + 8;
            } else if (code >= 100 && code <= 107) {
                bg = code - 100 + 8;
            }
        }

        /** {colour index or -1, number of extra parameters consumed} for 38/48;5;n and 38/48;2;r;g;b. */
        private static int[] extendedColour(int[] codes, int at) {
            if (at + 2 < codes.length && codes[at + 1] == 5) {
                return new int[] {Palette.nearest16(codes[at + 2]), 2};
            }
            if (at + 4 < codes.length && codes[at + 1] == 2) {
                return new int[] {Palette.nearestRgb(codes[at + 2], codes[at + 3], codes[at + 4]), 4};
            }
            return new int[] {-1, codes.length - at - 1};
        }

        List<String> classes() {
            Set<String> out = new TreeSet<>();
            if (fg >= 0) {
                out.add(FG + fg);
            }
            if (bg >= 0) {
                out.add(BG + bg);
            }
            if (bold) {
                out.add(BOLD);
            }
            if (dim) {
                out.add(DIM);
            }
            if (italic) {
                out.add(ITALIC);
            }
            if (underline) {
                out.add(UNDERLINE);
            }
            return List.copyOf(out);
        }

        private static int parseOr(String s, int fallback) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                return fallback;
            }
        }
    }
}
