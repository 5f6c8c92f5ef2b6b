package dev.swapdeck.process;

import dev.swapdeck.security.Secrets;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What Linux's {@code /proc} says about processes and sockets: a process's group and start time (so a
 * reused pid is never mistaken for a recorded child), its command line, the members of a process group,
 * and who listens on a TCP port. Everything answers empty where {@code /proc} is missing or unreadable
 * (another OS, another user's process); callers treat empty as "unknown", never as "absent".
 */
final class ProcFs {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Path PROC = Path.of("/proc");
    /** A stat line is a few hundred bytes; the command name in it is at most 64. */
    private static final int STAT_BUFFER = 2048;

    /** Fields of {@code /proc/<pid>/stat}: state letter, parent, process group, start time in clock ticks. */
    record Stat(long pid, char state, long ppid, long pgid, long startTicks) {
        /** A zombie or dead task: it holds no port and no memory, only a table entry. */
        boolean gone() {
            return state == 'Z' || state == 'X';
        }
    }

    /** A process found listening on a port. */
    record Listener(long pid, String command) {
        /** Longest command shown in a message; a Java server's class path alone runs to kilobytes. */
        static final int SHOWN_COMMAND_CHARS = 200;
        private static final int SHOWN_HEAD_CHARS = 80;

        /**
         * {@code pid N (command)} for an error message, which reaches HTTP clients and the window:
         * secret flag values masked (SPEC §8); a long command keeps its start (the program) and its end
         * (a Java server's main class and arguments come after its class path), its middle elided.
         */
        String shown() {
            String text = Secrets.commandText(command);
            if (text.length() > SHOWN_COMMAND_CHARS) {
                int tail = SHOWN_COMMAND_CHARS - SHOWN_HEAD_CHARS - 1;
                text = text.substring(0, SHOWN_HEAD_CHARS) + "…" + text.substring(text.length() - tail);
            }
            return "pid " + pid + (text.isEmpty() ? "" : " (" + text + ")");
        }
    }

    private ProcFs() {
    }

    static boolean available() {
        return Files.isDirectory(PROC.resolve("self"));
    }

    /** The stat of one process, or empty if it is gone or unreadable. */
    static Optional<Stat> stat(long pid) {
        byte[] buffer = new byte[STAT_BUFFER];
        return Optional.ofNullable(parseStat(pid, buffer, readStat(pid, buffer)));
    }

    /**
     * Reads {@code /proc/<pid>/stat} into {@code buffer}; answers the byte count, or -1 if unreadable.
     * A stop reads one for every process on the machine ({@link #groupMembers}), on a swap's critical
     * path, in code that runs too rarely to be compiled: hence a reused buffer and a plain
     * {@link FileInputStream}, a fraction of the interpreted work of {@code Files.readAllBytes}.
     */
    private static int readStat(long pid, byte[] buffer) {
        try (FileInputStream in = new FileInputStream("/proc/" + pid + "/stat")) {
            int length = 0;
            for (int read; length < buffer.length && (read = in.read(buffer, length, buffer.length - length)) > 0; ) {
                length += read;
            }
            return length;
        } catch (IOException e) {
            return -1;
        }
    }

    /** The stat in the first {@code length} bytes of {@code raw}, or null if there is none. */
    private static Stat parseStat(long pid, byte[] raw, int length) {
        // the command name (field 2) is in parentheses and may itself contain spaces and parentheses
        int at = length - 1;
        while (at >= 0 && raw[at] != ')') {
            at--;
        }
        if (at < 0 || at + 2 >= length) {
            return null;
        }
        int state = at + 2;
        try {
            return new Stat(pid, (char) raw[state], field(raw, length, state, 1), field(raw, length, state, 2),
                    field(raw, length, state, 19));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The {@code index}-th space-separated decimal field counted from {@code from} (field 0), as a number. */
    private static long field(byte[] raw, int length, int from, int index) {
        int at = from;
        for (int skipped = 0; skipped < index; at++) {
            if (at >= length) {
                throw new IllegalArgumentException("short stat line");
            }
            if (raw[at] == ' ') {
                skipped++;
            }
        }
        boolean negative = at < length && raw[at] == '-';
        long value = 0;
        for (int i = negative ? at + 1 : at; i < length && raw[i] >= '0' && raw[i] <= '9'; i++) {
            value = value * 10 + (raw[i] - '0');
        }
        return negative ? -value : value;
    }

    /** Whether {@code pid} is alive and still the process that started at {@code startTicks}. */
    static boolean isSameLiving(long pid, long startTicks) {
        return stat(pid).filter(s -> !s.gone() && s.startTicks() == startTicks).isPresent();
    }

    /** The command line with its arguments joined by spaces, or empty if unreadable. */
    static Optional<String> commandLine(long pid) {
        try {
            byte[] raw = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("cmdline"));
            if (raw.length == 0) {
                return Optional.empty();
            }
            int end = raw[raw.length - 1] == 0 ? raw.length - 1 : raw.length;
            return Optional.of(new String(raw, 0, end, StandardCharsets.UTF_8).replace('\0', ' '));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Living members of process group {@code pgid}. */
    static List<Long> groupMembers(long pgid) {
        List<Long> members = new ArrayList<>();
        for (Stat stat : table()) {
            if (stat.pgid() == pgid && !stat.gone()) {
                members.add(stat.pid());
            }
        }
        return members;
    }

    /**
     * The stat of every process on the machine, in one pass: a stop reads it twice on a swap's critical
     * path, so everything a stop asks of the process table (descendants, group, who is young enough to
     * carry a mark) comes from this one read. Empty without {@code /proc}.
     */
    static List<Stat> table() {
        List<Stat> table = new ArrayList<>();
        String[] names = PROC.toFile().list();
        if (names == null) {
            return table; // no /proc: nothing to find
        }
        // a loop, not forEachPid's lambda: its first call would add a bootstrap to a session's first stop
        byte[] buffer = new byte[STAT_BUFFER];
        for (String name : names) {
            if (isNumber(name)) {
                long pid = Long.parseLong(name);
                Stat stat = parseStat(pid, buffer, readStat(pid, buffer));
                if (stat != null) {
                    table.add(stat);
                }
            }
        }
        return table;
    }

    /**
     * Who listens on TCP {@code port} where a connection to {@code reached} would arrive (IPv4 or
     * IPv6): the socket's inode from {@code /proc/net/tcp{,6}}, then the process holding it from
     * {@code /proc/<pid>/fd}. Empty when nothing listens there; a listener whose owner cannot be seen
     * has pid -1.
     */
    static Optional<Listener> listenerOn(int port, Set<InetAddress> reached) {
        List<Long> inodes = listeningInodes(port, reached);
        return inodes.isEmpty() ? Optional.empty() : Optional.of(holderOf(inodes.get(0)));
    }

    /** The process holding socket {@code inode}; pid -1 when it cannot be seen (another user's). */
    static Listener holderOf(long inode) {
        String link = "socket:[" + inode + "]";
        long[] owner = {-1};
        forEachPid(pid -> {
            if (owner[0] < 0 && holds(pid, link)) {
                owner[0] = pid;
            }
        });
        long pid = owner[0];
        return new Listener(pid, pid < 0 ? "" : commandLine(pid).orElse(""));
    }

    /**
     * The inodes of every socket listening on TCP {@code port} that a connection to one of
     * {@code reached} would arrive at (bound to that address or to the any-address), IPv4 then IPv6:
     * several processes may listen on one port with {@code SO_REUSEPORT} (llama-server does), and the
     * kernel then shares the connections out between them. A socket bound to another address of the
     * same port (127.0.0.2, a LAN address) takes none of them.
     */
    static List<Long> listeningInodes(int port, Set<InetAddress> reached) {
        List<Long> inodes = new ArrayList<>();
        listeningInodes(port, reached, "tcp", inodes);
        listeningInodes(port, reached, "tcp6", inodes);
        return inodes;
    }

    /**
     * The kernel lists listening sockets first, so the table is read only up to its first socket in
     * another state: a fraction of a millisecond, where the whole table (every connection on the
     * machine) takes the kernel 5-15 ms on a busy one.
     */
    private static void listeningInodes(int port, Set<InetAddress> reached, String table, List<Long> inodes) {
        String wanted = String.format(Locale.ROOT, ":%04X", port);
        try (BufferedReader in = new BufferedReader(new FileReader("/proc/net/" + table, StandardCharsets.US_ASCII))) {
            in.readLine(); // the header
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = WHITESPACE.split(line.trim());
                // local_address is "ADDR:PORT" in hex; state 0A is LISTEN; inode is the tenth field
                if (f.length <= 9 || !f[3].equals("0A")) {
                    return;
                }
                if (f[1].endsWith(wanted)) {
                    InetAddress bound = boundAddress(f[1].substring(0, f[1].length() - wanted.length()));
                    if (bound.isAnyLocalAddress() || reached.contains(bound)) {
                        inodes.add(Long.parseLong(f[9]));
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no /proc, or a table being rewritten: what was read stands
        }
    }

    /**
     * The address of a {@code local_address} in {@code /proc/net/tcp{,6}}: hex, each 32-bit word in
     * the machine's byte order (on x86 and ARM, little-endian: 127.0.0.1 reads {@code 0100007F}). An
     * IPv4-mapped IPv6 address comes back as the IPv4 one.
     */
    static InetAddress boundAddress(String hex) throws UnknownHostException {
        byte[] bytes = new byte[hex.length() / 2];
        for (int i = 0; i < bytes.length; i++) {
            int word = i / 4;
            int within = ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN ? 3 - i % 4 : i % 4;
            int at = (word * 4 + within) * 2;
            bytes[i] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
        }
        return InetAddress.getByAddress(bytes);
    }

    /** Whether {@code pid} has {@code link} (e.g. {@code socket:[123]}) open. */
    static boolean holds(long pid, String link) {
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(PROC.resolve(Long.toString(pid)).resolve("fd"))) {
            for (Path fd : fds) {
                try {
                    if (Files.readSymbolicLink(fd).toString().equals(link)) {
                        return true;
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        } catch (IOException | RuntimeException e) {
            return false;
        }
        return false;
    }

    private interface PidVisitor {
        void visit(long pid);
    }

    private static void forEachPid(PidVisitor visitor) {
        String[] names = PROC.toFile().list();
        if (names == null) {
            return; // no /proc: nothing to visit
        }
        for (String name : names) {
            if (isNumber(name)) {
                visitor.visit(Long.parseLong(name));
            }
        }
    }

    private static boolean isNumber(String name) {
        for (int i = 0; i < name.length(); i++) {
            if (name.charAt(i) < '0' || name.charAt(i) > '9') {
                return false;
            }
        }
        return !name.isEmpty() && name.length() < 19;
    }
}
