package org.pneumolens.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The two layers, one direction (as JabRef enforces gui -> logic -> model): core knows nothing of app, cli or JavaFX. */
class LayeringTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.pneumolens");

    @Test
    void coreDoesNotUseJavaFxOrTheOuterLayers() {
        noClasses().that().resideInAPackage("org.pneumolens.core..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.controlsfx..", "org.pneumolens.app..",
                        "org.pneumolens.cli..", "picocli..")
                .check(CLASSES);
    }

    @Test
    void cliDoesNotUseTheWindow() {
        noClasses().that().resideInAPackage("org.pneumolens.cli..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "org.pneumolens.app..")
                .check(CLASSES);
    }
}
