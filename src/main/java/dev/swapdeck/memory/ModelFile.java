package dev.swapdeck.memory;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Estimates a llama-server's footprint before it was ever measured, from the files its command
 * loads: the {@code -m}/{@code --model} file (every part of a split GGUF) and an {@code --mmproj}
 * projector, plus a margin for the KV cache and compute buffers. Reads file sizes, so it runs when a
 * configuration is installed, never while planning.
 */
public final class ModelFile {
    /** Added to the files' size: 10 % of it plus 512 MiB covers the KV cache at common context sizes. */
    static final long MARGIN_FIXED = 512 * ByteSize.MIB;
    static final int MARGIN_PERCENT = 10;

    private static final Pattern SPLIT = Pattern.compile("(.*)-(\\d{5})-of-(\\d{5})\\.gguf");

    private ModelFile() {
    }

    /** The estimate, or empty when the command names no model file that exists. */
    public static Optional<Long> estimate(List<String> cmd) {
        Optional<Long> model = flag(cmd, "-m", "--model").flatMap(ModelFile::sizeWithParts);
        if (model.isEmpty()) {
            return Optional.empty();
        }
        long files = model.get() + flag(cmd, "-mm", "--mmproj").flatMap(ModelFile::size).orElse(0L);
        return Optional.of(files + files * MARGIN_PERCENT / 100 + MARGIN_FIXED);
    }

    /** The value of a flag written {@code -m FILE}, {@code --model FILE} or {@code --model=FILE}. */
    static Optional<String> flag(List<String> cmd, String shortName, String longName) {
        for (int i = 1; i < cmd.size(); i++) {
            String arg = cmd.get(i);
            if ((arg.equals(shortName) || arg.equals(longName)) && i + 1 < cmd.size()) {
                return Optional.of(cmd.get(i + 1));
            }
            if (arg.startsWith(longName + "=") || arg.startsWith(shortName + "=")) {
                return Optional.of(arg.substring(arg.indexOf('=') + 1));
            }
        }
        return Optional.empty();
    }

    /** A split GGUF ({@code name-00001-of-00003.gguf}) counts every part next to the one named. */
    private static Optional<Long> sizeWithParts(String file) {
        Path path = Path.of(file);
        Matcher split = SPLIT.matcher(path.getFileName().toString());
        if (!split.matches() || path.toAbsolutePath().getParent() == null) {
            return size(file);
        }
        long sum = 0;
        String glob = split.group(1) + "-*-of-" + split.group(3) + ".gguf";
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(path.toAbsolutePath().getParent(), glob)) {
            for (Path part : parts) {
                sum += Files.size(part);
            }
        } catch (IOException | RuntimeException e) {
            return size(file);
        }
        return sum > 0 ? Optional.of(sum) : Optional.empty();
    }

    private static Optional<Long> size(String file) {
        try {
            Path path = Path.of(file);
            return Files.isRegularFile(path) ? Optional.of(Files.size(path)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
