package dev.swapdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The core runs without a display: only the ui package may touch JavaFX or RichTextFX. */
@AnalyzeClasses(packages = "dev.swapdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] CORE = {"dev.swapdeck.config..", "dev.swapdeck.process..",
        "dev.swapdeck.routing..", "dev.swapdeck.proxy..", "dev.swapdeck.logging..", "dev.swapdeck.event..",
        "dev.swapdeck.engine..", "dev.swapdeck.demo..", "dev.swapdeck.security..", "dev.swapdeck.activity..",
        "dev.swapdeck.loading..", "dev.swapdeck.metrics..", "dev.swapdeck.state..", "dev.swapdeck.memory.."};

    @ArchTest
    static final ArchRule onlyTheUiPackageTouchesJavaFx = noClasses()
            .that().resideOutsideOfPackage("dev.swapdeck.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.fxmisc..");

    @ArchTest
    static final ArchRule theCoreDoesNotReachIntoTheWindow = noClasses()
            .that().resideInAnyPackage(CORE)
            .should().dependOnClassesThat().resideInAPackage("dev.swapdeck.ui..");

    @ArchTest
    static final ArchRule lowerLayersDoNotKnowTheHttpServer = noClasses()
            .that().resideInAnyPackage("dev.swapdeck.config..", "dev.swapdeck.process..",
                    "dev.swapdeck.routing..", "dev.swapdeck.logging..", "dev.swapdeck.event..",
                    "dev.swapdeck.security..", "dev.swapdeck.activity..", "dev.swapdeck.loading..",
                    "dev.swapdeck.metrics..", "dev.swapdeck.memory..")
            .should().dependOnClassesThat().resideInAnyPackage("io.undertow..", "dev.swapdeck.proxy..");

    /**
     * Numbers read the same whatever the user's locale: the packaged runtime has no locale data, so
     * the jar would otherwise write 0,25 where the package writes 0.25.
     */
    @ArchTest
    static final ArchRule textIsFormattedTheSameInEveryLocale = noClasses()
            .should().callMethod(String.class, "format", String.class, Object[].class)
            .orShould().callMethod(String.class, "formatted", Object[].class)
            .because("String.format(Locale.ROOT, ...) gives the same text in every locale");

    /** Memory knows processes and sizes, not the router or the configuration it is consulted by. */
    @ArchTest
    static final ArchRule memoryDoesNotKnowItsCallers = noClasses()
            .that().resideInAPackage("dev.swapdeck.memory..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.swapdeck.routing..", "dev.swapdeck.config..",
                    "dev.swapdeck.engine..");
}
