package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Published once at start when model processes left running by an earlier Swapdeck (killed, crashed)
 * were found and stopped (SPEC §9), so the window can tell the user why their GPU memory came back.
 * {@link #summary()} is the one-line notice.
 */
public record LeftoversStopped(List<RecordedChild> stopped, Instant at) implements Event {

    @Override
    public String type() {
        return "leftovers";
    }

    /** One line: each model with the processes stopped for it (a wrapper's survivors together). */
    public String summary() {
        Map<String, List<RecordedChild>> byModel = new LinkedHashMap<>();
        stopped.forEach(child -> byModel.computeIfAbsent(child.model(), model -> new ArrayList<>()).add(child));
        StringBuilder text = new StringBuilder("Stopped ").append(byModel.size())
                .append(byModel.size() == 1 ? " model server" : " model servers")
                .append(" left running by a Swapdeck that did not shut down cleanly:");
        byModel.forEach((model, children) -> {
            String pids = children.stream().map(child -> Long.toString(child.pid())).collect(Collectors.joining(", "));
            String ports = children.stream().filter(child -> child.port() > 0).map(child -> Integer.toString(child.port()))
                    .distinct().collect(Collectors.joining(", "));
            text.append(' ').append(model).append(children.size() == 1 ? " (pid " : " (pids ").append(pids)
                    .append(ports.isEmpty() ? "" : (ports.contains(",") ? ", ports " : ", port ") + ports).append(')');
        });
        return text.toString();
    }
}
