package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ExitCodeTest {
    @Test
    void namesTheSignalOfAChildKilledByOne() {
        assertEquals("exited with code 0", ExitCode.describe(0));
        assertEquals("exited with code 1", ExitCode.describe(1));
        assertEquals("exited with code 134 (SIGABRT)", ExitCode.describe(134));
        assertEquals("exited with code 139 (SIGSEGV)", ExitCode.describe(139));
        assertEquals("exited with code 143 (SIGTERM)", ExitCode.describe(143));
        assertEquals("exited with code 137 (SIGKILL)", ExitCode.describe(137));
        assertEquals("exited with code 200", ExitCode.describe(200));
    }
}
