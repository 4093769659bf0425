package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.diagnose.NotXrays;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;

/** The Train tab's input check of a dataset and of a new model, with the real bundled model; no toolkit. */
class DatasetScreenTest {
    @TempDir
    Path tmp;

    /** Four radiographs per class, plus two pictures that are not radiographs in PNEUMONIA/. */
    private Path folderWithNonRadiographs() throws Exception {
        for (String cls : List.of("NORMAL", "PNEUMONIA")) {
            Path dir = Files.createDirectories(tmp.resolve("data").resolve(cls));
            try (var files = Files.list(TestData.fixture("train/" + cls))) {
                for (Path f : files.sorted().limit(4).toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
        }
        Path pneumonia = tmp.resolve("data/PNEUMONIA");
        NotXrays.colourGradient(pneumonia);
        NotXrays.uniform(pneumonia, 90);
        return tmp.resolve("data");
    }

    @Test
    void theBundledChecksRefusalsAreCountedPerClassAndCanBeLeftOut() throws Exception {
        Dataset data = DatasetScanner.scanDataset(folderWithNonRadiographs());
        DatasetScreen screen = new DatasetScreen(new CurrentThreadTaskExecutor(), TestData::bundledModelUnchecked);

        screen.screen(data);

        String summary = screen.summaryProperty().get();
        assertTrue(summary.startsWith("Input check (bundled model) refuses "), summary);
        assertTrue(summary.matches(".*PNEUMONIA [2-6].*"), summary);
        assertTrue(screen.anyRefusedProperty().get());
        assertFalse(screen.checkingProperty().get());
        assertEquals(data, screen.apply(data), "kept until the user asks");

        screen.leaveOutProperty().set(true);
        Dataset run = screen.apply(data);

        int refused = Integer.parseInt(summary.replaceFirst("^Input check \\(bundled model\\) refuses (\\d+) of.*", "$1"));
        assertTrue(refused >= 2, summary);
        assertEquals(data.train().images().size() - refused, run.train().images().size());
        assertTrue(run.train().images().stream().noneMatch(i -> i.path().getFileName().toString().endsWith(".png")),
                "the generated pictures are left out");
    }

    @Test
    void aClassOfNonRadiographsKeepsStartOffEvenWhenLeftOut() throws Exception {
        Path root = folderWithNonRadiographs();
        Path shots = Files.createDirectories(root.resolve("screenshots"));
        NotXrays.colourGradient(shots);
        NotXrays.uniform(shots, 60);
        NotXrays.uniform(shots, 200);
        Dataset data = DatasetScanner.scanDataset(root);
        DatasetScreen screen = new DatasetScreen(new CurrentThreadTaskExecutor(), TestData::bundledModelUnchecked);

        screen.screen(data);

        String why = screen.blockerProperty().get();
        assertTrue(why.contains("'screenshots' (3 of 3) do not look like chest radiographs"), why);
        assertFalse(why.contains("'NORMAL'"), why);
        screen.leaveOutProperty().set(true);
        assertTrue(screen.blockerProperty().get().contains("fewer than 2 training images in 'screenshots'"),
                screen.blockerProperty().get());
        screen.screen(null);
        assertEquals("", screen.blockerProperty().get(), "a new folder starts unblocked");
    }

    @Test
    void aModelTrainedInTheAppGetsItsOwnInputCheck() throws Exception {
        Dataset data = DatasetScanner.scanDataset(TestData.fixture(""));
        PneumoModel unchecked = TestData.bundledModel().withInputCheck(null);
        TrainingResult trained = new TrainingResult(unchecked, List.of(), 1, null, false, false);

        TrainingResult withCheck = InputCheckStep.fit(trained, TrainingConfig.DEFAULTS, data, TrainingProgress.NONE,
                () -> false);

        assertTrue(withCheck.model().inputCheck().isPresent());
        assertEquals(data.train().images().size(), withCheck.model().inputCheck().get().fit().trainImages());
        assertNull(trained.model().inputCheck().orElse(null), "the run's own result is not changed");
    }
}
