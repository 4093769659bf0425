package org.pneumolens.app.worklist;

import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchInputs;
import org.pneumolens.core.batch.BatchProgress;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.Verdict;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.report.CsvExport;
import org.pneumolens.core.report.Display;
import org.pneumolens.core.report.PdfReport;
import org.pneumolens.core.report.ReportImages;

/**
 * The worklist: many files analysed in the background ({@link BatchAnalyser}), one immutable {@link WorklistRow}
 * per file, counts per verdict, progress, and CSV / PDF export. Never touches a node; results reach the rows once
 * per batch of files, on the executor's UI thread.
 */
public final class WorklistViewModel {
    /** Longest side of a row's thumbnail, in pixels. */
    static final int THUMBNAIL = 96;

    /** Analyses the files and reports on the analysing thread; the real one is {@link BatchAnalyser}. */
    @FunctionalInterface
    public interface Analyser {
        BatchAnalyser.Summary run(PneumoModel model, List<Path> files, java.util.function.BooleanSupplier cancelled,
                                  BatchAnalyser.Listener listener) throws InterruptedException;

        Analyser REAL = (model, files, cancelled, listener) -> new BatchAnalyser(model,
                BatchAnalyser.Options.defaults().withThumbnail(THUMBNAIL)).run(files, cancelled, listener);
    }

