package dev.swapdeck.memory;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Memory sizes as llama.cpp users write them (SPEC §11). Units are binary whatever their spelling:
 * {@code 9GiB}, {@code 9G} and {@code 9GB} all mean 9 × 2^30 bytes; {@code K}, {@code M}, {@code T}
 * likewise. A bare number is MiB, nvidia-smi's unit. Decimals are allowed ({@code 9.5G}); case and a
 * space before the unit do not matter.
 */
public final class ByteSize {
    public static final long KIB = 1L << 10;
    public static final long MIB = 1L << 20;
    public static final long GIB = 1L << 30;
    public static final long TIB = 1L << 40;

    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?|\\.\\d+)\\s*([a-z]*)");

    private ByteSize() {
    }

    /**
     * The number of bytes {@code text} names.
     *
     * @throws IllegalArgumentException with a message that shows the accepted spellings
     */
    public static long parse(String text) {
        String trimmed = text == null ? "" : text.strip().replace("_", "");
        Matcher m = SIZE.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a size such as 9GiB, 9.5G or 9000MiB (a bare number is MiB), got \""
                    + text + "\"");
        }
        long unit = unit(m.group(2), text);
        BigDecimal bytes = new BigDecimal(m.group(1)).multiply(BigDecimal.valueOf(unit));
        if (bytes.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new IllegalArgumentException("the size \"" + text + "\" is too large");
        }
        return bytes.longValue();
    }

    private static long unit(String suffix, String text) {
        switch (suffix) {
            case "": case "m": case "mb": case "mib": return MIB;
            case "b": return 1;
            case "k": case "kb": case "kib": return KIB;
            case "g": case "gb": case "gib": return GIB;
            case "t": case "tb": case "tib": return TIB;
            default:
                throw new IllegalArgumentException("unknown unit \"" + suffix + "\" in \"" + text
                        + "\": use KiB, MiB, GiB or TiB (K/M/G/T and KB/MB/GB/TB mean the same), or a bare number of MiB");
        }
    }

    /** A size for people: {@code 9.0 GiB}, {@code 512 MiB}, {@code 0 MiB}; never negative zero. */
    public static String format(long bytes) {
        long magnitude = Math.abs(bytes);
        String sign = bytes < 0 ? "-" : "";
        if (magnitude >= GIB) {
            return sign + String.format(Locale.ROOT, "%.1f GiB", magnitude / (double) GIB);
        }
        return sign + Math.round(magnitude / (double) MIB) + " MiB";
    }

    /** Whole MiB, rounded to nearest: what nvidia-smi and the JSON API speak. */
    public static long toMib(long bytes) {
        return Math.round(bytes / (double) MIB);
    }
}
