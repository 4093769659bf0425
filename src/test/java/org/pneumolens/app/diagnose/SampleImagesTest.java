package org.pneumolens.app.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.image.GreyImage;

class SampleImagesTest {
    @Test
    void theBundledSamplesAreListedFromTheClassPathAndDecode() throws Exception {
        List<SampleImages.Sample> samples = SampleImages.list();

        assertTrue(samples.size() >= 2, "samples: " + samples);
        assertTrue(samples.stream().anyMatch(s -> s.fileName().startsWith("NORMAL_")));
        assertTrue(samples.stream().anyMatch(s -> s.fileName().startsWith("PNEUMONIA_")));
        GreyImage image = samples.get(0).source().reader().read().grey();
        assertTrue(image.width() > 200 && image.height() > 200);
    }

    @Test
    void displayNameSplitsTheTrueLabelFromTheRest() {
        assertEquals("PNEUMONIA: person148_virus_298", new SampleImages.Sample("PNEUMONIA_person148_virus_298.jpeg")
                .displayName());
    }
}
