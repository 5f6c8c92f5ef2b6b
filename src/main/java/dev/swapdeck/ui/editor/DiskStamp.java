package dev.swapdeck.ui.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a file looked like on disk, cheaply: its modification time and size, read without its text.
 * Two stamps that differ mean another program may have written it; the text decides.
 */
record DiskStamp(FileTime modified, long size) {
    /** FAT's two seconds, the coarsest tick of a file system a config may be kept on. */
    private static final Duration RACY = Duration.ofSeconds(2);

    /** The stamp of {@code file}, or empty when it cannot be read (gone, no permission). */
    static Optional<DiskStamp> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new DiskStamp(attributes.lastModifiedTime(), attributes.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Whether the file was written so lately that a later write may yet leave the same stamp (file
     * systems keep times in ticks of a few milliseconds up to two seconds): then only its text tells.
     */
    boolean recent() {
        return modified.toInstant().isAfter(Instant.now().minus(RACY));
    }
}
