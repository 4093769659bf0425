package org.pneumolens.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.onFx;
import static org.pneumolens.app.FxTestSupport.waitUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.app.diagnose.DiagnoseViewModel;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/** DICOM files in the real Diagnose tab: the header panel, identifiers hidden, the file's own window, MONOCHROME1. */
@ExtendWith(ApplicationExtension.class)
class DicomViewTest {
    @TempDir
    static Path home;

    private UiTaskExecutor inference;
    private MainController main;

    @BeforeAll
    static void isolateRecentFiles() {
        System.setProperty("pneumolens.home", home.toString());
    }

    @Start
    void start(Stage stage) throws Exception {
        inference = new UiTaskExecutor("test-inference");
        main = FxTestSupport.showMainWindow(stage, FxTestSupport.bundledContext(inference), 1200, 800).controller();
    }

    @AfterEach
    void stop() {
        inference.shutdown();
    }

    private DiagnoseViewModel vm() {
        return main.diagnose().viewModel();
    }

    static Path dicom(String name) throws Exception {
        return Path.of(DicomViewTest.class.getResource("/fixtures/dicom/" + name).toURI());
    }

    private void openAndWait(Path file) throws Exception {
        onFx(() -> vm().open(file));
        String name = file.getFileName().toString();
        waitUntil(() -> !vm().busyProperty().get() && vm().getDiagnosis() != null
                && vm().getDiagnosis().name().equals(name) && vm().getDiagnosis().hasPrediction());
        onFx(() -> { });
    }

    @Test
    void theHeaderPanelHidesPatientIdentifiersUntilTheToggleIsOn(FxRobot robot) throws Exception {
        openAndWait(dicom("FULL_person148_jpeg_lossless_sv1.dcm"));

        assertTrue(robot.lookup("#dicomPane").query().isVisible());
        assertEquals("DX", robot.lookup("#dicom-Modality").queryAs(Label.class).getText());
        assertEquals("PA", robot.lookup("#dicom-View-position").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#dicom-Patient-name").tryQuery().isEmpty(), "no name by default");
        assertTrue(robot.lookup("#dicom-Age").tryQuery().isEmpty(), "no age by default");
        assertFalse(vm().getDiagnosis().refused(), vm().getDiagnosis().check().reasons().toString());

        robot.clickOn("#showIdentifiersToggle");

        assertTrue(robot.lookup("#dicom-Patient-name").tryQuery().isPresent());
        assertTrue(robot.lookup("#dicom-Age").tryQuery().isPresent());
        onFx(() -> vm().showIdentifiersProperty().set(false));
        assertTrue(robot.lookup("#dicom-Patient-name").tryQuery().isEmpty());
    }

    @Test
    void a12BitFileOpensAtItsOwnWindowInItsOwnUnits(FxRobot robot) throws Exception {
        openAndWait(dicom("W12_explicit_le.dcm"));

        @SuppressWarnings("unchecked")
        Spinner<Integer> windowField = robot.lookup("#windowField").queryAs(Spinner.class);
        @SuppressWarnings("unchecked")
        Spinner<Integer> levelField = robot.lookup("#levelField").queryAs(Spinner.class);
        assertEquals(400, windowField.getValue(), "the header's first window");
        assertEquals(700, levelField.getValue());
        assertEquals("Header: NARROW", main.diagnose().presets().list().get(0).name());

        openAndWait(FxTestSupport.fixture("val/NORMAL/NORMAL2-IM-0045-0001.jpeg"));

        assertEquals(255, windowField.getValue(), "back to 0-255 for a JPEG");
        assertEquals("Default", main.diagnose().presets().list().get(0).name());
        assertFalse(robot.lookup("#dicomPane").query().isVisible());
    }

    @Test
    void aMonochrome1FileIsShownTheRightWayRound(FxRobot robot) throws Exception {
        openAndWait(dicom("M1_explicit_le.dcm"));
        // What dcmtk/pydicom present for this file (bone white), made when the corpus was built.
        BufferedImage expected = ImageIO.read(dicom("M1_explicit_le.render.png").toFile());

        Image shown = robot.lookup("#imageView").queryAs(ImageView.class).getImage();

        assertEquals(expected.getWidth(), (int) shown.getWidth());
        long diff = 0;
        for (int y = 0; y < expected.getHeight(); y += 3) {
            for (int x = 0; x < expected.getWidth(); x += 3) {
                int want = expected.getRaster().getSample(x, y, 0);
                int got = shown.getPixelReader().getArgb(x, y) & 0xff;
                diff = Math.max(diff, Math.abs(want - got));
            }
        }
        assertTrue(diff <= 1, "largest difference from the reference rendering: " + diff);
    }
}
