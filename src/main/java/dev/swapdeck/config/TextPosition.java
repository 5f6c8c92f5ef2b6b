package dev.swapdeck.config;

/**
 * A 1-based line and column in a configuration's text, columns counted in characters as YAML counts
 * them (an emoji is one), for problems found by offset rather than by a parser's mark.
 */
record TextPosition(int line, int column) {

    /** Where the UTF-16 {@code offset} of {@code text} stands. */
    static TextPosition at(String text, int offset) {
        int lineStart = text.lastIndexOf('\n', offset - 1) + 1;
        int line = (int) text.chars().limit(offset).filter(c -> c == '\n').count() + 1;
        return new TextPosition(line, text.codePointCount(lineStart, offset) + 1);
    }
}
