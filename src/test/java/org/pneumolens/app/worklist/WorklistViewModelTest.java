package org.pneumolens.app.worklist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchProgress;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.SourceFacts;
import org.pneumolens.core.batch.Verdict;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.CheckStatus;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import org.pneumolens.core.model.TestModels;

/** The worklist's logic without a window: a fake analyser answers from a table of file names. */
class WorklistViewModelTest {
    static final List<String> CLASSES = List.of("NORMAL", "PNEUMONIA");
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = TestModels.untrained(32);
    }

    /** P(PNEUMONIA) per file name; negative: the check refuses it; missing: the file fails. */
    static WorklistViewModel.Analyser fake(Map<String, Double> answers, Runnable afterFirst) {
        return (m, files, cancelled, listener) -> {
            int done = 0;
            for (Path f : files) {
                if (cancelled.getAsBoolean()) {
                    return new BatchAnalyser.Summary(files.size(), done, 0, 0, true, 1);
                }
                Double p = answers.get(f.getFileName().toString());
                ImageResult r;
                if (p == null) {
                    r = new ImageResult(done, f, ImageResult.Outcome.FAILED, null, null, null, null, f + ": broken");
                } else {
                    double q = Math.abs(p);
                    Prediction pred = new Prediction(CLASSES, new double[]{1 - q, q}, q >= 0.5 ? "PNEUMONIA" : "NORMAL",
                            0.5, "PNEUMONIA");
                    CheckResult check = p >= 0 ? new CheckResult(CheckStatus.OK, 1, 3, List.of())
                            : new CheckResult(CheckStatus.NOT_CHEST_XRAY, 5, 3, List.of("looks like a photo"));
                    r = new ImageResult(done, f, ImageResult.Outcome.DONE, pred, check,
                            new SourceFacts("png", 10, 10, null), null, null);
                }
                listener.result(r);
                done++;
                listener.progress(BatchProgress.of(done, files.size(), done));
                if (done == 1) {
                    afterFirst.run();
                }
            }
            return new BatchAnalyser.Summary(files.size(), done, 0, 0, false, 1);
        };
    }

    private static List<Path> files(Path dir, String... names) throws Exception {
        List<Path> out = new ArrayList<>();
        for (String n : names) {
            out.add(Files.writeString(dir.resolve(n), "x"));
        }
        return out;
    }

    @Test
    void rowsCountsFilterAndProgressFollowTheAnalysis(@TempDir Path dir) throws Exception {
        WorklistViewModel vm = new WorklistViewModel(new CurrentThreadTaskExecutor(), () -> model,
                fake(Map.of("a.png", 0.9, "b.png", 0.2, "c.png", -0.7), () -> { }));
        vm.analyse(files(dir, "a.png", "b.png", "c.png", "d.png"));
        List<WorklistRow> rows = vm.rows();
        assertEquals(4, rows.size());
        assertEquals(List.of(Verdict.PNEUMONIA, Verdict.NORMAL, Verdict.NOT_JUDGED, Verdict.FAILED),
                rows.stream().map(WorklistRow::verdict).toList());
        assertEquals(List.of(WorklistRow.Status.DONE, WorklistRow.Status.DONE, WorklistRow.Status.DONE,
                WorklistRow.Status.FAILED), rows.stream().map(WorklistRow::status).toList());
        assertEquals("looks like a photo", rows.get(2).note());
        assertEquals("4 images: Pneumonia 1, Normal 1, Not judged 1, Failed 1", vm.countsProperty().get());
        assertEquals(1.0, vm.progressProperty().get(), 1e-9);
        assertTrue(vm.statusProperty().get().startsWith("Analysed 4 files"), vm.statusProperty().get());
        assertEquals(false, vm.runningProperty().get());

        vm.filterProperty().set(Verdict.NOT_JUDGED);
        assertEquals(List.of("c.png"), vm.rows().stream().map(WorklistRow::fileName).toList());
        vm.filterProperty().set(null);
        assertEquals(4, vm.rows().size());
    }

    @Test
    void theTriageOrderPutsTheMostSuspiciousFirstAndUnanalysedLast(@TempDir Path dir) throws Exception {
        WorklistViewModel vm = new WorklistViewModel(new CurrentThreadTaskExecutor(), () -> model,
                fake(Map.of("a.png", 0.3, "b.png", 0.95, "c.png", -0.6), () -> { }));
        vm.analyse(files(dir, "a.png", "b.png", "c.png", "d.png"));
        List<String> order = vm.rows().stream().sorted(WorklistRow.TRIAGE).map(WorklistRow::fileName).toList();
        assertEquals(List.of("b.png", "c.png", "a.png", "d.png"), order);
    }

    @Test
    void cancellingLeavesTheRestQueuedAndSaysSo(@TempDir Path dir) throws Exception {
        WorklistViewModel[] holder = new WorklistViewModel[1];
        WorklistViewModel vm = new WorklistViewModel(new CurrentThreadTaskExecutor(), () -> model,
                fake(Map.of("a.png", 0.9, "b.png", 0.2, "c.png", 0.1), () -> holder[0].cancel()));
        holder[0] = vm;
        vm.analyse(files(dir, "a.png", "b.png", "c.png"));
        assertEquals("Cancelled", vm.statusProperty().get());
        assertEquals(WorklistRow.Status.DONE, vm.rows().get(0).status());
        assertEquals(WorklistRow.Status.QUEUED, vm.rows().get(1).status());
        assertEquals(WorklistRow.Status.QUEUED, vm.rows().get(2).status());
        assertNull(vm.rows().get(2).verdict());
        assertEquals(false, vm.runningProperty().get());
    }

    @Test
    void withoutAModelNothingStarts(@TempDir Path dir) throws Exception {
        WorklistViewModel vm = new WorklistViewModel(new CurrentThreadTaskExecutor(), () -> null,
                fake(Map.of(), () -> { }));
        vm.analyse(files(dir, "a.png"));
        assertTrue(vm.rows().isEmpty());
        assertTrue(vm.statusProperty().get().startsWith("No model loaded"));
    }

    @Test
    void csvExportWritesTheAnalysedRows(@TempDir Path dir) throws Exception {
        WorklistViewModel vm = new WorklistViewModel(new CurrentThreadTaskExecutor(), () -> model,
                fake(Map.of("a.png", 0.9, "b.png", 0.2), () -> { }));
        vm.analyse(files(dir, "a.png", "b.png"));
        Path csv = dir.resolve("out/list.csv");
        Path[] saved = new Path[1];
        vm.exportCsv(csv, p -> saved[0] = p, e -> {
            throw new AssertionError(e);
        });
        assertEquals(csv, saved[0]);
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size());
        assertTrue(lines.get(1).contains("a.png") && lines.get(1).contains("PNEUMONIA"), lines.get(1));
    }

    @Test
    void shutdownEndsTheWorklistsExecutor() {
        boolean[] shut = new boolean[1];
        TaskExecutor executor = new TaskExecutor() {
            @Override
            public <V> BackgroundTask<V> execute(BackgroundTask<V> task) {
                return task;
            }

            @Override
            public void shutdown() {
                shut[0] = true;
            }
        };
        WorklistViewModel vm = new WorklistViewModel(executor, () -> model, fake(Map.of(), () -> { }));
        vm.shutdown();
        assertTrue(shut[0], "the window's close must end the worklist thread");
    }
}
