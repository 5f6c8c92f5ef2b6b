package dev.swapdeck.process;

import java.util.Locale;
import java.util.Optional;

/**
 * How the JDK starts child processes. Its default on Linux, posix_spawn of its {@code jspawnhelper}
 * program, which then execs the command, costs one exec more per spawn: 4 to 6 ms on a 2-core machine,
 * on the critical path of every swap (measured in {@code docs/performance.md}). JDK 17 to 24 still offer
 * vfork, the JDK's own default on Linux until 12, which execs the command directly. JDK 25 deprecates it
 * and 26 removes it (an unknown mechanism would fail every spawn), so it is chosen only below 25, on
 * Linux, and never over a mechanism the user set.
 */
public final class LaunchMechanism {
    static final String PROPERTY = "jdk.lang.Process.launchMechanism";
    private static final int LAST_WITH_VFORK = 24;

    private LaunchMechanism() {
    }

    /** Call first in {@code main}: the JDK reads the property once, when the first process starts. */
    public static void preferDirectExec() {
        choice(System.getProperty(PROPERTY), System.getProperty("os.name", ""), Runtime.version().feature())
                .ifPresent(mechanism -> System.setProperty(PROPERTY, mechanism));
    }

    /** The mechanism to set, given the one already set (or null), the OS name and the JDK's feature release. */
    static Optional<String> choice(String current, String os, int feature) {
        boolean linux = os.toLowerCase(Locale.ROOT).startsWith("linux");
        return current == null && linux && feature <= LAST_WITH_VFORK ? Optional.of("VFORK") : Optional.empty();
    }
}
