package dev.swapdeck.state;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A lock file of the state folder, held by one thread of one process at a time: for a read-merge-replace
 * of a file that every Swapdeck sharing the folder rewrites. Against other processes it is the
 * operating system's lock ({@link FileChannel#tryLock}); within this JVM a permit of its own is taken
 * first, for two reasons: the JDK refuses a second lock of one file in one JVM
 * ({@link OverlappingFileLockException}) instead of waiting, and closing any channel to a file drops
 * every lock the process holds on it (POSIX), so no thread may open the file while another holds it.
 * Waits a bounded time, never forever: a Swapdeck stopped while it holds the lock (SIGSTOP, a debugger)
 * must not stop the others. The file stays in the folder: deleting it while one holds it would let
 * another lock a new file of the same name.
 */
public final class FolderLock implements AutoCloseable {
    /** One permit per lock file this JVM has used: a handful, kept for its life. */
    private static final Map<Path, Semaphore> IN_THIS_JVM = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 10;

    private final Semaphore permit;
    private final FileChannel channel;

    private FolderLock(Semaphore permit, FileChannel channel) {
        this.permit = permit;
        this.channel = channel;
    }

    /**
     * Holds {@code file}, made if missing; empty when another thread or process still held it after
     * {@code patience} (or this thread was interrupted, its flag kept). Blocks up to {@code patience}.
     *
     * @throws IOException when the file cannot be made or locked (a read-only folder, say)
     */
    static Optional<FolderLock> acquire(Path file, Duration patience) throws IOException {
        long deadline = System.nanoTime() + patience.toNanos();
        // not reentrant: a thread that asked twice would open the file again, dropping its own lock
        Semaphore permit = IN_THIS_JVM.computeIfAbsent(file.toAbsolutePath().normalize(), f -> new Semaphore(1));
        try {
            if (!permit.tryAcquire(patience.toNanos(), TimeUnit.NANOSECONDS)) {
                return Optional.empty();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        FolderLock held = null;
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            if (locked(channel, deadline)) {
                held = new FolderLock(permit, channel);
            }
            return Optional.ofNullable(held);
        } finally {
            if (held == null) {
                try {
                    if (channel != null) {
                        channel.close();
                    }
                } finally {
                    permit.release();
                }
            }
        }
    }

    /**
     * Polls until {@code deadline}, since {@link FileChannel#lock} waits without a bound. Only the permit
     * keeps this JVM's threads apart: the permit is taken per path as given, so within one JVM a lock
     * file is named by one path ({@link StateFolder} resolves it one way), or the JDK's
     * {@link OverlappingFileLockException} says otherwise.
     */
    private static boolean locked(FileChannel channel, long deadline) throws IOException {
        while (channel.tryLock() == null) {
            if (System.nanoTime() - deadline >= 0) {
                return false;
            }
            try {
                Thread.sleep(POLL_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return true;
    }

    /** Lets the next one have it; the lock goes with the channel. */
    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // the descriptor is closed even so, and the kernel drops the lock with it
        } finally {
            permit.release();
        }
    }
}
