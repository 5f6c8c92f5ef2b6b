package dev.swapdeck.config;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Words of a command that a shell would have expanded: {@code ~/models/x.gguf}, {@code $HOME/x},
 * {@code --model=~/x}. A model's command runs without a shell (llama-swap's too), so the server is
 * handed the text as written and fails to open a file that exists.
 */
final class ShellWords {
    /** A word, or a {@code --flag=} value, that begins with {@code ~/} or a {@code $NAME} reference. */
    private static final Pattern SHELL_ONLY = Pattern.compile("(?:^|=)(?:~/|\\$[A-Za-z_])");
    private static final Set<String> SHELLS = Set.of("sh", "bash", "dash", "zsh", "ksh", "fish");

    private ShellWords() {
    }

    /** The first word only a shell would expand; empty when there is none or a shell runs the command. */
    static Optional<String> unexpanded(List<String> args) {
        if (args.isEmpty() || SHELLS.contains(args.get(0).substring(args.get(0).lastIndexOf('/') + 1))) {
            return Optional.empty();
        }
        return args.stream().skip(1).filter(word -> SHELL_ONLY.matcher(word).find()).findFirst();
    }
}
