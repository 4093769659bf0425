package org.pneumolens.core.check;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.SkippedFile;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Preprocessing;
import org.pneumolens.core.image.ReducedJpeg;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;

/**
 * Prediction with the input check: one decode, one resize and one forward pass give the probabilities, the
 * network features the check scores and the image signals, for a single image or a whole folder.
 */
public final class Screening {
    private static final int CHUNK = 128;
    private static final int BATCH = 32;

    private Screening() {
    }

    /** A prediction and the check's verdict on the same image. */
    public record Screened(Prediction prediction, CheckResult check) {
    }

    /** What the check needs of one image of a set. */
    public record Sample(LabeledImage image, ImageSignals signals, float[] features, double[] probabilities) {
    }

    public record Scan(List<Sample> samples, List<SkippedFile> failed) {
    }

    /**
     * One file's prediction and check, with the grey image both were computed from.
     *
     * @param header the DICOM header when the file is DICOM (read once, here), else null
     */
    public record ScreenedFile(GreyImage image, Prediction prediction, CheckResult check, DicomHeader header) {
    }

    /**
     * Decodes the file once and predicts and checks it; for a DICOM file the header's facts (modality, body part,
     * view position) can refuse it too, whatever the pixels look like.
     */
    public static ScreenedFile predict(PneumoModel model, Path file) throws ImageDecodeException {
        BufferedImage decoded = ImageDecoder.decode(file);
        GreyImage grey = ImageDecoder.toGrey(decoded);
        Screened s = screened(model, prepare(model.preprocessing(), file, decoded, grey));
        DicomHeader header = Dicom.isDicom(file) ? DicomDecoder.readHeader(file) : null;
        return new ScreenedFile(grey, s.prediction(), withHeaderFacts(header, s.check()), header);
    }

    /** The check, refused when a DICOM header says the image is not a frontal chest radiograph. */
    public static CheckResult withHeaderFacts(DicomHeader header, CheckResult check) {
        return header == null ? check : header.notChestReason().map(check::refusedBecause).orElse(check);
    }

    /** @param decoded the file as decoded (colour intact); {@code grey} its grey conversion */
    public static Screened predict(PneumoModel model, BufferedImage decoded, GreyImage grey) {
        return screened(model, prepare(model.preprocessing(), decoded, grey));
    }

    /** One forward pass: the prediction and the check's verdict on its features. */
    private static Screened screened(PneumoModel model, ModelInput p) {
        PneumoModel.Forward f = model.forward(new float[][]{p.input()});
        return new Screened(model.label(f.probabilities()[0]), check(model, p.signals(), f.features()[0]));
    }

    /** The Diagnose view's analysis (prediction and Grad-CAM maps) and the check, from one forward pass. */
    public record Diagnosed(PneumoModel.Analysis analysis, CheckResult check) {
    }

    /**
     * {@link PneumoModel#analyse} and {@link #check(PneumoModel, BufferedImage, GreyImage)} from one resize and one
     * forward pass: the check scores the features of the Grad-CAM pass. Not refused by DICOM header facts here.
     */
    public static Diagnosed diagnose(PneumoModel model, BufferedImage decoded, GreyImage grey) {
        return diagnose(model, null, decoded, grey);
    }

    /**
     * As above for an image read from {@code file} (null: none): its network input is the batch path's
     * ({@link #reducedInput}) when the file allows, so the Diagnose view and a worklist row agree exactly.
     */
    public static Diagnosed diagnose(PneumoModel model, Path file, BufferedImage decoded, GreyImage grey) {
        return diagnose(model, prepare(model.preprocessing(), file, decoded, grey));
    }

    /**
     * The same from an input already made, e.g. a file's {@link #reducedInput}, which needs no full-size decode:
     * the Diagnose view analyses it while the picture it shows is still being decoded.
     */
    public static Diagnosed diagnose(PneumoModel model, ModelInput p) {
        PneumoModel.Analysis a = model.analyseInput(p.input());
        return new Diagnosed(a, check(model, p.signals(), a.features()));
    }

    /**
     * The check alone, for callers whose verdict comes from elsewhere (the Diagnose view's Grad-CAM pass): costs
     * one more forward pass of the network, a few milliseconds.
     */
    public static CheckResult check(PneumoModel model, BufferedImage decoded, GreyImage grey) {
        ModelInput p = prepare(model.preprocessing(), decoded, grey);
        return check(model, p.signals(), model.forward(new float[][]{p.input()}).features()[0]);
    }

    /** The stored check's verdict, or the image rules alone when the model has none. */
    public static CheckResult check(PneumoModel model, ImageSignals signals, float[] features) {
        return model.inputCheck().map(c -> c.check(signals, features)).orElseGet(() -> InputCheck.rulesOnly(signals));
    }

