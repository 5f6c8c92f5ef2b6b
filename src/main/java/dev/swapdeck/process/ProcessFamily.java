package dev.swapdeck.process;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which processes of one read of the process table belong to a model process (SPEC §3), besides itself:
 * its descendants while it lives (through it they can be found; once it has exited its pid could be a
 * stranger's), the members of its group when it leads one, and, as candidates for its mark, every other
 * living process started no earlier than it: an older one cannot have inherited its environment, so only
 * the young are read for the mark ({@link ProcessMarks#carries}). Pure: table-tested without processes.
 *
 * @param members        the descendants and group members found, without the process itself
 * @param markCandidates the other living processes young enough to carry its mark
 */
record ProcessFamily(List<Long> members, List<Long> markCandidates) {

    /**
     * The family of {@code pid} (started at {@code startTicks}; 0 if unknown, then every process is a
     * candidate) in {@code table}, leaving out {@code self} (Swapdeck, which never carries a mark).
     */
    static ProcessFamily of(List<ProcFs.Stat> table, long pid, long startTicks, boolean alive, boolean ownGroup, long self) {
        Set<Long> members = new LinkedHashSet<>();
        if (alive) {
            addDescendants(table, pid, members);
        }
        List<Long> candidates = new ArrayList<>();
        for (ProcFs.Stat stat : table) {
            if (stat.pid() == pid || stat.pid() == self || stat.gone() || members.contains(stat.pid())) {
                continue;
            }
            if (ownGroup && stat.pgid() == pid) {
                members.add(stat.pid());
            } else if (stat.startTicks() >= startTicks) {
                candidates.add(stat.pid());
            }
        }
        return new ProcessFamily(List.copyOf(members), candidates);
    }

    private static void addDescendants(List<ProcFs.Stat> table, long pid, Set<Long> into) {
        // loops, no lambdas: a lambda's first call bootstraps, milliseconds on a session's first stop
        Map<Long, List<Long>> children = new HashMap<>();
        for (ProcFs.Stat stat : table) {
            if (!stat.gone()) {
                List<Long> siblings = children.get(stat.ppid());
                if (siblings == null) {
                    siblings = new ArrayList<>();
                    children.put(stat.ppid(), siblings);
                }
                siblings.add(stat.pid());
            }
        }
        List<Long> frontier = new ArrayList<>(List.of(pid));
        while (!frontier.isEmpty()) {
            List<Long> next = new ArrayList<>();
            for (long parent : frontier) {
                for (long child : children.getOrDefault(parent, List.of())) {
                    if (into.add(child)) {
                        next.add(child);
                    }
                }
            }
            frontier = next;
        }
    }
}
