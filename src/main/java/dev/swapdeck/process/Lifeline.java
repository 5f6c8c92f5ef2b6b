package dev.swapdeck.process;

import dev.swapdeck.logging.LogLevel;
import dev.swapdeck.logging.ProxyLog;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes sure no model process outlives this JVM, however the JVM ends (SPEC §9). One per JVM, because
 * what it guards is the JVM itself. Two mechanisms, each covering the other's gap:
 * <ul>
 *   <li>every model command runs as {@code setpriv --pdeathsig KILL -- setsid CMD}: the kernel kills the
 *   model process the moment its parent goes, and it leads a process group of its own that holds its
 *   descendants. {@code PR_SET_PDEATHSIG} fires when the parent <em>thread</em> ends, so every spawn runs
 *   on one thread, {@code swapdeck-spawner}, that lives as long as the JVM: a short-lived starter thread
 *   ending never kills a model ({@link SignalReset} adds {@code env --default-signal} where this JVM
 *   ignores a stop signal);</li>
 *   <li>the {@link Watchdog} kills each recorded process group when the JVM is gone: the descendants
 *   PR_SET_PDEATHSIG does not reach, and models whose direct process was already replaced.</li>
 * </ul>
 * Where {@code setpriv} or {@code setsid} are missing (not Linux), commands run as they are and the
 * shutdown hook is the only guard; this is logged once.
 */
public final class Lifeline {
    private static final Lifeline THIS_JVM = new Lifeline();
    private static final String NO_WATCHDOG = "could not start the watchdog that kills model processes if Swapdeck is killed: ";

    /**
     * One spawned model process. {@code ownGroup}: it leads process group {@code pid}. {@code at}: when
     * it was started, before the watchdog and the record of children heard of it; {@code nanos}: the same
     * moment on {@link System#nanoTime}, for measuring from it whatever the wall clock does.
     * {@code generation}: grows with every spawn in this JVM, so a newer process has a greater one
     * (wall-clock times may go back). {@code mark}: the
     * {@link ProcessMarks} mark its descendants inherit. {@code servers}: the processes other than it
     * found holding its model's port (pid to start ticks), which belong to it whatever becomes of it.
     */
    record Spawned(Process process, boolean ownGroup, long startTicks, Instant at, long nanos, long generation, String mark,
            Map<Long, Long> servers) {
        long pid() {
            return process.pid();
        }

        String watchdogTarget() {
            return ownGroup ? "-" + pid() : Long.toString(pid());
        }
    }

    /** What the watchdog is told of one target: {@code wire}, the target as {@link Watchdog#guard} takes it. */
    private record Guard(String wire, String stopCommand) {
    }

    /** Starts a watchdog: {@link Watchdog#start}, or in tests one that fails or records what it is told. */
    interface WatchdogStarter {
        Watchdog start(Optional<String> setsid, String run) throws IOException;
    }

    private final Optional<String> setsid = executable("setsid");
    private final Optional<String> setpriv = executable("setpriv").filter(Lifeline::supportsPdeathsig);
    private final List<String> signalReset = SignalReset.prefix(executable("env"));
    /** Read by the spawner thread at the first start of a model with a {@code cmdStop}: its probe costs a spawn. */
    private List<String> signalResetForStopCommand;
    private final List<String> watchdogSignalReset = SignalReset.forWatchdog(executable("env"));
    private final Optional<String> timeout = executable("timeout");
    private final BlockingQueue<Runnable> spawns = new LinkedBlockingQueue<>();
    private final AtomicLong generations = new AtomicLong();
    private final WatchdogStarter watchdogs;
    private Watchdog watchdog;
    /** A watchdog could not start, and none has started since: said once, when it began. */
    private boolean watchdogMissing;
    /** Every guarded target (as released) and how it is guarded, for a watchdog started in place of one that died. */
    private final Map<String, Guard> guarded = new LinkedHashMap<>();
    private ProxyLog lastLog;
    private boolean warned;

    private Lifeline() {
        this(Watchdog::start);
    }

    /** Another lifeline beside this JVM's, for tests: its spawner thread lives as long as the JVM too. */
    Lifeline(WatchdogStarter watchdogs) {
        this.watchdogs = watchdogs;
        Thread spawner = new Thread(this::spawnForever, "swapdeck-spawner");
        spawner.setDaemon(true);
        spawner.start();
    }

