package dev.swapdeck.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;

/**
 * {@code --config} and {@code --config-dir} together, as llama-swap's {@code -config-dir}: the file
 * first, then every {@code *.yaml} and {@code *.yml} directly in the folder, by file name, merged
 * ({@link ConfigMerge}) into one configuration. Every problem names the file it is in.
 */
public final class ConfigSources {

    private ConfigSources() {
    }

    /**
     * Loads {@code file}, {@code dir}, or both merged. The result's source is the file if given, else
     * the folder (so a reload reads both again).
     *
     * @throws IOException     when a file or the folder cannot be read
     * @throws ConfigException listing every error in every file
     */
    public static SwapdeckConfig load(Optional<Path> file, Optional<Path> dir) throws ConfigException, IOException {
        return load(file, dir, PortHints.NONE);
    }

    /** {@link #load(Optional, Optional)} for a reload: the models keep the ports {@code kept} names where they fit. */
    public static SwapdeckConfig load(Optional<Path> file, Optional<Path> dir, PortHints kept)
            throws ConfigException, IOException {
        return load(file, dir, UnreadableConfigException::read, kept);
    }

    /**
     * Loads {@code file}, {@code dir}, or both as {@link #load} does, with {@code text} in place of what
     * is on disk for {@code edited}, one of the files read: how the config editor validates a file as a
     * reload would read it, merged with the others (one file of a folder may hold only part of a
     * configuration: the macros another file uses, say).
     */
    private static SwapdeckConfig loadEditing(Optional<Path> file, Optional<Path> dir, Path edited, String text)
            throws ConfigException, IOException {
        Path editedFile = edited.toAbsolutePath().normalize();
        return load(file, dir, source -> source.toAbsolutePath().normalize().equals(editedFile) ? text
                : UnreadableConfigException.read(source), PortHints.NONE);
    }

    /**
     * {@code path} as a reload reads it: a folder alone, or a file merged with {@code dir} when one was
     * given; with {@code edit}'s text in place of what is on disk for its file, when there is one.
     */
    public static SwapdeckConfig loadAt(Path path, Optional<Path> dir, Optional<Edit> edit, PortHints kept)
            throws ConfigException, IOException {
        Optional<Path> file = Files.isDirectory(path) ? Optional.empty() : Optional.of(path);
        Optional<Path> folder = file.isPresent() ? dir : Optional.of(path);
        if (edit.isEmpty()) {
            return load(file, folder, kept);
        }
        return loadEditing(file, folder, edit.get().file(), edit.get().text());
    }

    /** The files {@link #loadAt} reads for {@code path}, in the merge's order. */
    public static List<Path> filesAt(Path path, Optional<Path> dir) throws IOException {
        if (Files.isDirectory(path)) {
            return yamlFilesIn(path);
        }
        List<Path> files = new ArrayList<>(List.of(path));
        if (dir.isPresent()) {
            files.addAll(yamlFiles(dir.get(), Optional.of(path)));
        }
        return files;
    }

    /** Unsaved text of one file of a configuration. */
    public record Edit(Path file, String text) {
    }

    /** The YAML files a folder's configuration is merged from, in the merge's order (by name). */
    public static List<Path> yamlFilesIn(Path dir) throws IOException {
        return yamlFiles(dir, Optional.empty());
    }

    /** Reads one file of a configuration. */
    private interface Reader {
        String read(Path file) throws IOException;
    }

    private static SwapdeckConfig load(Optional<Path> file, Optional<Path> dir, Reader reader, PortHints kept)
            throws ConfigException, IOException {
        if (dir.isEmpty()) {
            Path only = file.orElseThrow(() -> new IllegalArgumentException("no configuration given"));
            return ConfigLoader.load(only, reader.read(only), kept);
        }
        List<Path> files = new ArrayList<>();
        file.ifPresent(files::add);
        files.addAll(yamlFiles(dir.get(), file));
        Problems p = new Problems(dir.get().toString());
        Node merged = null;
        for (Path source : files) {
            Problems own = new Problems(source.toString());
            String text = reader.read(source);
            p.text(source.toString(), text);
            Node root = EnvMacros.compose(text, System.getenv(), own);
            p.addAll(own);
            if (own.errorCount() > 0) {
                continue;
            }
            if (YamlNodes.isNull(root)) {
                continue;
            }
            if (!(root instanceof MappingNode)) {
                p.origin(root, source.toString());
                p.error(root, "", "expected a mapping of settings (models: ...) at the top of the file");
                continue;
            }
            p.origin(root, source.toString());
            merged = merged == null ? root : new ConfigMerge(p).merge(merged, root, "", source.toString());
        }
        if (merged == null) {
            if (p.errorCount() == 0) {
                p.error(1, 1, "models", files.isEmpty() ? "the folder has no *.yaml or *.yml file"
                        : "no configuration in " + files + "; at least one file needs a models: section");
            }
            p.throwIfAny();
        }
        // The merge's and the files' errors so far are in p: validating what did merge adds the values'
        // errors, and fromTree throws them all together, as a single file's load does.
        return ConfigLoader.fromTree(merged, file.or(() -> dir), Macros.of(Map.of(), System.getenv()), kept, p);
    }

    /** The YAML files directly in {@code dir}, by name, without {@code file} (an error if it is there). */
    private static List<Path> yamlFiles(Path dir, Optional<Path> file) throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(dir)) {
            files = listing.filter(Files::isRegularFile)
                    .filter(f -> f.getFileName().toString().endsWith(".yaml") || f.getFileName().toString().endsWith(".yml"))
                    .sorted().toList();
        } catch (IOException e) {
            throw UnreadableConfigException.folder(dir, e);
        }
        if (file.isPresent()) {
            Path absolute = file.get().toAbsolutePath().normalize();
            if (files.stream().anyMatch(f -> f.toAbsolutePath().normalize().equals(absolute))) {
                throw new IOException("--config " + file.get() + " is also in --config-dir " + dir + "; remove it from one");
            }
        }
        return files;
    }
}
