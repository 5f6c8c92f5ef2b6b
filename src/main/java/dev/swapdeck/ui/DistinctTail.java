package dev.swapdeck.ui;

import java.util.Collection;
import java.util.List;
import java.util.function.IntUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * A model id shortened to the part that tells it from the others, for a place too narrow for the
 * whole id: {@code …number-05-q4_k_m} among {@code very-long-name-number-01-q4_k_m} and its siblings.
 * Quantised ids often share a long start and a suffix ({@code org/Model-30B-Instruct-GGUF:Q4_K_M}
 * beside {@code org/Model-30B-Thinking-GGUF:Q4_K_M}), so neither cutting the end nor the middle
 * would do: what is dropped is the start every sibling shares, up to the word before the first that
 * differs.
 */
public final class DistinctTail {
    /** Shortening by less than this is not worth the ellipsis. */
    private static final int MIN_SAVED = 4;
    static final String ELLIPSIS = "…";

    private DistinctTail() {
    }

    /**
     * The rest of an id from a word on, after an ellipsis: {@code text}, whose first {@code key}
     * characters reach the end of the word that differs from the closest sibling.
     */
    public record Part(String text, int key) {
        /**
         * Of {@code kept} characters to show around an ellipsis, how many come before it: the key
         * where it fits, and at least half, since the end often tells ids apart too.
         */
        public int head(int kept) {
            return Math.max((kept + 1) / 2, Math.min(kept, key));
        }

        /** {@code text} in at most {@code maxChars} characters, its middle cut where it is longer. */
        String within(int maxChars) {
            return text.length() <= maxChars ? text : cut(text, maxChars - ELLIPSIS.length(), head(maxChars - ELLIPSIS.length()));
        }
    }

    /** {@code id} from the word before where it parts from its closest sibling in {@code ids}. */
    public static String of(String id, Collection<String> ids) {
        List<Part> parts = parts(id, ids);
        return parts.isEmpty() ? id : parts.get(0).text();
    }

    /**
     * Where {@code id} can be cut to what tells it from {@code ids}, best first: from the word before
     * the one that differs, then from that word itself. Empty when cutting would save too little.
     */
    public static List<Part> parts(String id, Collection<String> ids) {
        int shared = 0;
        for (String other : ids) {
            if (!other.equals(id)) {
                shared = Math.max(shared, commonPrefix(id, other));
            }
        }
        int differing = wordStart(id, Math.min(shared, id.length()));
        int before = differing;
        while (before > 0 && !Character.isLetterOrDigit(id.charAt(before - 1))) {
            before--;
        }
        int cut = wordStart(id, before);
        if (cut < MIN_SAVED) {
            return List.of();
        }
        int wordEnd = differing;
        while (wordEnd < id.length() && Character.isLetterOrDigit(id.charAt(wordEnd))) {
            wordEnd++;
        }
        Part withWordBefore = new Part(ELLIPSIS + id.substring(cut), ELLIPSIS.length() + wordEnd - cut);
        Part fromWord = new Part(ELLIPSIS + id.substring(differing), ELLIPSIS.length() + wordEnd - differing);
        return cut == differing ? List.of(withWordBefore) : List.of(withWordBefore, fromWord);
    }

    /**
     * {@code id} in at most {@code maxChars} characters, ellipses counted: whole when it fits, else
     * the first of its {@link #parts} that shows the word that differs, with its middle cut where it
     * is still too long, or with more of the id before it where there is room (siblings that differ
     * only in their last word, a quantisation, would show as {@code …K_M} alone); an id with no
     * sibling sharing a long start keeps its two ends.
     */
    public static String within(String id, Collection<String> ids, int maxChars) {
        if (id.length() <= maxChars) {
            return id;
        }
        List<Part> parts = parts(id, ids);
        for (Part part : parts) {
            if (part.key() < maxChars) {
                return part.text().length() < maxChars ? ELLIPSIS + id.substring(id.length() - (maxChars - ELLIPSIS.length()))
                        : part.within(maxChars);
            }
        }
        int kept = maxChars - ELLIPSIS.length();
        return parts.isEmpty() ? cut(id, kept, kept / 2) : parts.get(parts.size() - 1).within(maxChars);
    }

    /**
     * {@code id} as it fits in {@code room}, measured by {@code width} (pixels, say): whole where it
     * fits, else as {@link #within} shortens it, each of its {@link #parts} tried for one that still
     * shows the word that differs.
     */
    public static String fitted(String id, Collection<String> ids, double room, ToDoubleFunction<String> width) {
        if (width.applyAsDouble(id) <= room) {
            return id;
        }
        List<Part> parts = parts(id, ids);
        if (parts.isEmpty()) {
            return shrunk(id, room, width, kept -> (kept + 1) / 2);
        }
        String shown = id;
        for (Part part : parts) {
            shown = shrunk(part.text(), room, width, part::head);
            if (shown.equals(part.text())) {
                return widened(id, shown, room, width);
            }
            if (shown.length() - ELLIPSIS.length() >= part.key()) {
                return shown;
            }
        }
        return shown;
    }

    /** {@code tail}, a tail of {@code id} that fits {@code room}, with as much more of the id before it as still fits. */
    private static String widened(String id, String tail, double room, ToDoubleFunction<String> width) {
        String shown = tail;
        for (int from = id.length() - (tail.length() - ELLIPSIS.length()) - 1; from > 0; from--) {
            String wider = ELLIPSIS + id.substring(from);
            if (width.applyAsDouble(wider) > room) {
                break;
            }
            shown = wider;
        }
        return shown;
    }

    /** {@code text} with its middle cut, one character more at a time, until it fits or one is left. */
    private static String shrunk(String text, double room, ToDoubleFunction<String> width, IntUnaryOperator head) {
        String shown = text;
        for (int kept = text.length() - 1; kept >= 1 && width.applyAsDouble(shown) > room; kept--) {
            shown = cut(text, kept, head.applyAsInt(kept));
        }
        return shown;
    }

    /** {@code text}'s first {@code head} characters and its last {@code kept - head} around an ellipsis. */
    static String cut(String text, int kept, int head) {
        return text.substring(0, head) + ELLIPSIS + text.substring(text.length() - (kept - head));
    }

    private static int commonPrefix(String a, String b) {
        int n = Math.min(a.length(), b.length());
        int i = 0;
        while (i < n && a.charAt(i) == b.charAt(i)) {
            i++;
        }
        return i;
    }

    /** Where the word that ends at or holds {@code at} starts: after the nearest separator before it. */
    private static int wordStart(String id, int at) {
        int i = at;
        while (i > 0 && Character.isLetterOrDigit(id.charAt(i - 1))) {
            i--;
        }
        return i;
    }
}
