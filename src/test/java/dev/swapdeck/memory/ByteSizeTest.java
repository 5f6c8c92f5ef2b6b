package dev.swapdeck.memory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteSizeTest {

    @ParameterizedTest(name = "{0} = {1} bytes")
    @CsvSource({
        "9GiB, 9663676416",
        "9G, 9663676416",
        "9GB, 9663676416",
        "9gib, 9663676416",
        "'9 GiB', 9663676416",
        "9.5G, 10200547328",
        "9000MiB, 9437184000",
        "9000M, 9437184000",
        "9000, 9437184000",
        "512KiB, 524288",
        "1T, 1099511627776",
        "100B, 100",
        ".5G, 536870912",
        "1_024, 1073741824",
    })
    void sizesAreBinaryAndABareNumberIsMib(String text, long bytes) {
        assertEquals(bytes, ByteSize.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "GiB", "nine", "-1G", "9 GiB extra", "9.G"})
    void malformedSizesSayWhatIsExpected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().contains("9GiB"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"9X", "9 gigs", "3PiB"})
    void unknownUnitsNameTheAcceptedOnes(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ByteSize.parse(text));
        assertTrue(e.getMessage().startsWith("unknown unit"), e.getMessage());
        assertTrue(e.getMessage().contains("GiB"), e.getMessage());
    }

    @ParameterizedTest(name = "{0} bytes read {1}")
    @CsvSource({"9663676416, 9.0 GiB", "536870912, 512 MiB", "0, 0 MiB", "-1073741824, -1.0 GiB"})
    void formatsForPeople(long bytes, String text) {
        assertEquals(text, ByteSize.format(bytes));
    }
}
