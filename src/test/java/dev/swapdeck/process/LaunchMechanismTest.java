package dev.swapdeck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LaunchMechanismTest {
    @Test
    void vforkOnLinuxUpToJdk24Only() {
        assertEquals(Optional.of("VFORK"), LaunchMechanism.choice(null, "Linux", 17));
        assertEquals(Optional.of("VFORK"), LaunchMechanism.choice(null, "Linux", 24));
        assertEquals(Optional.empty(), LaunchMechanism.choice(null, "Linux", 25), "deprecated there, removed in 26");
        assertEquals(Optional.empty(), LaunchMechanism.choice(null, "Mac OS X", 17));
    }

    @Test
    void aMechanismTheUserSetStays() {
        assertEquals(Optional.empty(), LaunchMechanism.choice("POSIX_SPAWN", "Linux", 17));
    }
}
