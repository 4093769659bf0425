package org.pneumolens.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layers, one direction (as JabRef enforces gui -> logic -> model): {@code app | cli | bench} over {@code core},
 * no arrow up and none between the three; {@code org.pneumolens.Launcher} alone wires them together.
 */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pneumolens");

    @Test
    void coreDoesNotUseJavaFxOrTheOuterLayers() {
        noClasses().that().resideInAPackage("org.pneumolens.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.pneumolens.app..",
                        "org.pneumolens.cli..", "org.pneumolens.bench..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void cliDoesNotUseTheWindow() {
        noClasses().that().resideInAPackage("org.pneumolens.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.pneumolens.app..")
                .check(CLASSES);
    }

    @Test
    void nothingInTheProductUsesTheBenchmarkHarness() {
        noClasses().that().resideInAnyPackage("org.pneumolens.core..", "org.pneumolens.app..", "org.pneumolens.cli..")
                .should().dependOnClassesThat().resideInAPackage("org.pneumolens.bench..")
                .check(CLASSES);
    }

    @Test
    void theBenchmarkHarnessUsesOnlyCore() {
        noClasses().that().resideInAPackage("org.pneumolens.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.pneumolens.app..",
                        "org.pneumolens.cli..")
                .check(CLASSES);
    }

    @Test
    void viewModelsDoNotTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
                .check(CLASSES);
    }

    @Test
    void theWindowReachesTheEngineOnlyThroughCore() {
        noClasses().that().resideInAPackage("org.pneumolens.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.deeplearning4j..", "org.nd4j..")
                .check(CLASSES);
    }

    @Test
    void diagnoseAndTrainDoNotKnowEachOther() {
        noClasses().that().resideInAPackage("org.pneumolens.app.diagnose..")
                .should().dependOnClassesThat().resideInAPackage("org.pneumolens.app.train..")
                .check(CLASSES);
        noClasses().that().resideInAPackage("org.pneumolens.app.train..")
                .should().dependOnClassesThat().resideInAPackage("org.pneumolens.app.diagnose..")
                .check(CLASSES);
    }
}
