package dev.swapdeck.process;

import dev.swapdeck.event.Event;
import java.time.Instant;
import java.util.List;

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

    public String summary() {
        StringBuilder text = new StringBuilder("Stopped ").append(stopped.size())
                .append(stopped.size() == 1 ? " model server" : " model servers")
                .append(" left running by a Swapdeck that did not shut down cleanly:");
        for (RecordedChild child : stopped) {
            text.append(' ').append(child.model()).append(" (pid ").append(child.pid())
                    .append(child.port() > 0 ? ", port " + child.port() : "").append(')');
        }
        return text.toString();
    }
}
