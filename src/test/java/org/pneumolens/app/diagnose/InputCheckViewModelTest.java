package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.TestData.fixture;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.check.CheckStatus;

/**
 * The input check in the Diagnose view-model, with the real bundled model (and its fitted check) and images made
 * in the test: no toolkit, a current-thread executor.
 */
class InputCheckViewModelTest {
    private static final Path NORMAL = fixture("val/NORMAL/IM-0011-0001-0001.jpeg");

    @TempDir
    Path tmp;
    private ModelService models;
    private DiagnoseViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(TestData.bundledModel(), "bundled");
        vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(), new RecentFiles(tmp.resolve("r.txt")));
    }

    @Test
    void aUniformImageIsRefusedWithNoVerdictNoRowsAndNoOverlay() throws Exception {
        vm.open(NotXrays.uniform(tmp, 128));

        DiagnoseState s = vm.stateProperty().get();
        assertNotNull(s.diagnosis(), vm.errorProperty().get());
        assertEquals(CheckStatus.NOT_CHEST_XRAY, s.diagnosis().check().status());
        assertEquals(DiagnoseState.Verdict.REFUSED, s.kind());
        assertEquals("This does not look like a chest radiograph", s.verdict());
        assertTrue(s.outputHidden());
        assertFalse(s.refusal().reasons().isEmpty());
        assertEquals(List.of(), s.rows());
        assertNull(s.overlay());
        assertEquals(List.of(), s.classes(), "no evidence class to choose");
        assertEquals("", s.reason());
        assertTrue(vm.statusProperty().get().startsWith("uniform-128.png: not judged: "), vm.statusProperty().get());
    }

    @Test
    void aColourPictureIsRefusedAsAColourImage() throws Exception {
        vm.open(NotXrays.colourGradient(tmp));

        DiagnoseState s = vm.stateProperty().get();
        assertEquals(DiagnoseState.Verdict.REFUSED, s.kind());
        assertTrue(s.refusal().reasons().stream().anyMatch(r -> r.contains("colour")), s.refusal().reasons().toString());
    }

    @Test
    void showingTheOutputAnywayKeepsTheWarningAndANewImageStartsHiddenAgain() throws Exception {
        vm.open(NotXrays.uniform(tmp, 200));

        vm.showRefusedOutputProperty().set(true);

        DiagnoseState shown = vm.stateProperty().get();
        assertFalse(shown.outputHidden());
        assertTrue(shown.refusal().shownAnyway());
        assertTrue(shown.refusal().warning().contains("research only"), shown.refusal().warning());
        assertEquals(shown.diagnosis().prediction().label(), shown.verdict());
        assertEquals(2, shown.rows().size());
        assertNotNull(shown.overlay(), "the overlay comes with the output");
        assertTrue(vm.statusProperty().get().contains("model output shown anyway"), vm.statusProperty().get());

        vm.open(NotXrays.uniform(tmp, 30));

        assertFalse(vm.showRefusedOutputProperty().get());
        assertTrue(vm.stateProperty().get().outputHidden());
    }

    @Test
    void aRadiographPassesTheCheckAndSaysSo() throws Exception {
        vm.open(NORMAL);

        DiagnoseState s = vm.stateProperty().get();
        assertNull(s.refusal(), () -> s.diagnosis().check().reasons().toString());
        assertTrue(s.diagnosis().check().ok());
        assertTrue(s.checkNote().startsWith("Input check: passed"), s.checkNote());
        assertTrue(vm.modelCheckProperty().get().startsWith("Input check: fitted"), vm.modelCheckProperty().get());
    }

    @Test
    void aModelWithoutACheckSaysSoInTheResultAndTheModelStatus() throws Exception {
        models.use(TestData.bundledModel().withInputCheck(null), "old model");

        vm.open(NORMAL);

        DiagnoseState s = vm.stateProperty().get();
        assertFalse(s.diagnosis().modelHasCheck());
        assertTrue(s.checkNote().startsWith("This model has no input check"), s.checkNote());
        assertTrue(vm.modelCheckProperty().get().startsWith("No input check"), vm.modelCheckProperty().get());
    }
}
