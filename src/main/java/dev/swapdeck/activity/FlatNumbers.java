package dev.swapdeck.activity;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the numbers of one JSON object's own fields, the way the reports at the end of an answer
 * ({@code usage}, {@code timings}) are written: a few numbers, perhaps beside nested values, which are
 * skipped. It runs for every answer on the IO thread, where a general JSON parser (a parser, a tree,
 * every number decoded) cost more than forwarding a small answer; here only the wanted fields are
 * decoded and nothing else is allocated.
 */
final class FlatNumbers {
    /** 10^0 to 10^15, each exact as a double. */
    private static final double[] POWERS_OF_TEN = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
            1e12, 1e13, 1e14, 1e15};

    private final byte[] bytes;
    private final int end;
    private int at;

    private FlatNumbers(byte[] bytes, int from, int end) {
        this.bytes = bytes;
        this.at = from;
        this.end = end;
    }

    /**
     * The {@code wanted} fields with number values of the object that starts at {@code from} (its
     * {@code '{'}), or null when no complete, well-formed object starts there. Other fields, and a
     * wanted field whose value is not a number, are skipped.
     */
    static Map<String, Double> read(byte[] bytes, int from, int end, List<String> wanted) {
        try {
            return new FlatNumbers(bytes, from, end).object(wanted);
        } catch (Malformed e) {
            return null;
        }
    }

    /**
     * The number that starts at {@code from} and ends before a {@code ','}, {@code '}'} or white space
     * (a value as a field holds it), or null when none does.
     */
    static Double readNumber(byte[] bytes, int from, int end) {
        if (from < 0 || from >= end || !isNumberStart(bytes[from])) {
            return null;
        }
        try {
            FlatNumbers reader = new FlatNumbers(bytes, from, end);
            double value = reader.number();
            int after = reader.at;
            return after < end && (bytes[after] == ',' || bytes[after] == '}' || bytes[after] == ' '
                    || bytes[after] == '\n' || bytes[after] == '\r' || bytes[after] == '\t') ? value : null;
        } catch (Malformed e) {
            return null;
        }
    }

    private Map<String, Double> object(List<String> wanted) {
        expect('{');
        Map<String, Double> numbers = new HashMap<>();
        if (peekAfterSpaces() == '}') {
            at++;
            return numbers;
        }
        do {
            skipSpaces();
            String name = fieldName(wanted);
            skipSpaces();
            expect(':');
            skipSpaces();
            if (name != null && isNumberStart(peek())) {
                numbers.put(name, number());
            } else {
                skipValue();
            }
        } while (nextOf(',', '}') == ',');
        return numbers;
    }

    /**
     * The field's name when it is one of {@code wanted}, else null (the name is only skipped). An
     * indexed loop: the first answers after a launch run interpreted, where an iterator per field counts.
     */
    private String fieldName(List<String> wanted) {
        int start = at + 1;
        skipString();
        int length = at - 1 - start;
        for (int i = 0; i < wanted.size(); i++) {
            String name = wanted.get(i);
            if (name.length() == length && sameAscii(name, start)) {
                return name;
            }
        }
        return null;
    }

    private boolean sameAscii(String name, int start) {
        for (int i = 0; i < name.length(); i++) {
            if (bytes[start + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private double number() {
        int start = at;
        while (at < end && isNumberPart(bytes[at])) {
            at++;
        }
        double plain = plainDecimal(start, at);
        if (!Double.isNaN(plain)) {
            return plain;
        }
        try {
            return Double.parseDouble(new String(bytes, start, at - start, StandardCharsets.US_ASCII));
        } catch (NumberFormatException e) {
            throw new Malformed();
        }
    }

    /**
     * The value of {@code -?digits(.digits)?} with at most 15 digits in all, or NaN for anything else
     * (an exponent, more digits, a malformed number), which the general parse handles. Reported
     * numbers are mostly of this form (counts; {@code timings}' milliseconds and rates). Exact: the
     * digits as a long and the power of ten are both exact doubles, and one division rounds
     * correctly, so the result is the one {@link Double#parseDouble} gives, without a string.
     */
    private double plainDecimal(int from, int to) {
        int i = from < to && bytes[from] == '-' ? from + 1 : from;
        long digits = 0;
        int count = 0;
        int point = -1;
        for (; i < to; i++) {
            byte b = bytes[i];
            if (b >= '0' && b <= '9') {
                digits = digits * 10 + b - '0';
                count++;
            } else if (b == '.' && point < 0) {
                point = count;
            } else {
                return Double.NaN;
            }
        }
        if (count == 0 || count > 15 || point == 0 || point == count) {
            return Double.NaN;
        }
        double value = point < 0 ? digits : digits / POWERS_OF_TEN[count - point];
        return bytes[from] == '-' ? -value : value;
    }

    private void skipValue() {
        byte b = peek();
        if (b == '"') {
            skipString();
        } else if (b == '{' || b == '[') {
            skipNested();
        } else {
            int start = at;
            while (at < end && (isNumberPart(bytes[at]) || bytes[at] >= 'a' && bytes[at] <= 'z')) {
                at++;
            }
            if (at == start) {
                throw new Malformed();
            }
        }
    }

    /** Skips an object or array with everything in it; strings may hold brackets. */
    private void skipNested() {
        int depth = 0;
        do {
            byte b = peek();
            if (b == '"') {
                skipString();
                continue;
            }
            if (b == '{' || b == '[') {
                depth++;
            } else if (b == '}' || b == ']') {
                depth--;
            }
            at++;
        } while (depth > 0);
    }

    /** Skips a string from its opening quote to just past its closing one, escapes included. */
    private void skipString() {
        expect('"');
        while (at < end) {
            byte b = bytes[at++];
            if (b == '"') {
                return;
            }
            if (b == '\\') {
                at++;
            }
        }
        throw new Malformed();
    }

    private byte nextOf(char one, char other) {
        byte b = peekAfterSpaces();
        if (b != one && b != other) {
            throw new Malformed();
        }
        at++;
        return b;
    }

    private void expect(char c) {
        if (peek() != c) {
            throw new Malformed();
        }
        at++;
    }

    private byte peekAfterSpaces() {
        skipSpaces();
        return peek();
    }

    private void skipSpaces() {
        while (at < end && (bytes[at] == ' ' || bytes[at] == '\t' || bytes[at] == '\n' || bytes[at] == '\r')) {
            at++;
        }
    }

    private byte peek() {
        if (at >= end) {
            throw new Malformed();
        }
        return bytes[at];
    }

    private static boolean isNumberStart(byte b) {
        return b == '-' || b >= '0' && b <= '9';
    }

    private static boolean isNumberPart(byte b) {
        return b >= '0' && b <= '9' || b == '-' || b == '+' || b == '.' || b == 'e' || b == 'E';
    }

    /** Cut short or not JSON: the report is ignored. Without a stack trace: it is an answer, not a fault. */
    private static final class Malformed extends RuntimeException {
        Malformed() {
            super(null, null, false, false);
        }
    }
}
