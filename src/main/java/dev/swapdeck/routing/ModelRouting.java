package dev.swapdeck.routing;

import dev.swapdeck.config.GroupRule;
import dev.swapdeck.config.MatrixExpression;
import dev.swapdeck.config.MatrixRules;
import dev.swapdeck.config.SwapdeckConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How the configuration's routing rules treat one model, as the window and {@code /api/models} show it.
 *
 * @param group      its group (declared or the implicit {@code (default)}) when groups are in force
 * @param matrixSets the matrix sets that can include it, when a matrix is in force
 * @param pins       {@code profile/pin} names that lead to it
 * @param selectors  selectors that list it as a target
 * @param priority   its FIFO priority (0 unless set)
 */
public record ModelRouting(Optional<GroupRule> group, List<String> matrixSets, List<String> pins,
        List<String> selectors, int priority) {

    public ModelRouting {
        matrixSets = List.copyOf(matrixSets);
        pins = List.copyOf(pins);
        selectors = List.copyOf(selectors);
    }

    public static ModelRouting none() {
        return new ModelRouting(Optional.empty(), List.of(), List.of(), List.of(), 0);
    }

    static ModelRouting of(SwapdeckConfig config, Swapper rule, String id) {
        Optional<GroupRule> group = rule instanceof GroupSwapper groups ? Optional.of(groups.groupOf(id)) : Optional.empty();
        List<String> sets = new ArrayList<>();
        config.routing().matrix().ifPresent(m -> m.sets().stream()
                .filter(s -> mentions(m, s.root(), id, new HashSet<>())).forEach(s -> sets.add(s.name())));
        List<String> pins = new ArrayList<>();
        config.routing().pinProfiles().values().forEach(profile -> profile.pins().forEach((pin, target) -> {
            if (target.flatMap(config::model).filter(m -> m.id().equals(id)).isPresent()) {
                pins.add(profile.name() + "/" + pin);
            }
        }));
        List<String> selectors = config.routing().selectors().values().stream()
                .filter(s -> s.targets().stream().anyMatch(t -> config.model(t).filter(m -> m.id().equals(id)).isPresent()))
                .map(s -> s.id()).toList();
        return new ModelRouting(group, sets, pins, selectors, config.routing().priority(id));
    }

    /** The seed-era list profiles a model is a member of, sorted. */
    static List<String> listProfilesOf(SwapdeckConfig config, String id) {
        return config.profiles().entrySet().stream().filter(e -> e.getValue().contains(id))
                .map(Map.Entry::getKey).sorted().toList();
    }

    private static boolean mentions(MatrixRules rules, MatrixExpression e, String id, Set<String> seen) {
        if (e instanceof MatrixExpression.Model model) {
            return model.id().equals(id);
        }
        if (e instanceof MatrixExpression.Ref ref) {
            return seen.add(ref.set()) && rules.sets().stream().filter(s -> s.name().equals(ref.set()))
                    .anyMatch(s -> mentions(rules, s.root(), id, seen));
        }
        List<MatrixExpression> children = e instanceof MatrixExpression.All all ? all.parts()
                : ((MatrixExpression.Any) e).choices();
        return children.stream().anyMatch(c -> mentions(rules, c, id, seen));
    }
}
