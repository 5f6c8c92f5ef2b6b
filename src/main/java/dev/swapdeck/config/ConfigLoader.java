package dev.swapdeck.config;

import dev.swapdeck.memory.MemoryConfig;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.reader.ReaderException;
import org.yaml.snakeyaml.scanner.ScannerException;

/**
 * Reads a llama-swap compatible {@code config.yaml} into a {@link SwapdeckConfig}.
 *
 * <p>The YAML is composed into SnakeYAML's node tree (not bound to objects) so that every problem
 * can name its file, line, column and key path. Every problem in the file is collected before
 * anything is thrown. Keys Swapdeck does not know are warnings ({@link SwapdeckConfig#warnings()}),
 * never failures, so files written for newer llama-swap versions still load. Thread-safe: no state.
 */
public final class ConfigLoader {

    private ConfigLoader() {
    }

    /**
     * Loads and validates {@code file}; messages name it as given.
     *
     * @throws UnreadableConfigException when the file cannot be read (missing, unreadable, not UTF-8)
     * @throws ConfigException listing every error in the file
     */
    public static SwapdeckConfig load(Path file) throws ConfigException, IOException {
        return load(file, PortHints.NONE);
    }

    /** {@link #load(Path)} for a reload: the models keep the ports {@code kept} names where they fit. */
    public static SwapdeckConfig load(Path file, PortHints kept) throws ConfigException, IOException {
        return load(file, UnreadableConfigException.read(file), kept);
    }

    /** {@link #load(Path, PortHints)} of {@code text}, read from {@code file} or about to be written there. */
    static SwapdeckConfig load(Path file, String text, PortHints kept) throws ConfigException {
        Problems p = new Problems(file.toString());
        p.text(file.toString(), text);
        Node root = EnvMacros.compose(text, System.getenv(), p);
        p.throwIfAny();
        return fromTree(root, Optional.of(file), Macros.of(Map.of(), System.getenv()), kept, p);
    }

    /**
     * Validates YAML text. {@code ${env.NAME}} macros read this process's environment.
     *
     * @param fileNameForMessages how messages name the text, e.g. {@code config.yaml}
     * @param source              recorded as {@link SwapdeckConfig#source()}; empty for the demo
     */
    public static SwapdeckConfig parse(String yaml, String fileNameForMessages, Optional<Path> source)
            throws ConfigException {
        return parse(yaml, fileNameForMessages, source, Map.of(), System.getenv());
    }

    /** As above, with built-in macros (already quoted as needed) and an explicit environment. */
    static SwapdeckConfig parse(String yaml, String fileName, Optional<Path> source,
            Map<String, String> predefinedMacros, Map<String, String> env) throws ConfigException {
        Problems p = new Problems(fileName);
        p.text(fileName, yaml);
        Node root = EnvMacros.compose(yaml, env, p);
        p.throwIfAny();
        return fromTree(root, source, Macros.of(predefinedMacros, env), PortHints.NONE, p);
    }

