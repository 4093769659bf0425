package org.pneumolens.core.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;

/** The image rules alone (no fitted density) on generated pictures and on real radiographs from the fixtures. */
class ImageRulesTest {
    private static final Path XRAY = Path.of("src/test/resources/fixtures/xray/val/NORMAL");

    static CheckResult rules(BufferedImage img) {
        GreyImage grey = ImageDecoder.toGrey(img);
        return InputCheck.rulesOnly(ImageSignals.of(img, grey.width(), grey.height(), Resampler.resize(grey, 224, 224)));
    }

    static BufferedImage radiograph() throws Exception {
        try (var files = java.nio.file.Files.list(XRAY)) {
            return ImageDecoder.decode(files.sorted().findFirst().orElseThrow());
        }
    }

    @Test
    void generatedNonRadiographsAreRefused() throws Exception {
        BufferedImage[] pictures = {
                SyntheticImages.uniform(0, 640, 480), SyntheticImages.uniform(128, 640, 480),
                SyntheticImages.uniform(255, 640, 480), SyntheticImages.noise(512, 512, 1, false),
                SyntheticImages.noise(512, 512, 2, true), SyntheticImages.gradient(640, 480, Color.BLACK, Color.WHITE),
                SyntheticImages.gradient(640, 480, Color.RED, Color.BLUE), SyntheticImages.text(800, 600),
                SyntheticImages.screenshot(1280, 800), SyntheticImages.tinted(radiograph(), new Color(255, 160, 80))};
        for (BufferedImage p : pictures) {
            CheckResult r = rules(p);
            assertNotEquals(CheckStatus.OK, r.status(), r.reasons().toString());
        }
        // A flat linear gradient is refused as lacking detail; with a fitted check it is also unlike the training images.
        assertEquals(CheckStatus.LOW_QUALITY, rules(SyntheticImages.gradient(640, 480, Color.BLACK, Color.WHITE)).status());
        assertEquals(CheckStatus.NOT_CHEST_XRAY, rules(SyntheticImages.noise(512, 512, 1, false)).status());
        assertEquals(CheckStatus.NOT_CHEST_XRAY, rules(SyntheticImages.text(800, 600)).status());
        assertEquals(CheckStatus.NOT_CHEST_XRAY, rules(SyntheticImages.screenshot(1280, 800)).status());
    }

    @Test
    void theReasonsSayWhy() throws Exception {
        assertTrue(rules(SyntheticImages.uniform(60, 640, 480)).mainReason().startsWith("uniform image"));
        assertTrue(rules(SyntheticImages.tinted(radiograph(), new Color(80, 120, 255))).mainReason()
                .startsWith("colour image"));
    }

    @Test
    void realRadiographsPassAndSmallOrStripLikeOnesAreLowQuality() throws Exception {
        BufferedImage xray = radiograph();
        CheckResult ok = rules(xray);
        assertEquals(CheckStatus.OK, ok.status(), ok.reasons().toString());
        assertTrue(ok.reasons().get(0).contains("no fitted input check"));
        BufferedImage small = new BufferedImage(128, 128, BufferedImage.TYPE_BYTE_GRAY);
        small.createGraphics().drawImage(xray, 0, 0, 128, 128, null);
        assertEquals(CheckStatus.LOW_QUALITY, rules(small).status());
        BufferedImage strip = new BufferedImage(900, 300, BufferedImage.TYPE_BYTE_GRAY);
        strip.createGraphics().drawImage(xray, 0, 0, 900, 300, null);
        assertEquals(CheckStatus.LOW_QUALITY, rules(strip).status(), rules(strip).reasons().toString());
    }
}
