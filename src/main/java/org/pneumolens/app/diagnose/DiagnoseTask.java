package org.pneumolens.app.diagnose;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.engine.NativeEngine;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.model.PneumoModel;

/**
 * Reads an image, checks that it looks like a chest radiograph, predicts, and colours a Grad-CAM map for every
 * class, so switching the overlay's class later costs nothing on the FX thread. A grey JPEG, the usual radiograph,
 * is analysed from its reduced decode (what every path scores) while its full-size picture is decoded for display
 * on another thread. The check runs here, on the same
 * background path as inference, before any verdict reaches the view. A cancelled task stops between steps (DL4J
 * calls themselves cannot be interrupted, which is why the view-model also ignores results of superseded tasks).
 */
public final class DiagnoseTask extends BackgroundTask<Diagnosis> {
    static final String INTERACTIVE_THREADS_PROPERTY = "pneumolens.interactiveThreads";
    private final ImageSource source;
    private final PneumoModel model;
    private final String modelName;
    /**
     * Decodes the picture to show (full size, 20-45 ms for a radiograph) on a second core while the task's thread
     * makes the file's reduced decode and analyses it (25-30 ms), so the verdict waits for the longer of the two,
     * not their sum. Daemon threads, which end when idle: nothing to shut down.
     */
    private static final ExecutorService DISPLAY_READS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "pneumolens-display-read");
        t.setDaemon(true);
        return t;
    });
    private volatile Thread ranOn;

    /** @param model null to only read and show the image (no model loaded yet) */
    public DiagnoseTask(ImageSource source, PneumoModel model, String modelName) {
        this.source = source;
        this.model = model;
        this.modelName = modelName;
    }

    public ImageSource source() {
        return source;
    }

    /** The thread {@link #call()} ran on, null before it ran; never the FX thread (recorded so tests can check). */
    public Thread ranOn() {
        return ranOn;
    }

    @Override
    protected Diagnosis call() throws Exception {
        ranOn = Thread.currentThread();
        if (model == null) {
            updateMessage("Reading " + source.name() + "...");
            return new Diagnosis(source.file(), source.name(), source.reader().read(), null, List.of(), modelName, null,
                    false);
        }
        updateMessage("Analysing " + source.name() + "...");
        Future<LoadedImage> shown = DISPLAY_READS.submit(() -> source.reader().read());
        try {
            Screening.ReducedInput reduced = source.file() == null ? null
                    : Screening.reducedInput(model.preprocessing(), source.file(), model.preprocessing().datasetSize());
            Screening.Diagnosed diagnosed = reduced == null || isCancelled() ? null
                    : NativeEngine.withThreads(interactiveThreads(), () -> Screening.diagnose(model, reduced.model()));
            LoadedImage image = displayed(shown);
            if (isCancelled()) {
                return new Diagnosis(source.file(), source.name(), image, null, List.of(), modelName, null, false);
            }
            if (diagnosed == null || image.grey().width() != reduced.jpeg().width()
                    || image.grey().height() != reduced.jpeg().height()) {
                // No reduced decode (not a grey JPEG), or not the picture shown (the file changed between the two
                // reads): the analysis of the decoded picture, with the reduced input when it is the same file.
                diagnosed = NativeEngine.withThreads(interactiveThreads(),
                        () -> Screening.diagnose(model, source.file(), image.decoded(), image.grey()));
            }
            return diagnosed(image, diagnosed);
        } finally {
            shown.cancel(true); // a no-op once read; stops waiting work of a superseded or failed open
        }
    }

    /**
     * The display image read beside the analysis, with the reader's own exception: a file the reduced decoder took
     * but the full one refuses (e.g. damaged past the first scan) fails the open as it did before.
     */
    private static LoadedImage displayed(Future<LoadedImage> shown) throws Exception {
        try {
            return shown.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        }
    }

    private Diagnosis diagnosed(LoadedImage image, Screening.Diagnosed diagnosed) {
        PneumoModel.Analysis analysis = diagnosed.analysis();
        CheckResult check = withHeader(image, diagnosed.check());
        List<Overlay> overlays = new ArrayList<>();
        for (int c = 0; c < model.classes().size() && !isCancelled(); c++) {
            overlays.add(Overlay.of(model.classes().get(c), analysis.maps().get(c), image.grey().width(),
                    image.grey().height()));
        }
        return new Diagnosis(source.file(), source.name(), image, analysis.prediction(), List.copyOf(overlays),
                modelName, check, model.inputCheck().isPresent());
    }

    /**
     * Native threads for one image's analysis: half the cores (1 on a 2-core machine, where 2 were measured 2-3x
     * slower in the window: {@link NativeEngine#withThreads}); {@code -Dpneumolens.interactiveThreads=N} overrides.
     * Batches (the worklist, {@code predict}) and training keep every core.
     */
    static int interactiveThreads() {
        int n = Integer.getInteger(INTERACTIVE_THREADS_PROPERTY, Runtime.getRuntime().availableProcessors() / 2);
        return Math.max(1, n);
    }

    /**
     * What an open does, on a synthetic image, for {@link org.pneumolens.app.model.ModelService}'s warm-up: the input
     * check, the analysis with Grad-CAM, the overlays and the viewer's first drawing, so that the first image the
     * user opens does not pay for the engine's first calls (oneDNN primitives, workspaces) and cold JIT code.
     */
    public static void warmUp(PneumoModel model) throws Exception {
        int w = 1024;
        int h = 896;
        float[] px = new float[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                px[y * w + x] = (float) (0.5 + 0.4 * Math.sin(x / 37.0) * Math.cos(y / 23.0)); // some contrast
            }
        }
        GreyImage grey = new GreyImage(w, h, px);
        LoadedImage image = new LoadedImage(LoadedImage.ofGrey(grey).decoded(), grey, null,
                GreyRenderer.defaultPixels(grey));
        new DiagnoseTask(ImageSource.decoded("warm-up", null, image), model, "warm-up").call();
    }

    /** The model's check (its image rules alone when it has none), refused too when a DICOM header says so. */
    private static CheckResult withHeader(LoadedImage image, CheckResult pixels) {
        if (image.dicom() == null) {
            return pixels;
        }
        return Screening.withHeaderFacts(image.dicom().header(), pixels); // the header read with the pixels
    }
}
