package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;

/**
 * Parses one matrix set expression as llama-swap writes them: names of letters, digits, {@code _},
 * {@code -} and {@code .}; {@code &} binds tighter than {@code |}; parentheses group; {@code +name}
 * inlines another set. Leaves keep the name as written (vars are resolved by the caller).
 */
final class MatrixParser {
    private final String text;
    private int pos;

    /** A syntax error, with the 0-based character offset it was found at. */
    static final class SyntaxException extends Exception {
        final int offset;

        SyntaxException(String message, int offset) {
            super(message);
            this.offset = offset;
        }
    }

    private MatrixParser(String text) {
        this.text = text;
    }

    static MatrixExpression parse(String text) throws SyntaxException {
        MatrixParser parser = new MatrixParser(text);
        parser.skipSpace();
        if (parser.atEnd()) {
            throw new SyntaxException("empty expression", 0);
        }
        MatrixExpression root = parser.any();
        parser.skipSpace();
        if (!parser.atEnd()) {
            throw new SyntaxException("unexpected '" + parser.text.charAt(parser.pos) + "'", parser.pos);
        }
        return root;
    }

    private MatrixExpression any() throws SyntaxException {
        List<MatrixExpression> choices = new ArrayList<>(List.of(all()));
        while (accept('|')) {
            choices.add(all());
        }
        return choices.size() == 1 ? choices.get(0) : new MatrixExpression.Any(choices);
    }

    private MatrixExpression all() throws SyntaxException {
        List<MatrixExpression> parts = new ArrayList<>(List.of(atom()));
        while (accept('&')) {
            parts.add(atom());
        }
        return parts.size() == 1 ? parts.get(0) : new MatrixExpression.All(parts);
    }

    private MatrixExpression atom() throws SyntaxException {
        skipSpace();
        if (atEnd()) {
            throw new SyntaxException("expression ends where a model name, +set or ( was expected", pos);
        }
        char c = text.charAt(pos);
        if (c == '(') {
            pos++;
            MatrixExpression inner = any();
            if (!accept(')')) {
                throw new SyntaxException("missing ')'", pos);
            }
            return inner;
        }
        if (c == '+') {
            pos++;
            String name = name();
            if (name.isEmpty()) {
                throw new SyntaxException("expected a set name after '+'", pos);
            }
            return new MatrixExpression.Ref(name);
        }
        String name = name();
        if (name.isEmpty()) {
            throw new SyntaxException("unexpected '" + c + "' where a model name, +set or ( was expected", pos);
        }
        return new MatrixExpression.Model(name);
    }

    private String name() {
        int start = pos;
        while (!atEnd() && isNameChar(text.charAt(pos))) {
            pos++;
        }
        return text.substring(start, pos);
    }

    private static boolean isNameChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.';
    }

    private boolean accept(char c) {
        skipSpace();
        if (!atEnd() && text.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private void skipSpace() {
        while (!atEnd() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private boolean atEnd() {
        return pos >= text.length();
    }
}
