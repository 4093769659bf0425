package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.FxTestSupport.fixture;
import static org.pneumolens.app.FxTestSupport.onFx;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javafx.concurrent.Task;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.FxTestSupport;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.SameThreadTaskExecutor;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.model.ModelService;

/** The Diagnose view-model without a window: same-thread executor, real bundled model, fixture images. */
class DiagnoseViewModelTest {
    private static final Path PNEUMONIA = fixture("val/PNEUMONIA/person100_bacteria_475.jpeg");
    private static final Path NORMAL = fixture("val/NORMAL/IM-0011-0001-0001.jpeg");

    @TempDir
    Path tmp;
    private ModelService models;
    private DiagnoseViewModel vm;

    @BeforeAll
    static void toolkit() throws Exception {
        FxTestSupport.startToolkit();
    }

    @BeforeEach
    void setUp() throws Exception {
        models = new ModelService(new SameThreadTaskExecutor());
        models.use(FxTestSupport.bundledModel(), "bundled");
        vm = onFx(() -> new DiagnoseViewModel(models, new SameThreadTaskExecutor(), recent()));
    }

    private RecentFiles recent() {
        return new RecentFiles(tmp.resolve("recent.txt"));
    }

    @Test
    void openingAnImageGivesProbabilitiesSummingToOneAndAnOverlayPerClass() throws Exception {
        onFx(() -> vm.open(PNEUMONIA));

        Diagnosis d = vm.diagnosisProperty().get();
        assertNotNull(d, vm.statusProperty().get() + " / " + vm.errorProperty().get());
        assertEquals("person100_bacteria_475.jpeg", d.name());
        assertEquals(1.0, Arrays.stream(d.prediction().probabilities()).sum(), 1e-5);
        assertEquals(models.getModel().classes(), d.overlays().stream().map(Overlay::className).toList());
        assertEquals(d.prediction().label(), vm.overlayClassProperty().get(), "overlay starts on the predicted class");
        assertSame(d.overlayFor(d.prediction().label()), vm.overlayProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void choosingTheOtherClassSwitchesTheOverlay() throws Exception {
        onFx(() -> vm.open(NORMAL));
        Diagnosis d = vm.diagnosisProperty().get();
        String other = d.prediction().classes().stream().filter(c -> !c.equals(d.prediction().label())).findFirst()
                .orElseThrow();

        onFx(() -> vm.overlayClassProperty().set(other));

        assertEquals(other, vm.overlayProperty().get().className());
    }

    @Test
    void aBadFileShowsAnErrorAndKeepsThePreviousImage() throws Exception {
        Path fake = Files.writeString(tmp.resolve("not-an-xray.png"), "this is text, not a PNG");
        onFx(() -> vm.open(NORMAL));
        Diagnosis good = vm.diagnosisProperty().get();

        onFx(() -> vm.open(fake));

        assertSame(good, vm.diagnosisProperty().get());
        assertTrue(vm.errorProperty().get().contains("not-an-xray.png"), vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(List.of(NORMAL.toAbsolutePath().normalize()), vm.recentFiles(), "only images that opened are recent");
    }

    @Test
    void aNewerRequestSupersedesAnOlderOneWhateverOrderTheyFinishIn() throws Exception {
        HeldTasks held = new HeldTasks();
        DiagnoseViewModel queued = onFx(() -> new DiagnoseViewModel(models, held, recent()));
        onFx(() -> queued.open(PNEUMONIA));
        onFx(() -> queued.open(NORMAL));
        assertTrue(held.tasks.get(0).isCancelled(), "the older task is cancelled");

        onFx(() -> held.tasks.get(1).run()); // the newer one finishes first...
        onFx(() -> held.tasks.get(0).run()); // ...the older one (cancelled, or already past its checks) later

        assertEquals("IM-0011-0001-0001.jpeg", queued.diagnosisProperty().get().name());
    }

    @Test
    void droppingSeveralFilesOrANonImageExplainsWhyAndOpensNothing() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertFalse(onFx(() -> vm.drop(List.of(NORMAL, PNEUMONIA))));
        assertTrue(vm.errorProperty().get().contains("2 files"), vm.errorProperty().get());
        assertFalse(onFx(() -> vm.drop(List.of(text))));
        assertTrue(vm.errorProperty().get().contains("notes.txt"), vm.errorProperty().get());
        assertNull(vm.diagnosisProperty().get());

        assertTrue(onFx(() -> vm.drop(List.of(NORMAL))));
        assertEquals("IM-0011-0001-0001.jpeg", vm.diagnosisProperty().get().name());
    }

    @Test
    void anImageOpenedBeforeTheModelIsShownAndAnalysedWhenTheModelArrives() throws Exception {
        ModelService empty = new ModelService(new SameThreadTaskExecutor());
        DiagnoseViewModel early = onFx(() -> new DiagnoseViewModel(empty, new SameThreadTaskExecutor(), recent()));

        onFx(() -> early.open(NORMAL));
        assertFalse(early.diagnosisProperty().get().hasPrediction());
        assertNull(early.overlayProperty().get());

        var model = FxTestSupport.bundledModel();
        onFx(() -> empty.use(model, "bundled"));
        Diagnosis d = early.diagnosisProperty().get();
        assertTrue(d.hasPrediction());
        assertEquals("IM-0011-0001-0001.jpeg", d.name());
    }

    @Test
    void aModelFileThatIsNotAModelKeepsTheCurrentOneAndSaysSo() throws Exception {
        Path junk = Files.writeString(tmp.resolve("model.zip"), "not a zip");
        String before = vm.modelNameProperty().get();

        onFx(() -> vm.loadModel(junk));

        assertSame(FxTestSupport.bundledModel(), models.getModel());
        assertEquals(before, vm.modelNameProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("Could not load the model"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().contains("Still using " + before), vm.errorProperty().get());
    }

    @Test
    void modelFiguresComeFromTheModelsMetadata() throws Exception {
        assertEquals(models.getModel().metadata().name(), vm.modelNameProperty().get());
        assertEquals(ResultText.valFigures(models.getModel().metadata()), vm.modelFiguresProperty().get());
    }

    /** Holds tasks until the test runs them, to finish requests out of order. */
    private static final class HeldTasks implements TaskExecutor {
        final List<Task<?>> tasks = new ArrayList<>();

        @Override
        public <T> Task<T> execute(Task<T> task) {
            tasks.add(task);
            return task;
        }

        @Override
        public void shutdown() {
        }
    }
}
