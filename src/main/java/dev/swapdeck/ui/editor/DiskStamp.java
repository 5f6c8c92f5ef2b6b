package dev.swapdeck.ui.editor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Optional;

/**
 * What a file looked like on disk, cheaply: its modification time and size, read without its text.
 * Two stamps that differ mean another program may have written it; the text decides.
 */
record DiskStamp(FileTime modified, long size) {

    /** The stamp of {@code file}, or empty when it cannot be read (gone, no permission). */
    static Optional<DiskStamp> of(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return Optional.of(new DiskStamp(attributes.lastModifiedTime(), attributes.size()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
