package dev.swapdeck.process;

import dev.swapdeck.config.ModelConfig;
import dev.swapdeck.logging.ProxyLog;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where one Swapdeck's model processes come from and where they are accounted for: spawned through
 * the JVM's {@link Lifeline} (so none outlives the JVM) and, when a {@link ChildRecord} is given,
 * written to the state folder from spawn to end (so a later Swapdeck can stop what a crash left).
 * Thread-safe.
 */
public final class Children {
    private final Lifeline lifeline;
    private final Optional<ChildRecord> record;

    private Children(Lifeline lifeline, Optional<ChildRecord> record) {
        this.lifeline = lifeline;
        this.record = record;
    }

    /** Guarded by this JVM's lifeline and recorded in {@code record}: what Swapdeck itself uses. */
    public static Children recordedIn(ChildRecord record) {
        return new Children(Lifeline.ofThisJvm(), Optional.of(record));
    }

    /** Guarded by this JVM's lifeline, recorded nowhere: for engines that leave no state (tests). */
    public static Children unrecorded() {
        return new Children(Lifeline.ofThisJvm(), Optional.empty());
    }

    /** Spawns {@code model}'s command with {@code builder}'s environment; blocks for the spawn only. */
    Lifeline.Spawned spawn(ModelConfig model, ProcessBuilder builder, ProxyLog log) throws IOException {
        List<String> argv = Programs.resolved(model.cmd(), model.env());
        Lifeline.Spawned child = lifeline.spawn(builder, argv, new WatchdogStop(Programs.resolved(model.cmdStop(), model.env()),
                model.env(), model.extras().unloadTimeout()), ProcessMarks.next(model.id()), log);
        record.ifPresent(r -> r.add(new RecordedChild(model.id(), child.pid(), child.startTicks(),
                child.ownGroup() ? child.pid() : 0, PortCheck.localPort(model.proxy()).orElse(0),
                String.join(" ", argv))));
        return child;
    }

    /**
     * The servers found on {@code child}'s port other than itself ({@link Lifeline.Spawned#servers}), as
     * soon as they are found (while the model loads, or when it turns ready), are guarded and recorded
     * as well, so that a Swapdeck killed or a later one stops them too; those guarded already are left.
     */
    void guardServers(ModelConfig model, Lifeline.Spawned child, ProxyLog log) {
        child.servers().forEach((pid, startTicks) -> {
            if (lifeline.guardServer(pid, startTicks, log)) {
                record.ifPresent(r -> r.add(new RecordedChild(model.id(), pid, startTicks, 0,
                        PortCheck.localPort(model.proxy()).orElse(0), ProcFs.commandLine(pid).orElse(""))));
            }
        });
    }

    /** {@code child} and its group are gone: no longer recorded, no longer guarded. */
    void ended(Lifeline.Spawned child) {
        record.ifPresent(r -> {
            r.remove(child.pid());
            child.servers().keySet().forEach(r::remove);
        });
        lifeline.release(child);
    }
}
