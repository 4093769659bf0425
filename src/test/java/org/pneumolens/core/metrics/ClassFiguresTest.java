package org.pneumolens.core.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClassFiguresTest {
    @Test
    void precisionAndRecallPerClassFromAHandCountedMatrix() {
        // 40 NORMAL: 30 right, 10 called PNEUMONIA; 60 PNEUMONIA: 5 called NORMAL, 55 right.
        List<ClassFigures> f = ClassFigures.of(new int[][]{{30, 10}, {5, 55}}, "NORMAL", "PNEUMONIA");

        assertEquals(new ClassFigures("NORMAL", 30 / 35.0, 30 / 40.0, 40), f.get(0));
        assertEquals(new ClassFigures("PNEUMONIA", 55 / 65.0, 55 / 60.0, 60), f.get(1));
    }

    @Test
    void aClassNeverPredictedHasNoPrecision() {
        List<ClassFigures> f = ClassFigures.of(new int[][]{{0, 4}, {0, 6}}, "NORMAL", "PNEUMONIA");
        assertTrue(Double.isNaN(f.get(0).precision()));
        assertEquals(0.0, f.get(0).recall());
        assertEquals(0.6, f.get(1).precision(), 1e-12);
        assertEquals(1.0, f.get(1).recall());
    }
}
