package dev.swapdeck.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FlatNumbersTest {
    private static final List<String> WANTED = List.of("prompt_n", "predicted_n", "predicted_per_second");

    /** Expected: the wanted numbers as {@code name=value} in name order, or "malformed". */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"prompt_n\":3,\"prompt_ms\":1.5,\"predicted_n\":9,\"predicted_per_second\":12.5} | {predicted_n=9.0, predicted_per_second=12.5, prompt_n=3.0}",
        "{} | {}",
        "{ \"prompt_n\" : 5 ,\t\"predicted_n\" :6 } | {predicted_n=6.0, prompt_n=5.0}",
        "{\"a\":{\"prompt_n\":99},\"prompt_n\":1} | {prompt_n=1.0}",
        "{\"x\":[1,{\"y\":[2]}],\"prompt_n\":4} | {prompt_n=4.0}",
        "{\"note\":\"a}\\\"{[\",\"prompt_n\":2} | {prompt_n=2.0}",
        "{\"ok\":true,\"n\":null,\"f\":false,\"prompt_n\":-1e2} | {prompt_n=-100.0}",
        "{\"prompt_n\":\"3\",\"predicted_n\":[1]} | {}",
        "{\"prompt_n\":-12,\"predicted_n\":1234567890123456789,\"predicted_per_second\":0.5e1} | {predicted_n=1.23456789012345677E18, predicted_per_second=5.0, prompt_n=-12.0}",
        "{\"prompt_n\":3}, \"after\": 1} | {prompt_n=3.0}",
        "{\"prompt_n\":3, | malformed",
        "{\"prompt_n\":3 | malformed",
        "{\"prompt_n\" 3} | malformed",
        "{prompt_n:3} | malformed",
        "{\"prompt_n\":1-2} | malformed",
        "{\"prompt_n\":} | malformed",
        "{\"note\":\"unterminated} | malformed",
        "{\"a\":{\"b\":1} | malformed",
        "[1] | malformed",
        "{\"prompt_n\":-0.25,\"predicted_n\":007,\"predicted_per_second\":81.43918467770045} | {predicted_n=7.0, predicted_per_second=81.43918467770045, prompt_n=-0.25}",
        "{\"prompt_n\":- } | malformed",
        "{\"prompt_n\":1.2.3} | malformed",
        "{\"prompt_x\":3,\"predicted_x\":4,\"predicted_per_minute\":5,\"prompt_n\":1} | {prompt_n=1.0}",
        "{\"ok\":tru | malformed",
        "{\"ok\":nul | malformed",
        "{\"ok\":fals | malformed",
    })
    void readsTheWantedNumbersOfOneObjectAndSkipsTheRest(String json, String expected) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        Map<String, Double> numbers = FlatNumbers.read(bytes, 0, bytes.length, WANTED);
        assertEquals(expected, numbers == null ? "malformed" : new TreeMap<>(numbers).toString());
    }

    @Test
    void readsAPrettyPrintedObject() {
        byte[] bytes = "{\n  \"prompt_n\": 2,\r\n  \"predicted_n\": 8\n}".getBytes(StandardCharsets.UTF_8);
        assertEquals(Map.of("prompt_n", 2.0, "predicted_n", 8.0), FlatNumbers.read(bytes, 0, bytes.length, WANTED));
    }

    /** The decimal fast path gives exactly what {@link Double#parseDouble} gives, for every length and sign. */
    @Test
    void readsDecimalsExactlyAsTheGeneralParseDoes() {
        Random random = new Random(42);
        for (int n = 0; n < 20_000; n++) {
            StringBuilder number = new StringBuilder(random.nextBoolean() ? "-" : "");
            int digits = 1 + random.nextInt(17);
            int point = random.nextInt(digits + 1);
            for (int d = 0; d < digits; d++) {
                if (d == point && d > 0) {
                    number.append('.');
                }
                number.append((char) ('0' + random.nextInt(10)));
            }
            byte[] bytes = ("{\"predicted_per_second\":" + number + "}").getBytes(StandardCharsets.US_ASCII);
            Map<String, Double> numbers = FlatNumbers.read(bytes, 0, bytes.length, WANTED);
            assertEquals(Double.parseDouble(number.toString()), numbers.get("predicted_per_second"), number.toString());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"5 | 19 | {prompt_n=7.0}", "0 | 19 | malformed", "5 | 18 | malformed",
        "19 | 19 | malformed"})
    void readsOnlyBetweenItsBounds(int from, int end, String expected) {
        byte[] bytes = "xxxxx{\"prompt_n\":7}".getBytes(StandardCharsets.UTF_8);
        Map<String, Double> numbers = FlatNumbers.read(bytes, from, end, WANTED);
        assertEquals(expected, numbers == null ? "malformed" : numbers.toString());
    }
}