    /**
     * The configuration a composed (possibly merged) YAML tree describes; {@code p} names its files and
     * may already hold errors (of a folder's other files), which are thrown with the tree's own.
     */
    static SwapdeckConfig fromTree(Node root, Optional<Path> source, Macros builtIn, PortHints kept, Problems p)
            throws ConfigException {
        if (YamlNodes.isNull(root)) {
            p.error(1, 1, "models", "the file is empty; it needs at least a models: section");
            p.throwIfAny();
        }
        int before = p.errorCount();
        Map<String, YamlNodes.Entry> written = YamlNodes.mapping(root, "", "a mapping of settings (models: ...)", p)
                .orElse(Map.of());
        if (p.errorCount() > before) {
            p.throwIfAny();
        }

        YamlNodes.Entry macrosEntry = written.get("macros");
        Macros macros = macrosEntry == null ? builtIn : builtIn.with(macrosEntry.value(), macrosEntry.path(), p);
        MacroTypes macroTypes = macrosEntry == null ? MacroTypes.NONE : MacroTypes.NONE.with(macrosEntry.value());
        Map<String, YamlNodes.Entry> top = withMacros(written, macros, macroTypes, p);
        TopLevelSettings settings = TopLevelSettings.read(top, macros, p);
        SecurityConfig security = SecuritySection.read(top, p);
        List<ModelSection> sections = readModels(root, top.get("models"), hasPeers(top.get("peers")), settings.macros(),
                macroTypes, p);
        ClientFeedback.applyTopLevel(top, sections, p);
        Map<String, Integer> ports = ModelTable.ports(sections, settings.startPort(), kept, p);
        Map<String, String> aliases = ModelTable.aliases(sections, ports, p);
        ConfigExtras extras = TopLevelExtras.read(top, settings.macros(), p);
        var models = ModelTable.build(sections, ports, settings.globalTtl(), extras.unloadTimeout(), p);
        if (models.isEmpty() && !sections.isEmpty() && !hasPeers(top.get("peers")) && p.errorCount() == 0) {
            p.error(top.get("models").keyNode(), "models", "every model was left out (no settings, or no address for"
                    + " its server); define at least one model with its cmd");
        }
        Set<String> ids = sections.stream().map(s -> s.id).collect(Collectors.toSet());
        Optional.ofNullable(top.get("peers")).ifPresent(e -> PeerNamespace.check(e, extras.peers(), ids, aliases, p));
        ModelReferences references = new ModelReferences(ids, aliases, p);
        RoutingSection.Result routing = RoutingSection.read(top, references, extras, p);
        List<String> preload = Optional.ofNullable(top.get("hooks")).map(references::preload).orElse(List.of());
        MemoryConfig memory = MemorySettings.read(top.get("memory"), p);
        MemorySettings.warnIfUnused(memory, sections, p);
        p.throwIfAny();
        return new SwapdeckConfig(source, models, routing.seedProfiles(), aliases, settings.healthCheckTimeout(),
                settings.logLevel(), settings.startPort(), preload, p.warnings(), extras, security, routing.rules(),
                memory);
    }

    /**
     * The top-level settings with the file's macros substituted; models get theirs model by model. Keys
     * Swapdeck does not read are left as written, as llama-swap checks macros only under keys it knows:
     * a block of YAML anchors under a key of the user's own may use {@code ${PORT}} or a model's macros,
     * which only mean something in each model that merges it.
     */
    private static Map<String, YamlNodes.Entry> withMacros(Map<String, YamlNodes.Entry> written, Macros macros,
            MacroTypes types, Problems p) {
        Map<String, YamlNodes.Entry> top = new LinkedHashMap<>();
        written.forEach((key, e) -> top.put(key, key.equals("models") || key.equals("macros")
                || !TopLevelSettings.reads(key) ? e : MacroPass.topLevel(e, macros, types, p)));
        return top;
    }

    /**
     * The YAML tree of {@code yaml}, or null with its error in {@code p}; {@code asWritten} turns text
     * quoted in an error back into what the file holds ({@link EnvMacros} composes a changed text).
     */
    static Node compose(String yaml, UnaryOperator<String> asWritten, Problems p) {
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        options.setMaxAliasesForCollections(Integer.MAX_VALUE);
        try {
            Node root = composeTabsAsBlanks(yaml, options, p);
            if (root != null && AliasExpansion.exceeds(root, AliasExpansion.MAX_NODES)) {
                p.error(root, "(yaml)", "its anchors and aliases expand to more than " + AliasExpansion.MAX_NODES
                        + " nodes (aliases nested in aliases, or an alias inside its own anchor); write the repeated"
                        + " parts out or nest fewer aliases");
                return null;
            }
            return root;
        } catch (MarkedYAMLException e) {
            // a quote or bracket left open is found at the end of the file; where it opened is the place to show
            boolean atEnd = e.getProblemMark() != null
                    && e.getProblemMark().getIndex() >= yaml.codePointCount(0, yaml.length());
            Mark at = atEnd && e.getContextMark() != null ? e.getContextMark() : e.getProblemMark();
            p.error(at, "(yaml)", asWritten.apply("not valid YAML: " + e.getProblem()
                    + (e.getContext() == null ? "" : " (" + e.getContext() + ")")));
        } catch (ReaderException e) {
            // a character YAML does not allow (a NUL, a control character): placed where it stands
            TextPosition at = TextPosition.at(yaml,
                    yaml.offsetByCodePoints(0, Math.min(e.getPosition(), yaml.codePointCount(0, yaml.length()))));
            p.error(at.line(), at.column(), "(yaml)", String.format(Locale.ROOT,
                    "not valid YAML: the character U+%04X is not allowed in YAML; remove it", e.getCodePoint()));
        } catch (YAMLException e) {
            p.error(1, 1, "(yaml)", asWritten.apply("not valid YAML: " + e.getMessage()));
        }
        return null;
    }

