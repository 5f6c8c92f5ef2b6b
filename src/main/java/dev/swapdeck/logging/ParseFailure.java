package dev.swapdeck.logging;

/**
 * Why Undertow's parser refused a request, in words that tell the user what the client did wrong.
 * Undertow's own exceptions mostly carry no message; where they do (too many headers, for one) the
 * message is kept. Otherwise the parser's step that threw says which part was malformed; a step this
 * class does not know gets the general reason, never a wrong one.
 */
final class ParseFailure {
    static final String PERCENT = "a % in the URL must be followed by two hex digits (a literal % is written %25)";
    static final String HTTP2 = "the client spoke HTTP/2 without asking to upgrade (prior knowledge); Swapdeck "
            + "serves HTTP/1.1, so set the client to HTTP/1.1";
    static final String HEADER = "a header line is malformed (a header is a name without spaces, a colon and a value)";
    static final String REQUEST_LINE = "its request line is malformed (it must be METHOD /path HTTP/1.1)";
    static final String GENERAL = "its request line or a header is malformed";

    private ParseFailure() {
    }

    static String reason(Throwable thrown) {
        if (thrown == null) {
            return GENERAL;
        }
        if (thrown.getMessage() != null) {
            return thrown.getMessage();
        }
        StackTraceElement[] trace = thrown.getStackTrace();
        return trace.length == 0 ? GENERAL : byParserStep(trace[0].getMethodName());
    }

    private static String byParserStep(String method) {
        if (method.contains("PercentEncoded") || method.contains("decode")) {
            return PERCENT;
        }
        if (method.contains("Http2PriorKnowledge")) {
            return HTTP2;
        }
        if (method.contains("Header") || method.contains("FieldName")) {
            return HEADER;
        }
        if (method.contains("Version") || method.contains("Method") || method.contains("Path")
                || method.contains("Query")) {
            return REQUEST_LINE;
        }
        return GENERAL;
    }
}
