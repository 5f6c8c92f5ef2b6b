package dev.swapdeck.ui.playground;

import dev.swapdeck.process.ProcessState;
import dev.swapdeck.routing.ModelStatus;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The playground's target until the person picks one (or one they sent to failed): the model that is
 * running, so a first prompt answers at once instead of swapping it out; otherwise the current target
 * while it is offered and its model has not failed; otherwise the first model whose last start did not
 * fail. A pure function of one snapshot.
 */
final class DefaultTarget {
    private DefaultTarget() {
    }

    /**
     * @param models  every model's status, in the order they are offered
     * @param offered the targets offered: model ids first, then aliases and {@code profile:model}
     * @param current the target now, perhaps blank
     */
    static String pick(List<ModelStatus> models, List<String> offered, String current) {
        Map<String, ModelStatus> byId = models.stream().collect(Collectors.toMap(ModelStatus::id, Function.identity()));
        for (String name : offered) {
            ModelStatus model = byId.get(name);
            if (model != null && model.process().state() == ProcessState.READY) {
                return name;
            }
        }
        if (offered.contains(current) && !failed(byId.get(current))) {
            return current;
        }
        for (String name : offered) {
            ModelStatus model = byId.get(name);
            if (model != null && !failed(model)) {
                return name;
            }
        }
        return offered.isEmpty() ? "" : offered.get(0);
    }

    private static boolean failed(ModelStatus model) {
        return model != null && model.process().failed();
    }
}
