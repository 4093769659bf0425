package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.check.DatasetCheck;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;

/** When the input check's refusals keep Start disabled: classes that are mostly not radiographs. No model, no toolkit. */
class DatasetScreenBlockerTest {
    private static final List<String> CLASSES = List.of("NORMAL", "PNEUMONIA", "screenshots");

    /** A check that kept {@code kept[c]} and refused {@code refused[c]} images of class c. */
    private static DatasetCheck check(int[] kept, int[] refused) {
        List<LabeledImage> images = new ArrayList<>();
        for (int c = 0; c < kept.length; c++) {
            for (int i = 0; i < kept[c]; i++) {
                images.add(new LabeledImage(Path.of(CLASSES.get(c), i + ".png"), c));
            }
        }
        ImageSet set = new ImageSet(Path.of("data"), CLASSES, images, List.of());
        int total = refused[0] + refused[1] + refused[2];
        return new DatasetCheck(set, Map.of("NORMAL", refused[0], "PNEUMONIA", refused[1], "screenshots",
                refused[2]), total, List.of());
    }

    @Test
    void aClassMostlyRefusedIsNamedWithItsShare() {
        DatasetScreen.Screened s = new DatasetScreen.Screened(check(new int[]{20, 20, 9}, new int[]{1, 0, 41}), null);

        String why = DatasetScreen.blocker(s, false);

        assertTrue(why.contains("'screenshots' (41 of 50)"), why);
        assertTrue(why.contains("do not look like chest radiographs; remove the folder or choose the dataset folder"),
                why);
        assertTrue(!why.contains("NORMAL"), "a class with one refusal in 21 is not named: " + why);
    }

    @Test
    void leavingTheRefusedOutAllowsARunWhenEnoughRemain() {
        DatasetScreen.Screened s = new DatasetScreen.Screened(check(new int[]{20, 20, 9}, new int[]{1, 0, 41}), null);

        assertEquals("", DatasetScreen.blocker(s, true));
    }

    @Test
    void leavingTheRefusedOutIsNotEnoughWhenAClassWouldKeepFewerThanTwo() {
        DatasetScreen.Screened s = new DatasetScreen.Screened(check(new int[]{20, 20, 1}, new int[]{0, 0, 49}), null);

        String why = DatasetScreen.blocker(s, true);

        assertTrue(why.contains("'screenshots' (49 of 50)"), why);
        assertTrue(why.contains("fewer than 2 training images in 'screenshots'"), why);
    }

    @Test
    void validationImagesCountTowardsTheShare() {
        // Training alone: 4 of 10 refused (not most); with val's 4 of 4 refused, 8 of 14 are.
        DatasetScreen.Screened s = new DatasetScreen.Screened(check(new int[]{10, 10, 6}, new int[]{0, 0, 4}),
                check(new int[]{4, 4, 0}, new int[]{0, 0, 4}));

        assertTrue(DatasetScreen.blocker(s, false).contains("'screenshots' (8 of 14)"));
        assertEquals("", DatasetScreen.blocker(new DatasetScreen.Screened(s.train(), null), false));
    }

    @Test
    void exactlyHalfRefusedDoesNotBlock() {
        DatasetScreen.Screened s = new DatasetScreen.Screened(check(new int[]{5, 5, 5}, new int[]{0, 0, 5}), null);

        assertEquals("", DatasetScreen.blocker(s, false));
    }
}
