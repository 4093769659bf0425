package org.pneumolens.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.TestModels;

/** The learned part fitted on a tiny synthetic set, through the same scan and forward pass as real use. */
class InputCheckFitTest {
    @TempDir
    static Path dir;
    static PneumoModel model;
    static InputCheck check;

    @BeforeAll
    static void fit() throws Exception {
        model = TestModels.untrained(32);
        List<Screening.Sample> train = scan(write("train", 0, 60));
        List<Screening.Sample> val = scan(write("val", 1000, 20));
        check = InputCheckFitter.fit(train, val, InputCheck.COMBINED, 1.0);
    }

    static List<LabeledImage> write(String name, int seed, int n) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        List<LabeledImage> images = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Path f = d.resolve(i + ".png");
            ImageIO.write(SyntheticImages.chestLike(300, 260, seed + i), "png", f.toFile());
            images.add(new LabeledImage(f, 0));
        }
        return images;
    }

    static List<Screening.Sample> scan(List<LabeledImage> images) throws InterruptedException {
        Screening.Scan s = Screening.scan(model, images, () -> false, done -> { });
        assertTrue(s.failed().isEmpty(), s.failed().toString());
        return s.samples();
    }

    static CheckResult judge(BufferedImage img) {
        return Screening.predict(model.withInputCheck(check), img, ImageDecoder.toGrey(img)).check();
    }

    @Test
    void aLikeImageIsAcceptedByTheLearnedScore() {
        CheckResult r = judge(SyntheticImages.chestLike(300, 260, 5000));
        assertEquals(CheckStatus.OK, r.status(), r.reasons() + " score " + r.score() + " limit " + r.threshold());
        assertTrue(r.reasons().isEmpty());
    }

    @Test
    void anObviouslyDifferentGreyImageIsRefusedByTheLearnedScoreItself() {
        // Grey, structured, full contrast: passes the colour and uniformity rules; only the densities can tell.
        BufferedImage gradient = SyntheticImages.gradient(300, 260, Color.WHITE, Color.BLACK);
        CheckResult r = judge(gradient);
        assertTrue(r.score() > r.threshold(), "score " + r.score() + " limit " + r.threshold());
        assertEquals(CheckStatus.NOT_CHEST_XRAY, r.status());
        assertTrue(r.reasons().stream().anyMatch(s -> s.startsWith("unlike the training images")), r.reasons().toString());
    }

    @Test
    void theThresholdIsTheChosenValidationQuantile() {
        assertEquals(20, check.fit().valImages());
        assertEquals(0, check.fit().valRefused()); // quantile 1: the largest validation score is the limit
        assertEquals(60, check.fit().trainImages());
    }

    @Test
    void jsonRoundTripGivesTheSameCheck() {
        assertEquals(check, InputCheck.fromJson(check.toJson()));
    }
}
