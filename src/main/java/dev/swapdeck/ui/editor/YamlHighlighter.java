package dev.swapdeck.ui.editor;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * Style classes for YAML text: comments, keys, strings, numbers and booleans, and {@code ${...}}
 * macros. A line-oriented approximation (no full YAML parse), which is what highlighting needs:
 * fast on every keystroke, and never wrong in a way that hides text. A number or boolean is marked
 * only as a whole value (after a key, a list dash or in a flow collection), so the last word of a
 * command line such as {@code -t 1} stays part of its string.
 */
final class YamlHighlighter {
    static final String COMMENT = "yaml-comment";
    static final String KEY = "yaml-key";
    static final String STRING = "yaml-string";
    static final String NUMBER = "yaml-number";
    static final String MACRO = "yaml-macro";

    /**
     * A number or boolean that is all of its value. Matched ahead of the look back for what precedes
     * it: that look back tries every length it allows, and most places in a file fail this far sooner.
     */
    private static final String WHOLE_VALUE = "(?:-?\\d+(?:\\.\\d+)?|true|false|null)(?=[ \\t]*(?:$|[,\\]}#]))";
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>(?<=^|\\s)#[^\\n]*)"
            + "|(?<KEY>(?m)^[ \\t]*(?:- )?[\\w.\\-/]+(?=[ \\t]*:(?:\\s|$)))"
            + "|(?<STRING>\"(?:[^\"\\\\\\n]|\\\\.)*\"|'[^'\\n]*')"
            + "|(?<MACRO>\\$\\{[^}\\n]*})"
            + "|(?<NUMBER>(?=" + WHOLE_VALUE + ")(?<=(?::|[\\[{,]|^[ \\t]{0,64}-)[ \\t]{0,16})" + WHOLE_VALUE + ")",
            Pattern.MULTILINE);

    private YamlHighlighter() {
    }

    static StyleSpans<Collection<String>> highlight(String text) {
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        Matcher matcher = TOKENS.matcher(text);
        int last = 0;
        while (matcher.find()) {
            String style = matcher.group("COMMENT") != null ? COMMENT
                    : matcher.group("KEY") != null ? KEY
                    : matcher.group("STRING") != null ? STRING
                    : matcher.group("MACRO") != null ? MACRO
                    : NUMBER;
            spans.add(List.of(), matcher.start() - last);
            spans.add(List.of(style), matcher.end() - matcher.start());
            last = matcher.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }
}
