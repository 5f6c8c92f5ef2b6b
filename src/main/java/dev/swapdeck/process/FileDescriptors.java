package dev.swapdeck.process;

import com.sun.management.UnixOperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Refuses to start a process when this JVM is short of file descriptors. JDK 17's launcher, when
 * making one of a new process's pipes fails with EMFILE, closes descriptor 0 on its way out (a number
 * that by then may belong to a client's socket) and leaks the pipes it had made so far
 * (ProcessImpl_md.c): a start must never get that far. Every process Swapdeck starts is checked here
 * first, on the thread that starts it, just before {@link ProcessBuilder#start}.
 */
public final class FileDescriptors {
    /**
     * What a start may use, with room to spare: a pipe for each of three streams, the launcher's own
     * pipes, and the sockets the IO threads may accept in the meantime.
     */
    static final int MARGIN = 64;

    private FileDescriptors() {
    }

    /** Too few descriptors free for a start; the message says how many, and what to do. */
    public static final class TooFew extends IOException {
        TooFew(long free, long max) {
            super("only " + free + " of " + max + " file descriptors are free, fewer than the " + MARGIN
                    + " starting a process needs; close connections to Swapdeck, or raise its limit (ulimit -n,"
                    + " or LimitNOFILE= in a systemd unit)");
        }
    }

    /**
     * Throws {@link TooFew} when fewer than {@link #MARGIN} descriptors are free. Does nothing where the
     * JVM cannot count them (not a Unix, or no /proc): there the launcher's failure is what it is.
     */
    public static void ensureRoomToStart() throws TooFew {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (!(os instanceof UnixOperatingSystemMXBean unix)) {
            return;
        }
        long max = unix.getMaxFileDescriptorCount();
        long open = unix.getOpenFileDescriptorCount();
        if (max >= 0 && open >= 0 && max - open < MARGIN) {
            throw new TooFew(max - open, max);
        }
    }

    /** The descriptors this process may open (its soft limit, which the JVM raises to the hard one); 0 when unknown. */
    public static long max() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? Math.max(0, unix.getMaxFileDescriptorCount()) : 0;
    }
}
