package dev.swapdeck.process;

/**
 * One model process as the state folder records it (SPEC §9): enough to find it again after Swapdeck
 * died, and to be sure it is still the same process and not a stranger that reused the pid.
 *
 * @param startTicks its start time, in clock ticks since boot ({@code /proc/<pid>/stat} field 22)
 * @param pgid       its process group: its own pid when it leads a group of its own (always, on Linux
 *                   with util-linux), else 0 (it shares Swapdeck's group, which is never signalled)
 * @param port       the port its {@code proxy} uses, or 0 when none is known
 * @param command    its command line, arguments joined by spaces, as {@code /proc/<pid>/cmdline} shows it
 */
public record RecordedChild(String model, long pid, long startTicks, long pgid, int port, String command) {
}
