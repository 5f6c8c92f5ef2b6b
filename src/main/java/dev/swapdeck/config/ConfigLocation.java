package dev.swapdeck.config;

import dev.swapdeck.state.FileProblems;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * Where the configuration file is, and the template a first run writes there. The environment is
 * passed in (normally {@code System.getenv()}) so the rules can be tested.
 */
public final class ConfigLocation {
    public static final String ENV_VARIABLE = "SWAPDECK_CONFIG";
    static final String TEMPLATE_RESOURCE = "config.example.yaml";
    /** Where the bundled example tells chat apps to point (the default {@code --listen}), and the words before it. */
    static final String DEFAULT_CLIENT_URL = "http://127.0.0.1:8080/v1";
    static final String TEMPLATE_CLIENT_LINE = "Point your chat app at ";

    private ConfigLocation() {
    }

    /**
     * The file to load: {@code --config} if given (even if missing, so the user hears about it),
     * else {@code $SWAPDECK_CONFIG} if set, else {@link #defaultPath} if it exists. Empty means: use
     * the built-in demo ({@link DemoConfig}).
     */
    public static Optional<Path> resolve(Optional<Path> fromCli, Map<String, String> env) {
        return resolve(fromCli, Optional.empty(), env);
    }

    /**
     * As {@link #resolve(Optional, Map)}, with the file the window last opened (if it still exists)
     * taking the place before the default file: someone who opened another configuration in the
     * window finds it again on the next launch.
     */
    public static Optional<Path> resolve(Optional<Path> fromCli, Optional<Path> lastOpened, Map<String, String> env) {
        if (fromCli.isPresent()) {
            return fromCli;
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Optional.of(FileProblems.pathOf(fromEnv.strip(), ENV_VARIABLE));
        }
        if (lastOpened.filter(Files::isRegularFile).isPresent()) {
            return lastOpened;
        }
        Path standard = defaultPath(env);
        return Files.isRegularFile(standard) ? Optional.of(standard) : Optional.empty();
    }

    /**
     * {@code $XDG_CONFIG_HOME/swapdeck/config.yaml} when that variable is an absolute path (the XDG
     * rule), else {@code ~/.config/swapdeck/config.yaml} with {@code ~} from {@code HOME} or, when
     * unset, the {@code user.home} property. This is where a first run creates the file.
     *
     * @throws IllegalArgumentException when the variable that names it cannot name a file, saying why
     */
    public static Path defaultPath(Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        if (xdg != null && !xdg.isBlank()) {
            Path base = FileProblems.pathOf(xdg, "XDG_CONFIG_HOME");
            if (base.isAbsolute()) {
                return base.resolve(Path.of("swapdeck", "config.yaml"));
            }
        }
        String home = env.get("HOME");
        if (home == null || home.isBlank()) {
            home = System.getProperty("user.home");
        }
        return FileProblems.pathOf(home, "HOME").resolve(Path.of(".config", "swapdeck", "config.yaml"));
    }

    /** The commented example configuration bundled in the jar, offered on first run. */
    public static String template() {
        return BundledText.read(TEMPLATE_RESOURCE);
    }

    /**
     * {@link #template()} telling chat apps to use {@code clientBaseUrl} (where this Swapdeck listens,
     * with {@code /v1}) in place of the default address the bundled example names.
     */
    public static String template(String clientBaseUrl) {
        return template().replace(TEMPLATE_CLIENT_LINE + DEFAULT_CLIENT_URL, TEMPLATE_CLIENT_LINE + clientBaseUrl);
    }

    /**
     * Writes {@link #template(String)} to {@code file}, creating its directories. Never overwrites.
     *
     * @throws java.nio.file.FileAlreadyExistsException if the file exists
     */
    public static Path writeTemplate(Path file, String clientBaseUrl) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, template(clientBaseUrl), StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
        return file;
    }
}
