package dev.swapdeck;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Standard output and error in UTF-8 where no locale names a character set: {@code LANG=C}, or none at
 * all, as a systemd service or a container starts Swapdeck. Java then writes ASCII, and every
 * {@code →} of a state change and every non-ASCII model id in the headless log became {@code ?}; the
 * journal and terminals read UTF-8, of which ASCII is a part. A locale that names a charset keeps it.
 */
final class ConsoleCharset {
    private ConsoleCharset() {
    }

    static void useUtf8WhereTheLocaleNamesNone() {
        if (Charset.defaultCharset().equals(StandardCharsets.US_ASCII)) {
            System.setOut(utf8(FileDescriptor.out));
            System.setErr(utf8(FileDescriptor.err));
        }
    }

    /** As the JDK builds {@code System.out}: a small buffer, flushed at each line. */
    private static PrintStream utf8(FileDescriptor descriptor) {
        return new PrintStream(new BufferedOutputStream(new FileOutputStream(descriptor), 128), true, StandardCharsets.UTF_8);
    }
}
