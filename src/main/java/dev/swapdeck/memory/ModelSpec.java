package dev.swapdeck.memory;

import java.util.List;

/** What the memory layer needs to know about one configured model. */
public record ModelSpec(String id, ModelMemory memory, List<String> cmd) {

    public ModelSpec {
        cmd = List.copyOf(cmd);
    }
}
