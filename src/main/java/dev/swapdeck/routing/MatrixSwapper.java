package dev.swapdeck.routing;

import dev.swapdeck.config.MatrixExpression;
import dev.swapdeck.config.MatrixRules;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * llama-swap's matrix rule. A set allows its models (or any subset) to run together. For a target that
 * is not running: of every combination a set expression allows that contains the target, take the one
 * whose running-but-excluded models cost least to evict (costs from {@code evict_costs}, default 1;
 * ties go to the set weighed first: each after the sets it references, otherwise as written); evict
 * those. A target in no set runs alone. A running target evicts nothing while what runs is allowed.
 *
 * <p>Combinations are never expanded in full: each expression is evaluated only over the models that
 * matter to one question (the target and the running ones), keeping the largest distinct choices.
 */
public final class MatrixSwapper implements Swapper {
    private final MatrixRules rules;
    private final Map<String, MatrixExpression> byName = new HashMap<>();

    /** The chosen set, for the log: its name and the cost of what it evicts. */
    record Choice(String set, int cost, Set<String> evict) {
    }

    public MatrixSwapper(MatrixRules rules) {
        this.rules = rules;
        rules.sets().forEach(s -> byName.put(s.name(), s.root()));
    }

    /**
     * What must stop for {@code target} to run. A running target evicts nothing while what runs is a set
     * the rules allow, as in llama-swap, where that always holds; here a reload keeps running models, so
     * after one that changed the sets it may not, and the next request for one of them evicts down to one.
     */
    @Override
    public Set<String> evictionFor(String target, Set<String> running) {
        return choose(target, running).map(Choice::evict).orElseGet(() -> without(running, target));
    }

    @Override
    public String explain(String target, Set<String> running) {
        return choose(target, running).map(c -> "matrix set '" + c.set() + "' (eviction cost " + c.cost() + ")")
                .orElse("'" + target + "' is in no matrix set, so it runs alone");
    }

    Optional<Choice> choose(String target, Set<String> running) {
        List<String> relevant = new ArrayList<>();
        relevant.add(target);
        running.stream().filter(m -> !m.equals(target)).forEach(relevant::add);
        Evaluation evaluation = new Evaluation(relevant);
        Choice best = null;
        for (MatrixRules.MatrixSet set : rules.sets()) {
            for (BitSet combination : evaluation.of(set.root())) {
                if (!combination.get(0)) {
                    continue;
                }
                Set<String> evict = new LinkedHashSet<>();
                int cost = 0;
                for (int i = 1; i < relevant.size(); i++) {
                    if (!combination.get(i)) {
                        evict.add(relevant.get(i));
                        cost += rules.evictCost(relevant.get(i));
                    }
                }
                if (best == null || cost < best.cost()) {
                    best = new Choice(set.name(), cost, evict);
                }
            }
        }
        return Optional.ofNullable(best);
    }

    private static Set<String> without(Set<String> running, String target) {
        Set<String> evict = new LinkedHashSet<>(running);
        evict.remove(target);
        return evict;
    }

    /**
     * The combinations of each expression projected onto the relevant models (bit i = relevant[i]),
     * keeping only maximal ones in first-found order: a combination that keeps a superset of running
     * models never costs more, since every cost is positive.
     */
    private final class Evaluation {
        private final Map<String, Integer> bits = new HashMap<>();
        private final Map<MatrixExpression, List<BitSet>> memo = new IdentityHashMap<>();

        Evaluation(List<String> relevant) {
            for (int i = 0; i < relevant.size(); i++) {
                bits.put(relevant.get(i), i);
            }
        }

        List<BitSet> of(MatrixExpression e) {
            List<BitSet> known = memo.get(e);
            if (known != null) {
                return known;
            }
            List<BitSet> result = new ArrayList<>();
            if (e instanceof MatrixExpression.Model model) {
                BitSet only = new BitSet();
                Integer bit = bits.get(model.id());
                if (bit != null) {
                    only.set(bit);
                }
                result.add(only);
            } else if (e instanceof MatrixExpression.Ref ref) {
                result = of(byName.get(ref.set()));
            } else if (e instanceof MatrixExpression.Any any) {
                for (MatrixExpression choice : any.choices()) {
                    for (BitSet combination : of(choice)) {
                        keepMaximal(result, combination);
                    }
                }
            } else if (e instanceof MatrixExpression.All all) {
                result.add(new BitSet());
                for (MatrixExpression part : all.parts()) {
                    List<BitSet> combined = new ArrayList<>();
                    for (BitSet left : result) {
                        for (BitSet right : of(part)) {
                            BitSet union = (BitSet) left.clone();
                            union.or(right);
                            keepMaximal(combined, union);
                        }
                    }
                    result = combined;
                }
            }
            memo.put(e, result);
            return result;
        }

        private void keepMaximal(List<BitSet> kept, BitSet candidate) {
            for (BitSet existing : kept) {
                if (subsetOf(candidate, existing)) {
                    return;
                }
            }
            kept.removeIf(existing -> subsetOf(existing, candidate));
            kept.add(candidate);
        }

        private boolean subsetOf(BitSet a, BitSet b) {
            BitSet rest = (BitSet) a.clone();
            rest.andNot(b);
            return rest.isEmpty();
        }
    }
}