    /**
     * The tree of {@code yaml}'s first document, where a tab that separates a value from what stands
     * before it on its line ({@code ttl:<tab>60}) is a blank, as llama-swap's YAML library reads it;
     * SnakeYAML takes it for the start of a token and refuses the file. A tab in a line's indentation is
     * refused by both. The tab is replaced by one blank, so every position in the file stays where it was
     * written. What follows a {@code ---} after the first document is not read, as llama-swap's YAML
     * library does not read it; a warning says so when there is something there.
     */
    private static Node composeTabsAsBlanks(String yaml, LoaderOptions options, Problems p) {
        String text = yaml;
        while (true) {
            try {
                Iterator<Node> documents = new Yaml(new SafeConstructor(options)).composeAll(new StringReader(text)).iterator();
                Node first = documents.hasNext() ? documents.next() : null;
                warnOfMore(documents, first, p);
                return first;
            } catch (ScannerException e) {
                int tab = separatingTab(text, e);
                if (tab < 0) {
                    throw e;
                }
                text = text.substring(0, tab) + ' ' + text.substring(tab + 1);
            }
        }
    }

    /** Warns, at the end of the first document (its {@code ---}), when another document with content follows it. */
    private static void warnOfMore(Iterator<Node> documents, Node first, Problems p) {
        boolean more;
        try {
            more = documents.hasNext() && !YamlNodes.isNull(documents.next());
        } catch (YAMLException e) {
            more = true; // not read at all by llama-swap, so not an error here either
        }
        if (more) {
            p.warn(first == null ? null : first.getEndMark(), "(yaml)", "the file goes on after its first document (a ---"
                    + " line): only the first is read, as llama-swap reads it; remove the rest, or the ---, to use it");
        }
    }

    /** Where {@code e} stopped at a tab with more than blanks before it on its line; -1 for any other stop. */
    private static int separatingTab(String text, ScannerException e) {
        Mark at = e.getProblemMark();
        if (at == null || at.getIndex() >= text.codePointCount(0, text.length())) {
            return -1;
        }
        int index = text.offsetByCodePoints(0, at.getIndex());
        if (text.charAt(index) != '\t') {
            return -1;
        }
        return text.substring(text.lastIndexOf('\n', index - 1) + 1, index).isBlank() ? -1 : index;
    }

    /** Whether {@code peers} lists any: a front Swapdeck that only forwards to other machines needs no model of its own. */
    private static boolean hasPeers(YamlNodes.Entry peers) {
        return peers != null && peers.value() instanceof MappingNode && !((MappingNode) peers.value()).getValue().isEmpty();
    }

    private static List<ModelSection> readModels(Node root, YamlNodes.Entry models, boolean peers, Macros macros,
            MacroTypes types, Problems p) {
        List<ModelSection> sections = new ArrayList<>();
        if (models == null || YamlNodes.isNull(models.value())) {
            if (!peers && models == null) {
                p.error(root, "models", "no models: section; it maps each model id "
                        + "to at least a cmd (or list peers: to forward to)");
            } else if (!peers) {
                p.error(models.keyNode(), "models", "models: is empty (are its models commented out?); define at "
                        + "least one model with its cmd (or list peers: to forward to)");
            }
            return sections;
        }
        YamlNodes.mapping(models.value(), "models", "a mapping of model id to settings", p).ifPresent(entries -> {
            if (entries.isEmpty() && !peers) {
                p.error(models.keyNode(), "models", "models: is empty; define at least one model");
            }
            entries.values().forEach(entry -> sections.add(ModelSection.read(entry, macros, types, p)));
        });
        return sections;
    }
}
