package dev.swapdeck.config;

import java.util.ArrayList;
import java.util.List;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * A command written as a {@code >} block, line by line as the file holds it. YAML folds such a block
 * into one line, so a line commented out inside it ({@code # --ctx-size 256000}) would comment out
 * every flag written after it, and a comment after a flag the flags on the lines below. A command's
 * comments are read per written line (README, {@code cmd}), so they are read here before the fold;
 * the words and their order are the fold's. (llama-swap, which only drops lines that begin with
 * {@code #} once folded, passes such a comment and what follows to the server as arguments.)
 */
final class FoldedCommand {
    private FoldedCommand() {
    }

    /**
     * The lines of {@code scalar}, a command, as written in {@code text} (the composed file, which its
     * marks index by code point), joined by line breaks, which a command reads as blanks; its value
     * where it is no {@code >} block or the written lines do not hold the same words as the fold.
     */
    static String asWritten(ScalarNode scalar, String text) {
        String folded = scalar.getValue();
        int start = scalar.getStartMark().getIndex();
        int end = scalar.getEndMark().getIndex();
        if (scalar.getScalarStyle() != DumperOptions.ScalarStyle.FOLDED || end > text.codePointCount(0, text.length())) {
            return folded;
        }
        String block = text.substring(text.offsetByCodePoints(0, start), text.offsetByCodePoints(0, end));
        int header = block.indexOf('\n');
        if (header < 0) {
            return folded;
        }
        List<String> lines = List.of(block.substring(header + 1).replace("\r\n", "\n").split("\n", -1));
        int indent = lines.stream().filter(line -> !line.isBlank())
                .mapToInt(line -> line.length() - line.stripLeading().length()).findFirst().orElse(0);
        List<String> written = new ArrayList<>();
        for (String line : lines) {
            written.add(line.length() > indent ? line.substring(indent) : line.strip());
        }
        String joined = String.join("\n", written).strip();
        return words(joined).equals(words(folded)) ? joined : folded;
    }

    private static String words(String text) {
        return text.strip().replaceAll("\\s+", " ");
    }
}
