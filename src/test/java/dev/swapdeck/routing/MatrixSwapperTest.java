package dev.swapdeck.routing;

import static dev.swapdeck.routing.GroupSwapperTest.set;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** llama-swap's matrix solver, one row per case: target, running models, what must stop. */
class MatrixSwapperTest {
    private static final Swapper MATRIX = SwapPolicy.of(RoutingConfigs.parse(
            "gemma qwen mistral voxtral reranker sd big loner", String.join("\n",
                    "routing:",
                    "  router:",
                    "    use: matrix",
                    "    settings:",
                    "      matrix:",
                    "        vars: {g: gemma, q: qwen, m: mistral, v: voxtral, e: reranker}",
                    "        evict_costs: {v: 50, big: 30}",
                    "        sets:",
                    "          standard: \"(g | q | m) & v\"",
                    "          with_rerank: \"(g | q) & v & e\"",
                    "          creative: \"(g | q) & sd\"",
                    "          full: big",
                    ""))).rule();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "a running target evicts nothing                  | gemma    | gemma voxtral         | ''",
        "one beside models no set allows evicts them      | gemma    | gemma mistral         | mistral",
        "a set member joins what its set allows           | gemma    | voxtral               | ''",
        "the set that keeps every running model wins      | reranker | qwen voxtral          | ''",
        "only the models outside the chosen set go        | reranker | mistral voxtral       | mistral",
        "the cheapest set wins: keep the costly voxtral   | mistral  | gemma voxtral reranker| gemma reranker",
        "costs decide: losing voxtral (50) beats both     | sd       | gemma voxtral         | voxtral",
        "a set of one evicts everything                   | big      | gemma voxtral         | gemma voxtral",
        "a model in no set runs alone                     | loner    | gemma voxtral         | gemma voxtral",
        "a running model in no set is evicted             | gemma    | loner                 | loner",
        "nothing running, nothing to evict                | sd       | ''                    | ''",
    })
    void evictsTheCheapestSet(String rule, String target, String running, String expected) {
        assertEquals(set(expected), MATRIX.evictionFor(target, set(running)), rule);
    }

    @Test
    void equalCostsGoToTheSetWrittenFirst() {
        Swapper matrix = SwapPolicy.of(RoutingConfigs.parse("a b c", String.join("\n",
                "matrix:",
                "  sets:",
                "    first: a & b",
                "    second: a & c",
                ""))).rule();
        assertEquals(set("c"), matrix.evictionFor("a", set("b c")));
        assertEquals(set("c"), matrix.evictionFor("a", set("c b")), "the order of the running set does not matter");
        assertTrue(matrix.explain("a", set("b c")).contains("first"));
    }

    @Test
    void anAlternativeInsideOneSetTakesItsCheapestChoice() {
        Swapper matrix = SwapPolicy.of(RoutingConfigs.parse("a b c", String.join("\n",
                "matrix:",
                "  evict_costs: {b: 5}",
                "  sets:",
                "    s: (a & b) | (a & c)",
                ""))).rule();
        assertEquals(set("c"), matrix.evictionFor("a", set("b c")), "keeping b (cost 5) beats keeping c (cost 1)");
        assertEquals(set("b"), matrix.evictionFor("c", set("a b")), "c's only choice keeps a");
    }

    @Test
    void referencesInlineAnotherSet() {
        Swapper matrix = SwapPolicy.of(RoutingConfigs.parse("g q v x", String.join("\n",
                "matrix:",
                "  sets:",
                "    llms: g | q",
                "    voice: +llms & (v | x)",
                ""))).rule();
        assertEquals(set(""), matrix.evictionFor("v", set("q")));
        assertEquals(set("v"), matrix.evictionFor("x", set("q v")));
        assertEquals(set("g"), matrix.evictionFor("q", set("g x")));
    }

    /** As llama-swap's solver: a set comes after the sets it references, so a tie goes to the one referenced. */
    @Test
    void aTieGoesToAReferencedSetBeforeTheSetThatReferencesIt() {
        Swapper matrix = SwapPolicy.of(RoutingConfigs.parse("t x y", String.join("\n",
                "matrix:",
                "  sets:",
                "    first: (t & x) | +second",
                "    second: t & y",
                "    third: x & y",
                ""))).rule();
        assertEquals(set("x"), matrix.evictionFor("t", set("x y")), "second (t & y) is weighed before first");
    }

    @Test
    void wideExpressionsAreSolvedWithoutExpandingThem() {
        StringBuilder models = new StringBuilder();
        StringBuilder expression = new StringBuilder();
        for (int group = 0; group < 12; group++) {
            expression.append(group == 0 ? "" : " & ").append("(");
            for (int choice = 0; choice < 8; choice++) {
                String id = "m" + group + "x" + choice;
                models.append(models.length() == 0 ? "" : " ").append(id);
                expression.append(choice == 0 ? "" : " | ").append(id);
            }
            expression.append(")");
        }
        Swapper matrix = SwapPolicy.of(RoutingConfigs.parse(models.toString(),
                "matrix:\n  sets:\n    wide: \"" + expression + "\"\n")).rule();
        assertEquals(set("m0x1"), matrix.evictionFor("m0x2", set("m0x1 m5x3 m11x7")),
                "8^12 combinations, one answer: only the sibling of the target goes");
    }
}
