package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.SkippedFile;

class DatasetSummaryTest {
    private static ImageSet set(Path root, int normal, int pneumonia, List<SkippedFile> skipped) {
        List<LabeledImage> images = new ArrayList<>();
        for (int i = 0; i < normal; i++) {
            images.add(new LabeledImage(root.resolve("NORMAL/n" + i + ".jpeg"), 0));
        }
        for (int i = 0; i < pneumonia; i++) {
            images.add(new LabeledImage(root.resolve("PNEUMONIA/p" + i + ".jpeg"), 1));
        }
        return new ImageSet(root, List.of("NORMAL", "PNEUMONIA"), images, skipped);
    }

    @Test
    void balancedDatasetWithValFolder() {
        Path root = Path.of("/data/xray");
        Dataset ds = new Dataset(set(root.resolve("train"), 100, 120, List.of()), set(root.resolve("val"), 30, 30,
                List.of()));
        DatasetSummary s = DatasetSummary.of(ds, 0.2);
        assertEquals("train: NORMAL 100, PNEUMONIA 120 (220 images)\nval: NORMAL 30, PNEUMONIA 30 (60 images)",
                s.counts());
        assertEquals("Validation: the val/ folder (60 images)", s.validation());
        assertEquals(List.of(), s.warnings());
        assertEquals(List.of(), s.skipped());
    }

    @Test
    void imbalanceSmallClassesSkippedFilesAndPatientSplit() {
        Path root = Path.of("/data/flat");
        Path bad = root.resolve("NORMAL/notes.txt");
        Dataset ds = new Dataset(set(root, 10, 31, List.of(new SkippedFile(bad, "not an image file (extension)"))),
                null);
        DatasetSummary s = DatasetSummary.of(ds, 0.2);
        assertEquals("Validation: patient-wise split of the training images (20%)", s.validation());
        assertEquals(List.of(Path.of("flat/NORMAL/notes.txt") + ": not an image file (extension)"), s.skipped());
        assertEquals(2, s.warnings().size(), s.warnings().toString());
        assertTrue(s.warnings().get(0).contains("PNEUMONIA has 3.1 times as many images as NORMAL"),
                s.warnings().get(0));
        assertTrue(s.warnings().get(1).contains("NORMAL has only 10 images"), s.warnings().get(1));
    }

    @Test
    void exactlyThreeToOneIsNotCalledImbalanced() {
        Dataset ds = new Dataset(set(Path.of("/d"), 40, 120, List.of()), null);
        assertEquals(List.of(), DatasetSummary.of(ds, 0.2).warnings());
    }
}
