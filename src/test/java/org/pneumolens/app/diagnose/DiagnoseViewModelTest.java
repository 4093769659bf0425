package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.pneumolens.app.TestData.fixture;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.model.ModelService;

/**
 * The Diagnose view-model without a window and without the JavaFX toolkit: a current-thread executor (callbacks
 * run before {@code execute} returns), the real bundled model, fixture images.
 */
class DiagnoseViewModelTest {
    private static final Path PNEUMONIA = fixture("val/PNEUMONIA/person100_bacteria_475.jpeg");
    private static final Path NORMAL = fixture("val/NORMAL/IM-0011-0001-0001.jpeg");

    @TempDir
    Path tmp;
    private ModelService models;
    private DiagnoseViewModel vm;

    @BeforeEach
    void setUp() throws Exception {
        models = new ModelService(new CurrentThreadTaskExecutor());
        models.use(TestData.bundledModel(), "bundled");
        vm = new DiagnoseViewModel(models, new CurrentThreadTaskExecutor(), recent());
    }

    private RecentFiles recent() {
        return new RecentFiles(tmp.resolve("recent.txt"));
    }

    @Test
    void openingAnImageGivesProbabilitiesSummingToOneAndAnOverlayPerClass() throws Exception {
        vm.open(PNEUMONIA);

        Diagnosis d = vm.getDiagnosis();
        assertNotNull(d, vm.statusProperty().get() + " / " + vm.errorProperty().get());
        assertEquals("person100_bacteria_475.jpeg", d.name());
        assertEquals(1.0, Arrays.stream(d.prediction().probabilities()).sum(), 1e-5);
        assertEquals(models.getModel().classes(), d.overlays().stream().map(Overlay::className).toList());
        assertEquals(d.prediction().label(), vm.overlayClassProperty().get(), "overlay starts on the predicted class");
        assertSame(d.overlayFor(d.prediction().label()), vm.stateProperty().get().overlay());
        assertArrayEquals(GreyRenderer.defaultPixels(d.image()), d.loaded().shown(),
                "drawn at the viewer's first look on the reading thread");
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.errorProperty().get());
    }

    /**
     * The grey JPEG's verdict comes from its reduced decode, analysed while the full-size picture is decoded for
     * display: the same probabilities as the batch path gives the file, and the picture shown is the full one.
     */
    @Test
    void theViewScoresAFileAsTheBatchPathDoesWhileShowingItAtFullSize() throws Exception {
        vm.open(NORMAL);
        Diagnosis d = vm.getDiagnosis();
        org.pneumolens.core.check.Screening.ScreenedFile batch =
                org.pneumolens.core.check.Screening.predict(models.getModel(), NORMAL);

        assertArrayEquals(batch.prediction().probabilities(), d.prediction().probabilities(), 1e-6);
        assertEquals(batch.check().status(), d.check().status());
        assertEquals(batch.check().score(), d.check().score(), 1e-6);
        assertEquals(batch.image().width(), d.image().width(), "full-size picture shown");
        assertEquals(batch.image().height(), d.image().height());
    }

    /** A picture the reduced decoder does not take (PNG) is analysed from its own decode, as before. */
    @Test
    void aPngIsAnalysedFromItsFullDecode() throws Exception {
        Path png = tmp.resolve("normal.png");
        javax.imageio.ImageIO.write(javax.imageio.ImageIO.read(NORMAL.toFile()), "png", png.toFile());
        vm.open(png);
        Diagnosis d = vm.getDiagnosis();
        org.pneumolens.core.check.Screening.ScreenedFile batch =
                org.pneumolens.core.check.Screening.predict(models.getModel(), png);

        assertNotNull(d, vm.errorProperty().get());
        assertArrayEquals(batch.prediction().probabilities(), d.prediction().probabilities(), 1e-6);
    }

    /** While an open runs its steps show as the activity; the status keeps the last outcome until the new one. */
    @Test
    void theActivityNamesTheOpenUnderWayAndTheStatusItsOutcome() throws Exception {
        vm.open(NORMAL);
        String first = vm.statusProperty().get();
        assertTrue(first.startsWith("IM-0011-0001-0001.jpeg: "), first);
        List<String> activity = new ArrayList<>();
        List<String> status = new ArrayList<>();
        vm.activityProperty().addListener((obs, old, a) -> activity.add(a));
        vm.statusProperty().addListener((obs, old, s) -> status.add(s));

        vm.open(PNEUMONIA);

        assertEquals(List.of("Reading person100_bacteria_475.jpeg...", "Analysing person100_bacteria_475.jpeg...", ""),
                activity);
        assertEquals(1, status.size(), "one change, to the outcome: " + status);
        assertTrue(status.get(0).startsWith("person100_bacteria_475.jpeg: "), status.get(0));
    }

    @Test
    void choosingTheOtherClassSwitchesTheOverlay() throws Exception {
        vm.open(NORMAL);
        Diagnosis d = vm.getDiagnosis();
        String other = d.prediction().classes().stream().filter(c -> !c.equals(d.prediction().label())).findFirst()
                .orElseThrow();

        vm.overlayClassProperty().set(other);

        assertEquals(other, vm.stateProperty().get().overlay().className());
    }

    @Test
    void aBadFileShowsAnErrorAndKeepsThePreviousImage() throws Exception {
        Path fake = Files.writeString(tmp.resolve("not-an-xray.png"), "this is text, not a PNG");
        vm.open(NORMAL);
        Diagnosis good = vm.getDiagnosis();

        vm.open(fake);

        assertSame(good, vm.getDiagnosis());
        assertTrue(vm.errorProperty().get().contains("not-an-xray.png"), vm.errorProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(List.of(NORMAL.toAbsolutePath().normalize()), vm.recentFiles(), "only images that opened are recent");
    }

    @Test
    void aNewerRequestSupersedesAnOlderOneWhateverOrderTheirResultsArriveIn() throws Exception {
        for (boolean newerFirst : new boolean[]{true, false}) {
            HeldCallbacks held = new HeldCallbacks();
            // No model: only reading the images, which is all the superseding logic needs (and fast).
            DiagnoseViewModel queued = new DiagnoseViewModel(new ModelService(new CurrentThreadTaskExecutor()), held,
                    recent());
            queued.open(PNEUMONIA); // its work is done, its result waits in the UI queue...
            queued.open(NORMAL);
            assertTrue(held.tasks.get(0).isCancelled(), "the older task is cancelled");

            held.deliver(newerFirst ? 1 : 0);
            held.deliver(newerFirst ? 0 : 1); // ...and arrives after the newer request was made

            assertEquals("IM-0011-0001-0001.jpeg", queued.getDiagnosis().name(), "newer first: " + newerFirst);
            assertFalse(queued.busyProperty().get());
        }
    }

    @Test
    void eachResultIsPublishedOnceWithItsOverlaySizedToItsOwnImage() throws Exception {
        vm.open(NORMAL);
        List<DiagnoseState> pushed = new ArrayList<>();
        vm.stateProperty().addListener((obs, old, s) -> pushed.add(s));

        vm.open(PNEUMONIA);

        assertEquals(1, pushed.size(), "one state per result");
        DiagnoseState s = pushed.get(0);
        Diagnosis d = s.diagnosis();
        assertEquals("person100_bacteria_475.jpeg", d.name());
        assertEquals(d.prediction().label(), s.overlayClass());
        assertSame(d.overlayFor(s.overlayClass()), s.overlay());
        double imageAspect = (double) d.image().width() / d.image().height();
        assertEquals(imageAspect, (double) s.overlay().width() / s.overlay().height(), 0.01,
                "the overlay has this image's shape, not the previous one's");
    }

    @Test
    void theTabsStatusIsAboutImagesOnlyTheModelServiceSpeaksForTheModel() throws Exception {
        assertEquals("", vm.statusProperty().get(), "nothing done yet: the window shows the model's status");
        assertEquals("Model ready: " + models.nameProperty().get(), models.statusProperty().get());

        vm.open(NORMAL);

        assertTrue(vm.statusProperty().get().startsWith("IM-0011-0001-0001.jpeg: "), vm.statusProperty().get());
        assertFalse(models.loadingProperty().get());
    }

    @Test
    void droppingSeveralFilesOrANonImageExplainsWhyAndOpensNothing() throws Exception {
        Path text = Files.writeString(tmp.resolve("notes.txt"), "x");

        assertFalse(vm.drop(List.of(NORMAL, PNEUMONIA)));
        assertTrue(vm.errorProperty().get().contains("2 files"), vm.errorProperty().get());
        assertFalse(vm.drop(List.of(text)));
        assertTrue(vm.errorProperty().get().contains("notes.txt"), vm.errorProperty().get());
        assertNull(vm.getDiagnosis());

        assertTrue(vm.drop(List.of(NORMAL)));
        assertEquals("IM-0011-0001-0001.jpeg", vm.getDiagnosis().name());
    }

    @Test
    void anImageOpenedBeforeTheModelIsShownAndAnalysedWhenTheModelArrives() throws Exception {
        ModelService empty = new ModelService(new CurrentThreadTaskExecutor());
        DiagnoseViewModel early = new DiagnoseViewModel(empty, new CurrentThreadTaskExecutor(), recent());

        early.open(NORMAL);
        assertFalse(early.getDiagnosis().hasPrediction());
        assertNull(early.stateProperty().get().overlay());

        var model = TestData.bundledModel();
        empty.use(model, "bundled");
        Diagnosis d = early.getDiagnosis();
        assertTrue(d.hasPrediction());
        assertEquals("IM-0011-0001-0001.jpeg", d.name());
    }

    @Test
    void aModelFileThatIsNotAModelKeepsTheCurrentOneAndSaysSo() throws Exception {
        Path junk = Files.writeString(tmp.resolve("model.zip"), "not a zip");
        String before = vm.modelNameProperty().get();

        vm.loadModel(junk);

        assertSame(TestData.bundledModel(), models.getModel());
        assertEquals(before, vm.modelNameProperty().get());
        assertTrue(vm.errorProperty().get().startsWith("Could not load the model"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().contains("Still using " + before), vm.errorProperty().get());
    }

    @Test
    void modelFiguresComeFromTheModelsMetadata() throws Exception {
        assertEquals(models.getModel().metadata().name(), vm.modelNameProperty().get());
        assertEquals(ResultText.valFigures(models.getModel().metadata()), vm.modelFiguresProperty().get());
    }

    /**
     * Runs each task's work at once but holds what it posts to the UI thread until the test delivers it: the
     * race of the window, where a result can wait in the FX queue while the user opens the next image.
     */
    private static final class HeldCallbacks implements TaskExecutor {
        final List<BackgroundTask<?>> tasks = new ArrayList<>();
        final List<List<Runnable>> posted = new ArrayList<>();

        @Override
        public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
            List<Runnable> queue = new ArrayList<>();
            tasks.add(task);
            posted.add(queue);
            task.run(queue::add);
            return task;
        }

        void deliver(int task) {
            posted.get(task).forEach(Runnable::run);
        }

        @Override
        public void shutdown() {
        }
    }
}
