package dev.swapdeck.security;

import dev.swapdeck.config.CommandLine;
import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps secrets out of sight (SPEC §8): the values of {@code --api-key}/{@code --hf-token}-style
 * arguments, of environment entries whose names contain KEY, TOKEN, SECRET or PASSWORD (in a
 * model's {@code env}, or as {@code NAME=value} words of its command), and the
 * configured API keys are shown as {@value #MASK} wherever commands, environments or log lines are
 * shown (logs, {@code /api/models}, the window). Immutable and thread-safe.
 *
 * <p>Two tools: the static methods mask by shape (a flag's value, an env entry's value), for showing
 * a command or an environment; an instance knows the secret values of one configuration and masks
 * them anywhere in a text, for log lines and error messages that may quote them.
 */
public final class Secrets {
    public static final String MASK = "***";
    private static final Pattern PLAIN_WORD = Pattern.compile("[\\w@%+=:,./*-]+");
    /** Shorter values are not masked inside free text: they would hide ordinary words and numbers. */
    private static final int MIN_MASKED_LENGTH = 4;
    private static final List<String> SECRET_WORDS = List.of("KEY", "TOKEN", "SECRET", "PASSWORD");
    /**
     * Short spellings of secret flags, which name no secret word: llama.cpp's {@code -hft} for
     * {@code --hf-token} (common/arg.cpp; its only short form of a key or token flag).
     */
    private static final Set<String> SHORT_SECRET_FLAGS = Set.of("-hft");
    private static final Secrets NONE = new Secrets(List.of());
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    // compiled once: a flag's check runs for every argument of every start, on a swap's way
    private static final Pattern LEADING_DASHES = Pattern.compile("^-+");
    private static final Pattern FLAG_WORD_BREAKS = Pattern.compile("[-_.]");
    private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    /**
     * A word of a shell script as the shell reads a value: in one pair of quotes or none, then the
     * operators that end a command ({@code --api-key 'K'; exec server}); group 2 is the value.
     */
    private static final Pattern SHELL_VALUE = Pattern.compile("(['\"]?)(.*?)\\1([;&|)]*)", Pattern.DOTALL);

    /** Longest first, so that a secret containing another is masked whole. */
    private final List<String> values;

    private Secrets(List<String> values) {
        this.values = values;
    }

    public static Secrets none() {
        return NONE;
    }

    /** The secret values of {@code config}: its API keys, peers' keys, every model's secret arguments and env values. */
    public static Secrets of(SwapdeckConfig config) {
        Set<String> found = new LinkedHashSet<>(config.security().apiKeys());
        config.extras().peers().values().forEach(peer -> peer.apiKey().ifPresent(found::add));
        for (ModelConfig model : config.models().values()) {
            found.addAll(secretArguments(model.cmd()));
            found.addAll(secretArguments(model.cmdStop()));
            model.env().forEach((name, value) -> {
                if (isSecretName(name)) {
                    found.add(value);
                }
            });
        }
        List<String> values = new ArrayList<>();
        for (String value : found) {
            if (value.length() >= MIN_MASKED_LENGTH) {
                values.add(value);
            }
        }
        values.sort(Comparator.comparingInt(String::length).reversed());
        return values.isEmpty() ? NONE : new Secrets(List.copyOf(values));
    }

    /** {@code text} with every known secret value replaced by {@value #MASK}. */
    public String redact(String text) {
        if (text == null || values.isEmpty()) {
            return text;
        }
        String result = text;
        for (String value : values) {
            if (result.contains(value)) {
                result = result.replace(value, MASK);
            }
        }
        return result;
    }

    /**
     * The arguments with the value of each secret flag masked: {@code --api-key K} and
     * {@code --api-key=K}, and of each environment entry named like a secret ({@code HF_TOKEN=K},
     * {@code --env=HF_TOKEN=K}), also inside an argument that is itself a command line (the script of
     * {@code sh -c "exec llama-server --api-key K"}), whose words are read as arguments.
     */
    public static List<String> redactArguments(List<String> args) {
        List<String> shown = new ArrayList<>(args.size());
        boolean nextIsSecret = false;
        for (String arg : args) {
            if (nextIsSecret) {
                shown.add(MASK + shellOperatorsAfter(arg)); // a script's `--api-key K; next` still shows its `;`
                nextIsSecret = false;
                continue;
            }
            if (WHITESPACE.matcher(arg).find()) {
                shown.add(commandText(arg));
                continue;
            }
            int equals = arg.indexOf('=');
            if (arg.startsWith("-") && equals > 0 && isSecretFlag(arg.substring(0, equals))) {
                shown.add(arg.substring(0, equals + 1) + MASK);
            } else if (arg.startsWith("-") && equals > 0) {
                shown.add(arg.substring(0, equals + 1) + redactEnvironmentEntry(arg.substring(equals + 1)));
            } else if (equals > 0) {
                shown.add(redactEnvironmentEntry(arg));
            } else {
                shown.add(arg);
                nextIsSecret = arg.startsWith("-") && isSecretFlag(arg);
            }
        }
        return shown;
    }

    /**
     * {@code word} with its value masked if it is an environment entry named like a secret: the
     * {@code HF_TOKEN=x} of {@code env HF_TOKEN=x server}, of docker's {@code -e HF_TOKEN=x} and
     * {@code --env=HF_TOKEN=x}. The name is kept; only a name an environment can hold counts, so
     * {@code tokenizer.ggml.add_bos_token=bool:false} stays as it is.
     */
    private static String redactEnvironmentEntry(String word) {
        int equals = word.indexOf('=');
        if (equals > 0 && ENVIRONMENT_NAME.matcher(word.substring(0, equals)).matches()
                && isSecretName(word.substring(0, equals))) {
            return word.substring(0, equals + 1) + MASK;
        }
        return word;
    }

    /**
     * A command as a person reads it, secret flag values masked. An argument with a blank, a quote or
     * another character a command line reads is quoted, so that the line splits back into the same
     * arguments, as {@code cmd} is split.
     */
    public static String commandLine(List<String> args) {
        return redactArguments(args).stream()
                .map(arg -> arg.equals(MASK) || PLAIN_WORD.matcher(arg).matches() ? arg : CommandLine.quote(arg))
                .collect(Collectors.joining(" "));
    }

    /** A command line kept as one text (as a record of a started process keeps it), secret flag values masked. */
    public static String commandText(String text) {
        return String.join(" ", redactArguments(words(text)));
    }

    private static List<String> words(String text) {
        return List.of(WHITESPACE.split(text.trim()));
    }

    /** The environment with the values of entries named like secrets masked, order kept. */
    public static Map<String, String> redactEnvironment(Map<String, String> env) {
        Map<String, String> shown = new LinkedHashMap<>();
        env.forEach((name, value) -> shown.put(name, isSecretName(name) ? MASK : value));
        return shown;
    }

    /** An environment variable whose name contains KEY, TOKEN, SECRET or PASSWORD. */
    public static boolean isSecretName(String name) {
        String upper = name.toUpperCase(Locale.ROOT);
        return SECRET_WORDS.stream().anyMatch(upper::contains);
    }

    /**
     * A flag one of whose dash-separated words is, or ends with, key, token, secret or password:
     * {@code --api-key}, {@code --hf-token}, {@code --apikey}; not {@code --max-num-batched-tokens};
     * or one of the {@link #SHORT_SECRET_FLAGS}: {@code -hft}.
     */
    static boolean isSecretFlag(String flag) {
        if (SHORT_SECRET_FLAGS.contains(flag)) {
            return true;
        }
        String name = LEADING_DASHES.matcher(flag).replaceFirst("").toUpperCase(Locale.ROOT);
        for (String word : FLAG_WORD_BREAKS.split(name)) {
            for (String secret : SECRET_WORDS) {
                if (word.endsWith(secret)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The secret values of a command, as its program will see them: a word of a script (the argument of
     * {@code sh -c}) is its value unquoted and without the operator that ends its command, since that
     * is what the server prints back ({@code 'K'} and {@code K;} are {@code K} in its output).
     */
    private static List<String> secretArguments(List<String> command) {
        List<String> args = new ArrayList<>();
        command.forEach(arg -> args.addAll(WHITESPACE.matcher(arg).find() ? words(arg) : List.of(arg)));
        List<String> secrets = new ArrayList<>();
        List<String> shown = redactArguments(args);
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String masked = shown.get(i);
            if (!arg.equals(masked)) {
                // what the mask stands for: the whole word, or what follows the flag= or NAME= it keeps
                String value = arg.substring(masked.indexOf(MASK));
                secrets.add(value);
                Matcher read = SHELL_VALUE.matcher(value);
                if (read.matches() && !read.group(2).equals(value)) {
                    secrets.add(read.group(2));
                }
            }
        }
        return secrets;
    }

    /** The operators that end a script's command right after {@code word} ({@code ;} of {@code K;}), or none. */
    private static String shellOperatorsAfter(String word) {
        Matcher read = SHELL_VALUE.matcher(word);
        return read.matches() ? read.group(3) : "";
    }
}
