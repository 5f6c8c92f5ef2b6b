package dev.swapdeck.logging;

import java.util.Locale;

/**
 * Makes text safe to write as one log line (SPEC §8): control characters (C0, DEL, C1), the Unicode
 * line and paragraph separators and its bidirectional controls become visible escapes ({@code \n},
 * {@code \r}, {@code \t}, {@code \x1b}, {@code \u2028}, {@code \u202e}), so a client-supplied value such
 * as a model name can neither start a forged line, nor drive a terminal, nor reorder what follows it. Applied by {@link LogHub} to every proxy log message, so callers
 * need not remember to.
 */
public final class OneLine {
    private OneLine() {
    }

    public static String escape(String text) {
        if (text == null) {
            return null;
        }
        int first = firstUnsafe(text);
        if (first < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!isUnsafe(c)) {
                out.append(c);
            } else if (c == '\n') {
                out.append("\\n");
            } else if (c == '\r') {
                out.append("\\r");
            } else if (c == '\t') {
                out.append("\\t");
            } else if (c <= 0xff) {
                out.append(String.format(Locale.ROOT, "\\x%02x", (int) c));
            } else {
                out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    /** The most of a client-supplied name a message quotes. */
    public static final int NAME_CHARS = 200;

    /**
     * A name a client sent, in quotes for a message, cut to {@link #NAME_CHARS} characters: it must not
     * carry megabytes into an error body or a log history.
     */
    public static String quotedName(String name) {
        return "'" + clip(name, NAME_CHARS) + "'";
    }

    /**
     * {@code text} cut to {@code max} characters (never inside a surrogate pair) with "…" after a cut:
     * for a client-supplied name quoted in a message, which must not carry megabytes into an error
     * body or a log history.
     */
    public static String clip(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end) + "…";
    }

    private static int firstUnsafe(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (isUnsafe(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isUnsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || isBidiControl(c);
    }

    /** Unicode's Bidi_Control characters: an override or isolate in a name reorders the rest of the line as shown. */
    private static boolean isBidiControl(char c) {
        return c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u202a' && c <= '\u202e')
                || (c >= '\u2066' && c <= '\u2069');
    }
}
