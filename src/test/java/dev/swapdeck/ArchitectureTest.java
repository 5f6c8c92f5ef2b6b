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

    /** Memory knows processes and sizes, not the router or the configuration it is consulted by. */
    @ArchTest
    static final ArchRule memoryDoesNotKnowItsCallers = noClasses()
            .that().resideInAPackage("dev.swapdeck.memory..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.swapdeck.routing..", "dev.swapdeck.config..",
                    "dev.swapdeck.engine..");
}
