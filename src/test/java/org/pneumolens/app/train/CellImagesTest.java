package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.TestData;
import org.pneumolens.core.train.TrainingResult;
import org.pneumolens.core.train.ValPrediction;

class CellImagesTest {
    @Test
    void aCellHoldsItsImagesMostConfidentFirstWithTheirProbability() throws Exception {
        var model = TestData.bundledModel(); // classes NORMAL, PNEUMONIA; positive PNEUMONIA
        int n = model.metadata().classes().indexOf("NORMAL");
        int p = model.metadata().positiveIndex();
        List<ValPrediction> preds = List.of(
                new ValPrediction(Path.of("a.jpeg"), p, n, probs(p, 0.30)),
                new ValPrediction(Path.of("b.jpeg"), p, n, probs(p, 0.05)),
                new ValPrediction(Path.of("c.jpeg"), p, p, probs(p, 0.90)),
                new ValPrediction(Path.of("d.jpeg"), n, n, probs(p, 0.10)));
        TrainingResult r = new TrainingResult(model, List.of(), 1, null, false, false, preds);

        CellImages missed = CellImages.of(r, p, n);

        assertEquals("Actual PNEUMONIA, predicted NORMAL: 2 images", missed.title());
        assertEquals(List.of(Path.of("b.jpeg"), Path.of("a.jpeg")),
                missed.images().stream().map(ValPrediction::path).toList(), "surest mistake first");
        assertEquals("P(PNEUMONIA) 0.05", missed.caption(missed.images().get(0)));
        assertEquals(1, CellImages.of(r, p, p).total());
        assertEquals("Actual NORMAL, predicted PNEUMONIA: 0 images", CellImages.of(r, n, p).title());
    }

    private static double[] probs(int positive, double pPositive) {
        double[] out = new double[2];
        out[positive] = pPositive;
        out[1 - positive] = 1 - pPositive;
        return out;
    }
}
