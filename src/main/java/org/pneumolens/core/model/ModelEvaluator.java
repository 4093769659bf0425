package org.pneumolens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.calibration.Calibrator;
import org.pneumolens.core.data.DatasetException;
import org.pneumolens.core.data.DecodedImages;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.SkippedFile;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.metrics.Evaluation;

/** Scores a model on a labelled folder at the model's stored threshold, with its calibrated probabilities. */
public final class ModelEvaluator {
    private ModelEvaluator() {
    }

    /**
     * The evaluation (of the calibrated probabilities) plus the files that could not be used.
     *
     * @param eceRaw      ECE of the network's uncalibrated softmax on these images
     * @param eceCrossFit ECE when the model's calibration method is refitted on one patient-disjoint half of these
     *                    images and scored on the other, both ways: the mean over
     *                    {@link org.pneumolens.core.calibration.Calibrator#SPLITS} halvings, as training reports it
     *                    (NaN for fewer than 4 images)
     * @param crossFitSpread its spread over the halvings (null for fewer than 4 images)
     * @param borderline  images inside the model's borderline band
     */
    public record Report(Evaluation evaluation, String positiveClass, List<SkippedFile> skipped, double eceRaw,
                         double eceCrossFit, Calibration.CrossFitSpread crossFitSpread, int borderline) {
    }

    /** Seed of the patient-disjoint halvings of {@link Report#eceCrossFit}. */
    public static final long CROSS_FIT_SEED = 42;

    public static Report evaluate(PneumoModel model, ImageSet set, BooleanSupplier cancelled, IntConsumer progress)
            throws DatasetException, InterruptedException {
        List<String> modelClasses = model.classes();
        for (String c : set.classes()) {
            if (!modelClasses.contains(c)) {
                throw new DatasetException("Folder class '" + c + "' is not one of the model's classes " + modelClasses);
            }
        }
        // Re-label the folder's images with the model's class indices.
        List<LabeledImage> relabelled = new ArrayList<>();
        for (LabeledImage img : set.images()) {
            relabelled.add(new LabeledImage(img.path(), modelClasses.indexOf(set.classes().get(img.label()))));
        }
        DecodedImages data = DecodedImages.decode(relabelled, model.preprocessing(), cancelled, progress);
        if (data.count() == 0) {
            throw new DatasetException("No readable image in " + set.root());
        }
        int pos = model.metadata().positiveIndex();
        double threshold = model.metadata().threshold();
        boolean[] positive = new boolean[data.count()];
        boolean[] correct = new boolean[data.count()];
        double[] score = new double[data.count()];
        double[] rawScore = new double[data.count()];
        List<String> patients = new ArrayList<>(data.count());
        int borderline = 0;
        double[][] probs = model.probabilities(data.count(), i -> model.preprocessing().normalize(data.pixels()[i]));
        for (int i = 0; i < data.count(); i++) {
            String problem = PneumoModel.notProbabilities(probs[i]);
            if (problem != null) {
                throw new ModelOutputException("the model's output for " + data.kept().get(i).path()
                        + " is not a probability vector (" + problem + "); no figure can be computed");
            }
            Prediction p = model.label(probs[i]); // calibrated, as shown
            positive[i] = data.labels()[i] == pos;
            score[i] = p.probabilities()[pos];
            rawScore[i] = Math.max(0, Math.min(1, probs[i][pos]));
            correct[i] = p.labelIndex() == data.labels()[i];
            borderline += p.borderline() ? 1 : 0;
            patients.add(data.kept().get(i).patientId());
        }
        List<SkippedFile> skipped = new ArrayList<>(set.skipped());
        skipped.addAll(data.failed());
        Calibration.CrossFitSpread crossFit = data.count() >= 4 && modelClasses.size() == 2
                ? Calibrator.crossFitEce(model.calibration().method(), probs, data.labels(), pos, patients,
                CROSS_FIT_SEED) : null;
        return new Report(BinaryMetrics.evaluate(positive, score, threshold, correct), model.metadata().positiveClass(),
                skipped, BinaryMetrics.expectedCalibrationError(positive, rawScore),
                crossFit == null ? Double.NaN : crossFit.mean(), crossFit, borderline);
    }

}
