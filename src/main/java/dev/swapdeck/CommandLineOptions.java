package dev.swapdeck;

import dev.swapdeck.state.FileProblems;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The command line of SPEC §1, including llama-swap's single-dash spellings, which its users write for
 * Swapdeck's own options too. Short options are not clustered ({@link #parser}): {@code -headless}
 * read as {@code -h} and more printed the help and exited 0, a service that "ran" without serving.
 * Help lists the options in the order they are declared here: picocli's alphabetical sort upper-cases
 * with the default locale, which in Turkish puts {@code --insecure-no-keys} last.
 */
@Command(name = "swapdeck", versionProvider = CommandLineOptions.Version.class, sortOptions = false,
        sortSynopsis = false, description = "Swaps local LLM servers on demand behind one OpenAI-compatible endpoint.")
final class CommandLineOptions {

    @Option(names = {"--config", "-config"}, paramLabel = "FILE", converter = LocalePath.class,
            description = "YAML configuration (default: $SWAPDECK_CONFIG, else ~/.config/swapdeck/config.yaml, else the built-in demo)")
    Path config;

    @Option(names = {"--config-dir", "-config-dir"}, paramLabel = "DIR", converter = LocalePath.class,
            description = "Also merge every *.yaml and *.yml file in DIR, by name, after --config (as llama-swap's -config-dir)")
    Path configDir;

    @Option(names = {"--watch-config", "-watch-config"}, converter = GoBoolean.class,
            description = "Reload the configuration when its file (or folder) changes")
    boolean watchConfig;

    @Option(names = {"--listen", "-listen"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Where the proxy listens (default: ${DEFAULT-VALUE})")
    String listen;

    @Option(names = {"--headless", "-headless"}, description = "Run without a window until SIGINT or SIGTERM")
    boolean headless;

    @Option(names = {"--insecure-no-keys", "-insecure-no-keys"},
            description = "Allow a non-loopback --listen without apiKeys: anyone on the network can then start processes")
    boolean insecureNoKeys;

    /** llama-swap's TLS flags, read only to refuse them with a reason (Swapdeck serves plain HTTP). */
    @Option(names = {"-tls-cert-file", "--tls-cert-file"}, hidden = true)
    String tlsCert;

    @Option(names = {"-tls-key-file", "--tls-key-file"}, hidden = true)
    String tlsKey;

    @Option(names = {"-h", "--help", "-help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-V", "--version", "-version"}, versionHelp = true, description = "Print version information and exit.")
    boolean version;

    private static final Set<String> NO_WINDOW = Set.of("--headless", "-headless", "-h", "--help", "-help", "-V", "--version", "-version");

    /**
     * Whether these arguments, not yet parsed, can ask for a window: false for {@code --headless}
     * and for help or version requests. A guess made before parsing so that the toolkit can start
     * at once; parsing decides, and a wrong "true" (a usage error) only starts a toolkit unused.
     */
    static boolean mayOpenWindow(String[] args) {
        for (String arg : args) {
            if (NO_WINDOW.contains(arg.split("=", 2)[0])) {
                return false;
            }
        }
        return true;
    }

    /** The parser for these options: each argument one option, as Go's flag package (llama-swap's) reads them. */
    CommandLine parser() {
        CommandLine parser = new CommandLine(this);
        parser.setPosixClusteredShortOptionsAllowed(false);
        return parser;
    }

    Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    Optional<Path> configDir() {
        return Optional.ofNullable(configDir);
    }

    /** The version Maven wrote into the jar's manifest. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Main.class.getPackage().getImplementationVersion();
            return new String[] {"swapdeck " + (version == null ? "(development build)" : version)};
        }
    }

    /**
     * A boolean given as {@code -watch-config=VALUE}, read as llama-swap's Go flags read it: {@code 1, t, T,
     * true, TRUE, True} and {@code 0, f, F, false, FALSE, False}.
     */
    static final class GoBoolean implements ITypeConverter<Boolean> {
        private static final Set<String> TRUE = Set.of("1", "t", "T", "true", "TRUE", "True");
        private static final Set<String> FALSE = Set.of("0", "f", "F", "false", "FALSE", "False");

        @Override
        public Boolean convert(String text) {
            if (TRUE.contains(text) || FALSE.contains(text)) {
                return TRUE.contains(text);
            }
            throw new TypeConversionException("'" + text + "' is not a boolean (1, t, true or 0, f, false)");
        }
    }

    /** A path option, refused with the locale's reason when it has no spelling there (see {@link FileProblems#pathOf}). */
    static final class LocalePath implements ITypeConverter<Path> {
        @Override
        public Path convert(String text) {
            if (text.isBlank()) { // would be the working folder: "cannot read configuration : it is a folder"
                throw new TypeConversionException("an empty value names no file");
            }
            try {
                return FileProblems.pathOf(text, "");
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
