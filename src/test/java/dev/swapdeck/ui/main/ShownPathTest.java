package dev.swapdeck.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How the status bar shows the configuration's path, whole beside any notice. */
class ShownPathTest {
    @Test
    void theStatusBarShowsAPathWholeUnlessItIsVeryLong() {
        assertEquals("~/.config/swapdeck/config.yaml",
                MainViewModel.shownPath("/home/ann/.config/swapdeck/config.yaml", "/home/ann"));
        assertEquals("/home/annie/config.yaml", MainViewModel.shownPath("/home/annie/config.yaml", "/home/ann"));
        assertEquals("built-in demo", MainViewModel.shownPath("built-in demo", "/home/ann"));
        String deep = "/srv/models/llama-swap/configurations/for-the-workstation/in-the-lab/config.yaml";
        String shown = MainViewModel.shownPath(deep, "");
        assertEquals(MainViewModel.SHOWN_PATH_CHARS, shown.length(), shown);
        assertTrue(shown.startsWith("/srv/models/") && shown.endsWith("/in-the-lab/config.yaml")
                && shown.contains("…"), shown);
    }
}
