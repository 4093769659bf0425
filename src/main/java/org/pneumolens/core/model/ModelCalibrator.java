package org.pneumolens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.calibration.Calibrator;
import org.pneumolens.core.data.DatasetException;
import org.pneumolens.core.data.DecodedImages;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.SkippedFile;
import org.pneumolens.core.metrics.Evaluation;

/**
 * Gives an existing model a new calibration, operating point and borderline band fitted on a labelled folder,
 * keeping its network and input check: for models trained before calibration, or to recalibrate on other data.
 */
public final class ModelCalibrator {
    /**
     * Default seed of the patient-disjoint halvings and the bootstrap. Training uses its own run seed instead, so
     * recalibrating a trained model with that seed reproduces the band it was trained with.
     */
    public static final long SEED = 42;

    private ModelCalibrator() {
    }

    /** The recalibrated model (same network and input check), what was fitted and the files left out. */
    public record Outcome(PneumoModel model, Calibrator.Result fit, List<SkippedFile> skipped) {
        public Evaluation evaluation() {
            return fit.evaluation();
        }
    }

    public static Outcome calibrate(PneumoModel model, ImageSet val, BooleanSupplier cancelled, IntConsumer progress)
            throws DatasetException, InterruptedException, ModelFormatException {
        return calibrate(model, val, null, SEED, cancelled, progress);
    }

    /**
     * @param method the calibration method, or null to choose it by cross-fitted NLL
     * @param seed   seed of the patient-disjoint halvings and of the bootstrap behind the borderline band
     */
    public static Outcome calibrate(PneumoModel model, ImageSet val, String method, long seed,
                                    BooleanSupplier cancelled, IntConsumer progress)
            throws DatasetException, InterruptedException, ModelFormatException {
        List<String> classes = model.classes();
        if (classes.size() != 2) {
            throw new DatasetException("Only two-class models can be calibrated; this one has " + classes);
        }
        for (String c : val.classes()) {
            if (!classes.contains(c)) {
                throw new DatasetException("Folder class '" + c + "' is not one of the model's classes " + classes);
            }
        }
        List<LabeledImage> relabelled = new ArrayList<>();
        for (LabeledImage img : val.images()) {
            relabelled.add(new LabeledImage(img.path(), classes.indexOf(val.classes().get(img.label()))));
        }
        DecodedImages data = DecodedImages.decode(relabelled, model.preprocessing(), cancelled, progress);
        int pos = model.metadata().positiveIndex();
        int positives = 0;
        for (int l : data.labels()) positives += l == pos ? 1 : 0;
        if (positives < 2 || data.count() - positives < 2) {
            throw new DatasetException("Calibration needs at least two readable images of each class in " + val.root()
                    + " (found " + positives + " " + classes.get(pos) + " of " + data.count() + ")");
        }
        double[][] softmax = model.probabilities(data.count(), i -> model.preprocessing().normalize(data.pixels()[i]));
        for (int i = 0; i < softmax.length; i++) {
            String problem = PneumoModel.notProbabilities(softmax[i]);
            if (problem != null) {
                throw new ModelOutputException("the model's output for " + data.kept().get(i).path()
                        + " is not a probability vector (" + problem + ")");
            }
        }
        List<String> patients = data.kept().stream().map(LabeledImage::patientId).toList();
        String source = "folder " + (val.root().getFileName() == null ? val.root() : val.root().getFileName());
        Calibrator.Result fit = Calibrator.fit(softmax, data.labels(), pos, patients, source, seed, method);
        Evaluation e = fit.evaluation();
        ModelMetadata meta = model.metadata().withCalibration(fit.calibration(), fit.threshold(),
                new ModelMetadata.Metrics(e.n(), e.accuracy(), e.sensitivity(), e.specificity(), e.auc(), e.ece(),
                        e.confusion()));
        List<SkippedFile> skipped = new ArrayList<>(val.skipped());
        skipped.addAll(data.failed());
        return new Outcome(model.withMetadata(meta), fit, skipped);
    }
}
