package org.pneumolens.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.data.DatasetException;
import org.pneumolens.core.data.DecodedImages;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.SkippedFile;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.metrics.Evaluation;

/** Scores a model on a labelled folder at the model's stored threshold. */
public final class ModelEvaluator {
    private ModelEvaluator() {
    }

    /** The evaluation plus the files that could not be used. */
    public record Report(Evaluation evaluation, String positiveClass, List<SkippedFile> skipped) {
    }

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
        double[][] probs = model.probabilities(data.count(), i -> model.preprocessing().normalize(data.pixels()[i]));
        for (int i = 0; i < data.count(); i++) {
            String problem = PneumoModel.notProbabilities(probs[i]);
            if (problem != null) {
                throw new ModelOutputException("the model's output for " + data.kept().get(i).path()
                        + " is not a probability vector (" + problem + "); no figure can be computed");
            }
            positive[i] = data.labels()[i] == pos;
            score[i] = probs[i][pos];
            correct[i] = model.label(probs[i]).labelIndex() == data.labels()[i];
        }
        List<SkippedFile> skipped = new ArrayList<>(set.skipped());
        skipped.addAll(data.failed());
        return new Report(BinaryMetrics.evaluate(positive, score, threshold, correct), model.metadata().positiveClass(),
                skipped);
    }

}
