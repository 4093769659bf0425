package org.pneumolens.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.model.GradCam;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.BundledModel;

/** The pieces of the harness that decide what is timed: the right files, the right subset, the right work. */
class HarnessPartsTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/xray");

    @Test
    void classpathSamplesAreTheShippedJpegsSortedAndTheirCopiesAreRemoved() throws IOException {
        Path dir;
        try (SampleImages s = SampleImages.fromClasspath()) {
            List<String> names = s.files().stream().map(p -> p.getFileName().toString()).toList();
            assertEquals(8, names.size(), names.toString());
            assertEquals(names.stream().sorted().toList(), names);
            assertTrue(names.stream().allMatch(n -> n.endsWith(".jpeg")));
            assertEquals(2, s.first(2).size());
            dir = s.files().get(0).getParent();
            assertTrue(Files.size(s.files().get(0)) > 10_000, "not a full-resolution radiograph");
        }
        assertFalse(Files.exists(dir), "temporary sample copies left behind");
    }

    @Test
    void aSampleFolderWithoutJpegsIsRefused(@TempDir Path empty) {
        assertThrows(IOException.class, () -> SampleImages.fromFolder(empty));
    }

    @Test
    void epochSubsetKeepsTheStatedShareOfEachClass() throws Exception {
        ImageSet train = DatasetScanner.scan(FIXTURES.resolve("train"));
        int[] all = train.countsPerClass();

        ImageSet half = EpochBench.subset(train, 0.5, 42);
        int[] kept = half.countsPerClass();

        for (int c = 0; c < all.length; c++) {
            assertEquals(Math.max(1, Math.round(0.5 * all[c])), kept[c], "class " + c);
        }
        assertEquals(half.images(), EpochBench.subset(train, 0.5, 42).images(), "subset not reproducible");
        assertEquals(train.images(), EpochBench.subset(train, 1.0, 42).images());
    }

    @Test
    void oneEpochRunsThroughTheAppsTrainerAndAccountsForItsParts() throws Exception {
        EpochBench.Result r = EpochBench.run(FIXTURES, 1.0);

        int trainFiles = DatasetScanner.scan(FIXTURES.resolve("train")).size();
        assertEquals(trainFiles, r.trainImages());
        assertEquals(DatasetScanner.scan(FIXTURES.resolve("val")).size(), r.valImages());
        assertTrue(r.decodeSeconds() > 0 && r.fitSeconds() > 0, r.toString());
        assertTrue(r.decodeSeconds() + r.fitSeconds() <= r.seconds(), "parts exceed the whole: " + r);
    }

    @Test
    void predictAndMapProducesAMapForTheBundledModel() throws Exception {
        PneumoModel model = BundledModel.load();
        Path file = Files.list(FIXTURES.resolve("val/PNEUMONIA")).sorted().findFirst().orElseThrow();

        GradCam.Heatmap map = PredictBench.predictAndMap(model, file);

        assertTrue(map.width() > 1 && map.height() > 1);
        float max = 0;
        for (float v : map.values()) {
            max = Math.max(max, v);
        }
        assertTrue(max == 0f || Math.abs(max - 1f) < 1e-6, "Grad-CAM not normalised: max " + max);
    }

    @Test
    void peakResidentMemoryIsReadFromVmHwm() {
        assertEquals(OptionalLong.of(2_345_678L), ProcessMemory.parseVmHwm(
                List.of("Name:\tjava", "VmPeak:\t 9999999 kB", "VmHWM:\t 2345678 kB", "VmRSS:\t 1000 kB")));
        assertEquals(OptionalLong.empty(), ProcessMemory.parseVmHwm(List.of("Name:\tjava")));
    }

    @Test
    void thePlansAreTheReferencesAndAQuickCheck() {
        BenchPlan f = BenchPlan.FULL; // torch_reference.py: 3 warm-up steps, 5 rounds of 4; 10 + 50 inferences; x3
        assertEquals(List.of(3, 5, 4, 10, 50, 3), List.of(f.trainWarmupSteps(), f.trainRounds(),
                f.trainStepsPerRound(), f.inferWarmup(), f.inferRuns(), f.decodeRepeats()));
        assertEquals(0, f.sampleLimit());
        assertThrows(IllegalArgumentException.class, () -> new BenchPlan(1, 0, 1, 1, 1, 1, 1, 1, 0, 1, 0));
    }
}
