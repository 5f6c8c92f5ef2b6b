package dev.swapdeck.proxy;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds one text field of a {@code multipart/form-data} body (the {@code model} of an audio
 * transcription) directly over the bytes, so the file parts are neither copied nor decoded and the
 * body can be forwarded exactly as the client sent it.
 */
final class MultipartForm {
    private static final byte[] CRLF = {'\r', '\n'};
    private static final byte[] HEADER_END = {'\r', '\n', '\r', '\n'};

    /** A field's value and where it sits in the body ({@code start} inclusive, {@code end} exclusive). */
    record Field(String value, int start, int end) {
    }

    private static final String MULTIPART = "multipart/form-data";

    private MultipartForm() {
    }

    /**
     * The boundary parameter of a multipart content type, empty for any other content type.
     *
     * @throws BadBodyException for a {@code multipart/form-data} type without a boundary, whose body
     *     cannot be read (and would otherwise be taken for JSON, with a puzzling message)
     */
    static Optional<String> boundary(String contentType) {
        if (contentType == null || !contentType.regionMatches(true, 0, MULTIPART, 0, MULTIPART.length())) {
            return Optional.empty();
        }
        for (String param : contentType.split(";")) {
            String trimmed = param.trim();
            if (trimmed.toLowerCase(Locale.ROOT).startsWith("boundary=")) {
                String value = trimmed.substring("boundary=".length()).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                if (!value.isEmpty()) {
                    return Optional.of(value);
                }
            }
        }
        throw new BadBodyException("the Content-Type multipart/form-data has no boundary parameter, so the form "
                + "cannot be read: send it as multipart/form-data; boundary=...");
    }

    /**
     * The first text part named {@code name}, if any. A file part (one with a {@code filename}) is not a
     * field of that name, as in llama-swap, which reads the form's values only.
     *
     * @throws BadBodyException when the form ends before its closing boundary
     */
    static Optional<Field> field(byte[] body, String boundary, String name) {
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        while (at >= 0) {
            int headersStart = at + delimiter.length + CRLF.length;
            if (closes(body, at + delimiter.length)) {
                return Optional.empty();
            }
            int headersEnd = indexOf(body, HEADER_END, headersStart);
            int contentStart = headersEnd + HEADER_END.length;
            int next = headersEnd < 0 ? -1 : indexOf(body, delimiter, contentStart);
            if (next < 0) {
                throw new BadBodyException("the multipart form is cut short: it ends before its closing boundary --"
                        + boundary + "--");
            }
            String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8);
            if (name.equals(dispositionParam(headers, "name")) && dispositionParam(headers, "filename") == null) {
                int contentEnd = Math.max(contentStart, next - CRLF.length);
                String value = new String(body, contentStart, contentEnd - contentStart, StandardCharsets.UTF_8);
                return Optional.of(new Field(value.trim(), contentStart, contentEnd));
            }
            at = next;
        }
        return Optional.empty();
    }

    /** {@code body} with the field's content replaced by {@code value}. */
    static byte[] replace(byte[] body, Field field, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[body.length - (field.end() - field.start()) + bytes.length];
        System.arraycopy(body, 0, out, 0, field.start());
        System.arraycopy(bytes, 0, out, field.start(), bytes.length);
        System.arraycopy(body, field.end(), out, field.start() + bytes.length, body.length - field.end());
        return out;
    }

    /** Whether the delimiter ending at {@code from} is the closing one ({@code --boundary--}). */
    private static boolean closes(byte[] body, int from) {
        return from + 1 < body.length && body[from] == '-' && body[from + 1] == '-';
    }

    /** A parameter of the part's {@code Content-Disposition} ({@code name}, {@code filename}), null if absent. */
    private static String dispositionParam(String headers, String param) {
        String prefix = param + "=";
        for (String line : headers.split("\r\n")) {
            if (!line.toLowerCase(Locale.ROOT).startsWith("content-disposition:")) {
                continue;
            }
            for (String part : line.split(";")) {
                String trimmed = part.trim();
                if (trimmed.toLowerCase(Locale.ROOT).startsWith(prefix)) {
                    String value = trimmed.substring(prefix.length());
                    return value.startsWith("\"") && value.endsWith("\"") && value.length() >= 2
                            ? value.substring(1, value.length() - 1) : value;
                }
            }
        }
        return null;
    }

    static int indexOf(byte[] haystack, byte[] needle, int from) {
        int last = haystack.length - needle.length;
        byte first = needle[0];
        outer:
        for (int i = Math.max(from, 0); i <= last; i++) {
            if (haystack[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