    private final TaskExecutor executor;
    private final Supplier<PneumoModel> model;
    private final Analyser analyser;
    private final ObservableList<WorklistRow> rows = FXCollections.observableArrayList();
    private final FilteredList<WorklistRow> shown = new FilteredList<>(rows);
    private final ObjectProperty<Verdict> filter = new SimpleObjectProperty<>(this, "filter");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper(this, "running");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper speed = new ReadOnlyStringWrapper(this, "speed", "");
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper(this, "counts", "No images");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "");
    /** Compact results by file index, for export; null where not analysed yet. */
    private final List<ImageResult> results = new ArrayList<>();
    private BackgroundTask<?> task;

    public WorklistViewModel(TaskExecutor executor, Supplier<PneumoModel> model, Analyser analyser) {
        this.executor = executor;
        this.model = model;
        this.analyser = analyser;
        filter.addListener((o, was, now) -> shown.setPredicate(now == null ? r -> true : r -> r.verdict() == now));
    }

    /** The window closed: cancels an analysis in progress and ends the worklist's thread. */
    public void shutdown() {
        cancel();
        executor.shutdown();
    }

    public ObservableList<WorklistRow> rows() {
        return FXCollections.unmodifiableObservableList(shown);
    }

    public ObjectProperty<Verdict> filterProperty() {
        return filter;
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    /** "12.3 images/s, 0:41 left" while running. */
    public ReadOnlyStringProperty speedProperty() {
        return speed.getReadOnlyProperty();
    }

    /** "1000 images: Pneumonia 412, Normal 530, Not judged 50, Failed 8". */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** Replaces the list with these files and folders (folders searched recursively) and analyses them. */
    public void analyse(List<Path> given) {
        PneumoModel m = model.get();
        if (m == null) {
            status.set("No model loaded: load one first");
            return;
        }
        cancel();
        rows.clear();
        results.clear();
        progress.set(0);
        running.set(true);
        status.set("Looking for images...");
        updateCounts();
        BackgroundTask<BatchAnalyser.Summary> t = new BackgroundTask<>() {
            @Override
            protected BatchAnalyser.Summary call() throws Exception {
                BatchInputs.Expanded in = BatchInputs.expand(given);
                List<Path> files = in.files();
                onUiThread(() -> queue(files, in.skipped().size()));
                List<ImageResult> pending = new ArrayList<>();
                return analyser.run(m, files, this::isCancelled, new BatchAnalyser.Listener() {
                    @Override
                    public void result(ImageResult r) {
                        pending.add(r);
                    }

                    @Override
                    public void progress(BatchProgress p) {
                        List<ImageResult> batch = List.copyOf(pending);
                        pending.clear();
                        onUiThread(() -> apply(batch, p));
                    }
                });
            }
        };
        t.onSuccess(s -> finish(s.cancelled() ? "Cancelled" : String.format(Locale.ROOT,
                        "Analysed %d files in %.1f s", s.total(), s.seconds())))
                .onCancelled(() -> finish("Cancelled"))
                .onFailure(e -> finish("Analysis failed: " + e.getMessage()));
        task = t; // before it starts: Cancel must reach it even while execute runs it (tests' executor)
        executor.execute(t);
    }

    public void cancel() {
        if (task != null) {
            task.cancel();
        }
    }

    private void queue(List<Path> files, int skipped) {
        List<WorklistRow> queued = new ArrayList<>(files.size());
        for (int i = 0; i < files.size(); i++) {
            queued.add(WorklistRow.queued(i, files.get(i)));
            results.add(null);
        }
        rows.setAll(queued);
        status.set("Analysing " + files.size() + " files" + (skipped > 0 ? " (" + skipped + " non-images skipped)" : ""));
        markAnalysing(0);
        updateCounts();
    }

    private void apply(List<ImageResult> batch, BatchProgress p) {
        for (ImageResult r : batch) {
            results.set(r.index(), r);
            rows.set(r.index(), WorklistRow.of(r));
        }
        markAnalysing(p.done());
        progress.set(p.fraction());
        speed.set(String.format(Locale.ROOT, "%.1f images/s, %s left", p.imagesPerSecond(),
                Double.isNaN(p.secondsLeft()) ? "--:--" : clock(p.secondsLeft())));
        updateCounts();
    }

    /** The next few rows the analyser is on (decoding runs a batch or two ahead). */
    private void markAnalysing(int from) {
        for (int i = from; i < Math.min(rows.size(), from + 16); i++) {
            WorklistRow r = rows.get(i);
            if (r.status() == WorklistRow.Status.QUEUED) {
                rows.set(i, r.analysing());
            }
        }
    }

    private void finish(String message) {
        running.set(false);
        speed.set("");
        status.set(message);
        for (int i = 0; i < rows.size(); i++) {
            WorklistRow r = rows.get(i);
            if (r.status() == WorklistRow.Status.ANALYSING) {
                rows.set(i, new WorklistRow(r.index(), r.file(), r.study(), r.probability(), r.verdict(),
                        WorklistRow.Status.QUEUED, r.note(), r.thumbnail()));
            }
        }
    }

    private void updateCounts() {
        Map<Verdict, Integer> n = new EnumMap<>(Verdict.class);
        for (WorklistRow r : rows) {
            if (r.verdict() != null) {
                n.merge(r.verdict(), 1, Integer::sum);
            }
        }
        StringBuilder sb = new StringBuilder(rows.isEmpty() ? "No images" : rows.size() + " images");
        n.forEach((v, c) -> sb.append(sb.indexOf(":") < 0 ? ": " : ", ").append(v.display()).append(' ').append(c));
        counts.set(sb.toString());
    }

    /** Analysed files so far, in file order. */
    List<ImageResult> analysed() {
        return results.stream().filter(java.util.Objects::nonNull).toList();
    }

    public boolean hasResults() {
        return !analysed().isEmpty();
    }

    /** Writes the analysed rows as CSV; {@code done} gets the file, or the error. */
    public void exportCsv(Path target, Consumer<Path> saved, Consumer<Throwable> failed) {
        PneumoModel m = model.get();
        List<ImageResult> snapshot = analysed();
        executor.execute(BackgroundTask.of(() -> {
            AtomicFiles.write(target, o -> CsvExport.write(o, m.classes(), snapshot, false));
            return target;
        }).onSuccess(saved).onFailure(failed));
    }

    /** Writes the batch PDF (summary and one page per analysed image, identifiers hidden). */
    public void exportPdf(Path target, Consumer<Path> saved, Consumer<Throwable> failed) {
        PneumoModel m = model.get();
        List<ImageResult> snapshot = analysed();
        executor.execute(BackgroundTask.of(() -> {
            Display d = Display.standard();
            AtomicFiles.write(target, o -> PdfReport.batch(o, m.metadata(), snapshot,
                    r -> ReportImages.load(m, r.file(), d), new PdfReport.Options(false, ZonedDateTime.now())));
            return target;
        }).onSuccess(saved).onFailure(failed));
    }

    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
