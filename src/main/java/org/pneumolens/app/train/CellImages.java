package org.pneumolens.app.train;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.train.TrainingResult;
import org.pneumolens.core.train.ValPrediction;

/**
 * The validation images of one confusion-matrix cell (actual class, predicted class), most confident first: for
 * the wrong cells, the images the model was surest about while wrong come first. Pure, tested without a window.
 *
 * @param title    e.g. "Actual PNEUMONIA, predicted NORMAL: 3 images"
 * @param images   the cell's images, at most {@link #MAX_SHOWN}
 * @param total    how many images the cell holds
 */
public record CellImages(String title, String positiveClass, int positiveIndex, List<ValPrediction> images,
                         int total) {
    /** More thumbnails than this would take long to load and be no use to look through. */
    public static final int MAX_SHOWN = 200;

    public CellImages {
        images = List.copyOf(images);
    }

    /** @param actual, predicted class indices in the model's class order */
    public static CellImages of(TrainingResult r, int actual, int predicted) {
        ModelMetadata m = r.model().metadata();
        int pos = m.positiveIndex();
        List<ValPrediction> cell = r.valPredictions().stream()
                .filter(v -> v.label() == actual && v.predicted() == predicted)
                .sorted(Comparator.comparingDouble((ValPrediction v) -> -v.probabilities()[predicted])
                        .thenComparing(v -> v.path().toString()))
                .toList();
        String title = String.format(Locale.ROOT, "Actual %s, predicted %s: %d image%s", m.classes().get(actual),
                m.classes().get(predicted), cell.size(), cell.size() == 1 ? "" : "s");
        return new CellImages(title, m.positiveClass(), pos, cell.subList(0, Math.min(MAX_SHOWN, cell.size())),
                cell.size());
    }

    /** The line under a thumbnail, e.g. "P(PNEUMONIA) 0.43". */
    public String caption(ValPrediction v) {
        return String.format(Locale.ROOT, "P(%s) %.2f", positiveClass, v.probabilities()[positiveIndex]);
    }
}