    /** Signals, features and probabilities of every readable image; decodes on all cores, in bounded chunks. */
    public static Scan scan(PneumoModel model, List<LabeledImage> images, BooleanSupplier cancelled,
                            IntConsumer progress) throws InterruptedException {
        Preprocessing prep = model.preprocessing();
        int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "pneumolens-check");
            t.setDaemon(true);
            return t;
        });
        List<Sample> samples = new ArrayList<>();
        List<SkippedFile> failed = new ArrayList<>();
        try {
            for (int from = 0; from < images.size(); from += CHUNK) {
                List<Future<ModelInput>> futures = new ArrayList<>();
                for (LabeledImage img : images.subList(from, Math.min(images.size(), from + CHUNK))) {
                    futures.add(pool.submit(() -> {
                        BufferedImage decoded = ImageDecoder.decode(img.path());
                        return prepare(prep, decoded, ImageDecoder.toGrey(decoded));
                    }));
                }
                List<LabeledImage> kept = new ArrayList<>();
                List<ModelInput> prepared = new ArrayList<>();
                for (int i = 0; i < futures.size(); i++) {
                    if (cancelled.getAsBoolean()) {
                        throw new InterruptedException("cancelled while checking images");
                    }
                    LabeledImage img = images.get(from + i);
                    try {
                        prepared.add(futures.get(i).get());
                        kept.add(img);
                    } catch (ExecutionException e) {
                        failed.add(new SkippedFile(img.path(), e.getCause() instanceof ImageDecodeException
                                ? e.getCause().getMessage() : String.valueOf(e.getCause())));
                    }
                }
                for (int b = 0; b < prepared.size(); b += BATCH) {
                    int to = Math.min(prepared.size(), b + BATCH);
                    float[][] inputs = new float[to - b][];
                    for (int i = b; i < to; i++) inputs[i - b] = prepared.get(i).input();
                    PneumoModel.Forward f = model.forward(inputs);
                    for (int i = b; i < to; i++) {
                        samples.add(new Sample(kept.get(i), prepared.get(i).signals(), f.features()[i - b],
                                f.probabilities()[i - b]));
                    }
                }
                progress.accept(Math.min(images.size(), from + CHUNK));
            }
        } finally {
            pool.shutdownNow();
        }
        return new Scan(samples, failed);
    }

    /** The network's input and the check's signals of one image, as every path makes them. */
    public record ModelInput(ImageSignals signals, float[] input) {
        /**
         * From the image at the dataset's size ({@code asDataset}) and, for the check's colour signal, the file as
         * decoded ({@code decoded}, null when only grey was decoded) of {@code width} x {@code height} pixels.
         */
        public static ModelInput of(Preprocessing prep, BufferedImage decoded, int width, int height,
                                    GreyImage asDataset) {
            return new ModelInput(ImageSignals.of(decoded, width, height, asDataset),
                    prep.normalize(prep.squash(asDataset).pixels()));
        }
    }

    /**
     * The input of a grey JPEG made from its reduced-scale decode, and that decode: what the batch path (worklist,
     * {@code predict}, the report's summary) feeds the network.
     */
    public record ReducedInput(ModelInput model, ReducedJpeg.Result jpeg) {
    }

    /**
     * {@link ReducedInput} of {@code file} reduced to at least {@code need} px a side ({@code need} at least the
     * model's dataset size), or null when the file is no grey JPEG the reduced decoders take (ReducedJpeg; decision
     * 0014): such files then go through the full decode. Every path that scores a file (the Diagnose view, the
     * report's pages, the batch path) takes its input from here first, so one file gets one probability wherever it
     * is opened.
     */
    public static ReducedInput reducedInput(Preprocessing prep, Path file, int need) {
        int ds = prep.datasetSize();
        ReducedJpeg.Result r = ReducedJpeg.read(file, need, need);
        if (r == null || r.components() != 1) {
            return null; // a colour JPEG keeps the full decode: the check measures its colour
        }
        GreyImage asDataset = r.image().width() == ds && r.image().height() == ds ? r.image()
                : Resampler.resize(r.image(), ds, ds);
        return new ReducedInput(ModelInput.of(prep, null, r.width(), r.height(), asDataset), r);
    }

    /** The reduced input of {@code file} if it is the picture {@code grey} shows (same size), else the full path's. */
    private static ModelInput prepare(Preprocessing prep, Path file, BufferedImage decoded, GreyImage grey) {
        ReducedInput r = file == null ? null : reducedInput(prep, file, prep.datasetSize());
        if (r != null && r.jpeg().width() == grey.width() && r.jpeg().height() == grey.height()) {
            return r.model();
        }
        return prepare(prep, decoded, grey);
    }

    private static ModelInput prepare(Preprocessing prep, BufferedImage decoded, GreyImage grey) {
        int ds = prep.datasetSize();
        GreyImage asDataset = grey.width() == ds && grey.height() == ds ? grey : Resampler.resize(grey, ds, ds);
        return ModelInput.of(prep, decoded, grey.width(), grey.height(), asDataset);
    }
}