    public static Lifeline ofThisJvm() {
        return THIS_JVM;
    }

    /** The watchdog's pid once one runs (tests tell it apart from model processes). */
    public synchronized Optional<Long> watchdogPid() {
        return watchdog == null ? Optional.empty() : Optional.of(watchdog.pid());
    }

    /**
     * Starts {@code argv} (with {@code builder}'s environment and redirections) on the spawner thread and
     * guards it before returning; if the JVM dies, the watchdog runs {@code cmdStop} (with {@code ${PID}})
     * before killing the group. {@code mark} goes into its environment ({@link ProcessMarks}). Blocks the
     * caller for the few milliseconds a spawn takes; the wait is not cut short by an interrupt, because a
     * process spawned meanwhile would otherwise be lost.
     */
    Spawned spawn(ProcessBuilder builder, List<String> argv, WatchdogStop cmdStop, String mark, ProxyLog log)
            throws IOException {
        CompletableFuture<Spawned> result = new CompletableFuture<>();
        spawns.add(() -> {
            try {
                result.complete(spawnHere(builder, argv, cmdStop, mark, log));
            } catch (IOException | RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return result.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw (RuntimeException) e.getCause();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The process and its group are gone: the watchdog forgets them (so a reused id is never killed). */
    synchronized void release(Spawned child) {
        release(child.watchdogTarget());
        child.servers().keySet().forEach(pid -> release(Long.toString(pid)));
    }

    /**
     * A server of {@code child}'s found holding its port ({@link Spawned#servers}): killed with it if the
     * JVM dies, though it may be in no group of the child's and carry no mark (one started under
     * {@code setsid env -i}); only while it is the process started at {@code startTicks}, as it stays
     * guarded until its model ends, and a server that died meanwhile may have left its pid to another.
     * False, and nothing done, when it is guarded already; a pid guarded with another start time (a
     * later server under a reused pid) is guarded anew, as the watchdog would spare it.
     */
    synchronized boolean guardServer(long pid, long startTicks, ProxyLog log) {
        String target = Long.toString(pid);
        Guard how = new Guard(startTicks > 0 ? target + "@" + startTicks : target, "");
        if (how.equals(guarded.get(target))) {
            return false;
        }
        guard(target, how, log);
        return true;
    }

    private void release(String target) {
        guarded.remove(target);
        if (watchdog != null && watchdog.isAlive()) {
            try {
                watchdog.release(target);
            } catch (IOException e) {
                // the watchdog is gone; the next spawn starts a new one
            }
        }
    }

    private void spawnForever() {
        while (true) {
            try {
                spawns.take().run();
            } catch (InterruptedException e) {
                // this thread must outlive every child it spawned: it never ends
            }
        }
    }

    private Spawned spawnHere(ProcessBuilder builder, List<String> argv, WatchdogStop cmdStop, String mark, ProxyLog log)
            throws IOException {
        FileDescriptors.ensureRoomToStart(); // before the stop command's probe too, which starts a process
        List<String> wrapped = new ArrayList<>();
        setpriv.ifPresent(p -> wrapped.addAll(List.of(p, "--pdeathsig", "KILL", "--")));
        if (cmdStop.words().isEmpty()) {
            wrapped.addAll(signalReset);
        } else {
            if (signalResetForStopCommand == null) {
                signalResetForStopCommand = SignalReset.prefixForStopCommand(executable("env"));
            }
            wrapped.addAll(signalResetForStopCommand);
        }
        setsid.ifPresent(wrapped::add);
        wrapped.addAll(argv);
        builder.environment().put(ProcessMarks.VARIABLE, mark);
        watchdogBeforeSpawn(log);
        Process process = builder.command(wrapped).start();
        Instant at = Instant.now();
        long nanos = System.nanoTime();
        Spawned child = new Spawned(process, setsid.isPresent(), ProcFs.stat(process.pid()).map(ProcFs.Stat::startTicks).orElse(0L),
                at, nanos, generations.incrementAndGet(), mark, new ConcurrentHashMap<>());
        guard(child.watchdogTarget(), new Guard(child.watchdogTarget(),
                cmdStop.shellLine(child.pid(), watchdogSignalReset, timeout)), log);
        return child;
    }

    /**
     * Before a spawn: PR_SET_PDEATHSIG reaches only the model process itself, so a JVM killed between
     * the first spawn and the watchdog's start left the model's descendants running, in no record.
     * A watchdog that runs already kills whatever this run marked, spawned an instant before or not.
     */
    private synchronized void watchdogBeforeSpawn(ProxyLog log) {
        lastLog = log;
        try {
            ensureWatchdog();
        } catch (IOException e) {
            watchdogMissing(NO_WATCHDOG + e.getMessage());
        }
    }

    private synchronized void guard(String target, Guard how, ProxyLog log) {
        if (setsid.isEmpty() || setpriv.isEmpty()) {
            warnOnce(log, "setsid or setpriv (util-linux) not found: model processes may outlive Swapdeck if it is killed");
        }
        lastLog = log;
        // recorded first: a watchdog that cannot start now, or ends before it reads the line, leaves the
        // target to the next one, which is handed every guarded target
        guarded.put(target, how);
        boolean started;
        try {
            started = ensureWatchdog();
        } catch (IOException e) {
            watchdogMissing(NO_WATCHDOG + e.getMessage());
            return;
        }
        if (!started) {
            try {
                watchdog.guard(how.wire(), how.stopCommand());
            } catch (IOException e) {
                // it has ended: replace() hands every guarded target, this one included, to another
            }
        }
    }

    /**
     * Guarded by this. Starts a watchdog if none runs, handing it every target guarded (so the caller
     * hands it none again); true if it started one. One that ends an outage says so.
     */
    private boolean ensureWatchdog() throws IOException {
        if (watchdog != null && watchdog.isAlive()) {
            return false;
        }
        Watchdog started = watchdogs.start(setsid, ProcessMarks.run());
        watchdog = started;
        for (Guard how : guarded.values()) {
            started.guard(how.wire(), how.stopCommand());
        }
        started.onExit(() -> replace(started));
        if (watchdogMissing) {
            watchdogMissing = false;
            lastLog.log(LogLevel.INFO, null, "the watchdog that kills model processes if Swapdeck is killed has started"
                    + " (pid " + started.pid() + "); it now guards the " + guarded.size() + " model processes running");
        }
        return true;
    }

    /** A watchdog ended while the JVM lives (something killed it): another takes over the running models at once. */
    private synchronized void replace(Watchdog gone) {
        if (watchdog != gone || guarded.isEmpty()) {
            return;
        }
        try {
            ensureWatchdog();
            lastLog.log(LogLevel.WARN, null, "the watchdog that stops model processes if Swapdeck is killed (pid "
                    + gone.pid() + ") ended; another (pid " + watchdog.pid() + ") guards the running models now");
        } catch (IOException e) {
            watchdogMissing("the watchdog that stops model processes if Swapdeck is killed ended, and no other could"
                    + " start: " + e.getMessage());
        }
    }

    /**
     * Guarded by this. Warns at the first failure of an outage only: every start of a model tries again,
     * and each would say the same; the start that ends the outage says so ({@link #ensureWatchdog}).
     */
    private void watchdogMissing(String message) {
        if (!watchdogMissing) {
            watchdogMissing = true;
            lastLog.log(LogLevel.WARN, null, message + "; until one starts (tried again at each model start),"
                    + " model processes may outlive Swapdeck if it is killed");
        }
    }

    private void warnOnce(ProxyLog log, String message) {
        if (!warned) {
            warned = true;
            log.log(LogLevel.WARN, null, message);
        }
    }

    private static Optional<String> executable(String name) {
        String path = System.getenv("PATH");
        List<String> dirs = new ArrayList<>(List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin"));
        if (path != null) {
            dirs.addAll(0, List.of(path.split(File.pathSeparator)));
        }
        return dirs.stream().filter(d -> !d.isEmpty()).map(d -> Path.of(d, name))
                .filter(Files::isExecutable).map(Path::toString).findFirst();
    }

    /** util-linux before 2.33 has no {@code --pdeathsig}. */
    private static boolean supportsPdeathsig(String setpriv) {
        try {
            FileDescriptors.ensureRoomToStart();
            Process probe = new ProcessBuilder(setpriv, "--pdeathsig", "KILL", "--", "true")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return probe.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
