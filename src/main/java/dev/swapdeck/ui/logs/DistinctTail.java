package dev.swapdeck.ui.logs;

import java.util.Collection;

/**
 * A model id shortened to the part that tells it from the others, for a control too narrow for the
 * whole id: {@code …number-05-q4_k_m} among {@code very-long-name-number-01-q4_k_m} and its siblings.
 * Quantised ids often share a long start and a suffix, so neither cutting the end nor the middle
 * would do: what is dropped is the start every sibling shares, up to the word before the first that
 * differs.
 */
final class DistinctTail {
    /** Shortening by less than this is not worth the ellipsis. */
    private static final int MIN_SAVED = 4;

    private DistinctTail() {
    }

    static String of(String id, Collection<String> ids) {
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
        return cut < MIN_SAVED ? id : "…" + id.substring(cut);
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
