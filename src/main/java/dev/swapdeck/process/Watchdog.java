package dev.swapdeck.process;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A small shell process that outlives the JVM just long enough to kill what the JVM started (SPEC §9).
 * The JVM holds the write end of its standard input and tells it, one line each, which process groups
 * to guard ({@code + -PGID [cmdStop as a shell line]}) and which are gone ({@code - -PGID}); a plain
 * pid instead of a negative group is guarded alone, and {@code PID@TICKS} only while that pid is still
 * the process started at those clock ticks ({@code /proc/PID/stat}), so a pid reused by another
 * process after the one guarded died is never killed. When the JVM dies in any way (SIGKILL, the OOM
 * killer, a crash), the kernel closes that pipe, {@code read} sees end of input, and the watchdog
 * starts each guarded model's {@code cmdStop} (what stops a container, which SIGKILL of its client
 * would not), sends SIGKILL to every group still guarded, to what descends from their members (read
 * before those kills orphan it), and to every process marked as this run's
 * ({@link ProcessMarks}; looking again until none is left), then exits. Nothing else holds the pipe:
 * the JVM closes every other descriptor in the processes it spawns. The watchdog runs in a session of
 * its own and ignores INT, HUP, TERM and QUIT, so a Ctrl-C in a terminal, or a signal to the JVM's
 * process group, does not take it down first. Its command line ({@link #NAME}) does not contain
 * "swapdeck", so {@code pkill -9 -f swapdeck}, a common way to end a hung Swapdeck, leaves it to do
 * its work.
 */
final class Watchdog {
    /** Its name in {@code ps}: what it guards, without "swapdeck". */
    static final String NAME = "model-watchdog";
    /**
     * How often it looks for marked processes at most, 50 ms apart: a look reads the table once, so what
     * a marked process starts after the table was read, or one in the middle of an exec (its new
     * environment not written yet), is found by a later look; it stops after two looks in a row find
     * nothing (about 0.1 s after a crash). A process killed but slow to exit (a driver's teardown) is
     * found again until it has, so the looks are bounded.
     */
    private static final int MARK_PASSES = 10;
    private static final String SCRIPT = String.join("\n",
            "trap '' INT HUP TERM QUIT PIPE",
            "run=$1 guarded=' '",
            "while read -r op target command; do",
            "  ticks=${target#*@} target=${target%@*}",
            // a group and a pid with the same number are different targets: a server's pid reused as a
            // later model's group id must not lend that group its start time or stop command
            "  case $target in -*) id=g${target#-} ;; *) id=p$target ;; esac",
            "  case $op in",
            "    +) case $guarded in *\" $target \"*) ;; *) guarded=\"$guarded$target \" ;; esac",
            "       eval \"stop_$id=\\$command\"; unset \"ticks_$id\"",
            "       if [ \"$ticks\" != \"$target\" ]; then eval \"ticks_$id=$ticks\"; fi ;;",
            "    -) case $guarded in *\" $target \"*) guarded=\"${guarded%% $target *} ${guarded#* $target }\" ;; esac",
            "       unset \"stop_$id\" \"ticks_$id\" ;;",
            "  esac",
            "done",
            // what descends from a guarded group, read before the kills orphan it: a wrapper's server that
            // left the group and cleared its environment (setsid env -i) has no other trace until it listens
            "groups=' '",
            "for target in $guarded; do case $target in -*) groups=\"$groups${target#-} \" ;; esac; done",
            "table='' family=' '",
            "if [ \"$groups\" != ' ' ]; then",
            "  for f in /proc/[0-9]*/stat; do",
            "    read -r line < \"$f\" || continue",
            "    set -- ${line##*) }",
            "    table=\"$table ${line%% *}:$2\"",
            "    case $groups in *\" $3 \"*) family=\"$family${line%% *} \" ;; esac",
            "  done",
            "  grown=1",
            "  while [ $grown = 1 ]; do",
            "    grown=0",
            "    for entry in $table; do",
            "      case $family in *\" ${entry##*:} \"*) case $family in *\" ${entry%%:*} \"*) ;; *)",
            "        family=\"$family${entry%%:*} \" grown=1 ;; esac ;; esac",
            "    done",
            "  done",
            "fi",
            "for target in $guarded; do",
            "  case $target in -*) id=g${target#-} ;; *) id=p$target ;; esac",
            "  eval \"command=\\$stop_$id ticks=\\$ticks_$id\"",
            "  if [ -n \"$ticks\" ]; then",
            "    stat=$(cat /proc/$target/stat 2>/dev/null) || continue",
            "    set -- ${stat##*) }",
            "    [ $# -ge 20 ] || continue",
            "    shift 19",
            "    [ \"$1\" = \"$ticks\" ] || continue",
            "  fi",
            "  if [ -n \"$command\" ]; then (eval \"$command\") </dev/null >/dev/null 2>&1 & fi",
            "  kill -9 $target 2>/dev/null",
            "done",
            "for pid in $family; do kill -9 $pid 2>/dev/null; done",
            "pass=0 empty=0",
            "while [ $pass -lt " + MARK_PASSES + " ] && [ $empty -lt 2 ]; do",
            "  found=$(grep -lsz \"^$MARK_VARIABLE=$run:\" /proc/[0-9]*/environ)",
            "  if [ -z \"$found\" ]; then empty=$((empty + 1)); else empty=0; fi",
            "  for environ in $found; do",
            "    pid=${environ#/proc/}",
            "    kill -9 ${pid%/environ} 2>/dev/null",
            "  done",
            "  pass=$((pass + 1))",
            "  sleep 0.05",
            "done",
            "");

    private final Process process;
    private final OutputStream commands;

    /** Tells {@code process}'s standard input what to guard; {@link #start} starts the one that acts on it. */
    Watchdog(Process process) {
        this.process = process;
        this.commands = process.getOutputStream();
    }

    /**
     * Starts one; {@code setsid} (when present) puts it in a session of its own. When the JVM dies it
     * also kills every process marked by one of {@code run}'s spawns ({@link ProcessMarks}): those that
     * left their group with {@code setsid} or were re-parented by a double fork.
     */
    static Watchdog start(Optional<String> setsid, String run) throws IOException {
        List<String> argv = new ArrayList<>();
        setsid.ifPresent(argv::add);
        argv.addAll(List.of("/bin/sh", "-c", SCRIPT, NAME, run));
        ProcessBuilder builder = new ProcessBuilder(argv);
        // in its environment, not its command line: the name contains "swapdeck" (see NAME)
        builder.environment().put("MARK_VARIABLE", ProcessMarks.VARIABLE);
        FileDescriptors.ensureRoomToStart();
        Process process = builder
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        return new Watchdog(process);
    }

    long pid() {
        return process.pid();
    }

    /** Tests close its input, as the kernel does when the JVM dies. */
    Process process() {
        return process;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Runs {@code action} once this watchdog has ended, on a thread of the JDK's process reaper. */
    void onExit(Runnable action) {
        process.onExit().thenRun(action);
    }

    /**
     * Guards {@code target}: {@code -PGID} for a whole process group, a pid, or {@code PID@TICKS} for that
     * pid while it is the process started then (released as {@code PID}). {@code stopCommand}, a
     * shell command line on one line (or empty; {@link WatchdogStop}), is {@code eval}ed in a subshell first if the JVM dies.
     */
    synchronized void guard(String target, String stopCommand) throws IOException {
        send("+ " + target + (stopCommand.isEmpty() ? "" : " " + stopCommand));
    }

    synchronized void release(String target) throws IOException {
        send("- " + target);
    }

    private void send(String line) throws IOException {
        commands.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        commands.flush();
    }
}
