package dev.swapdeck.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class FxStartTest {
    @Test
    void regionsArePaintedDirectlyUnlessTheUserSaidOtherwise() {
        Properties unset = new Properties();
        FxStart.paintRegionsDirectly(unset);
        assertEquals("true", unset.getProperty(FxStart.DISABLE_REGION_CACHING));

        Properties chosen = new Properties();
        chosen.setProperty(FxStart.DISABLE_REGION_CACHING, "false");
        FxStart.paintRegionsDirectly(chosen);
        assertEquals("false", chosen.getProperty(FxStart.DISABLE_REGION_CACHING));
    }
}
