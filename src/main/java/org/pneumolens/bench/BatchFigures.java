package org.pneumolens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.io.FileTrees;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bench's batch part ({@code batch_*} figures) and its {@code --growth} extras, on files made in a temporary
 * folder from the sample radiographs and deleted after.
 */
final class BatchFigures {
    private static final Logger LOG = LoggerFactory.getLogger(BatchFigures.class);
    /** Files per throughput figure; the quick run only proves the plumbing. */
    static final int FILES = 400;
    static final int QUICK_FILES = 24;
    /** Megapixels of the growth images. */
    static final List<Double> MEGAPIXELS = List.of(1.0, 4.0, 16.0);
    private static final long PROBE_TIMEOUT_S = 3600;

    private BatchFigures() {
    }

    static void measure(BenchCommand c, BenchReport report, boolean batch) throws Exception {
        PneumoModel model = c.modelFile == null ? BundledModel.load() : ModelFile.load(c.modelFile);
        BatchAnalyser.Options defaults = BatchAnalyser.Options.defaults();
        BatchAnalyser.Options options = c.batchDecoders == null ? defaults
                : new BatchAnalyser.Options(c.batchDecoders, defaults.batch(), defaults.thumbnail());
        Path tmp = Files.createTempDirectory("pneumolens-bench-batch");
        try (SampleImages s = c.samples != null ? SampleImages.fromFolder(c.samples) : SampleImages.fromClasspath()) {
            List<Path> samples = s.files();
            if (batch) {
                int n = c.quick ? QUICK_FILES : FILES;
                report.extra("batch_files", n);
                report.extra("batch_decoders", options.decoders());
                report.extra("batch_size", options.batch());
                Path full = BatchBench.files(samples, n, false, tmp);
                LOG.info("timing the batch pipeline over {} full-size files ({} decoders)", n, options.decoders());
                BatchBench.Rate fullRate = BatchBench.rate(model, full, options);
                report.figure("batch_full_images_per_s", fullRate.imagesPerSecond(), 1);
                report.extra("batch_full_cpu_ms_per_image", BenchReport.rounded(fullRate.cpuMsPerImage(), 1));
                deleteTree(full);
                Path small = BatchBench.files(samples, n, true, tmp);
                LOG.info("timing the batch pipeline over {} 224-px files", n);
                BatchBench.Rate smallRate = BatchBench.rate(model, small, options);
                report.figure("batch_224_images_per_s", smallRate.imagesPerSecond(), 1);
                report.extra("batch_224_cpu_ms_per_image", BenchReport.rounded(smallRate.cpuMsPerImage(), 1));
                deleteTree(small);
                // A quick run measures memory over 224-px files: the same growth with the count, sooner.
                report.extra("batch_rss_files", c.quick ? "224px" : "full-size");
                for (int count : new int[]{100, 1000}) {
                    Path dir = BatchBench.files(samples, count, c.quick, tmp);
                    List<String> cmd = new ArrayList<>(JavaCommand.self(o -> true, List.of()));
                    cmd.addAll(List.of("predict", "--json"));
                    if (c.modelFile != null) {
                        cmd.addAll(List.of("--model", c.modelFile.toString()));
                    }
                    cmd.add(dir.toString());
                    LOG.info("peak resident memory of predict over {} files", count);
                    report.figure("batch_rss_mb_" + count, mb(BatchBench.peakRssKib(cmd, c.threads, PROBE_TIMEOUT_S)),
                            0);
                    deleteTree(dir);
                }
            }
            if (c.growth) {
                growth(c, model, samples, tmp, report);
            }
        } finally {
            deleteTree(tmp);
        }
    }

    private static void growth(BenchCommand c, PneumoModel model, List<Path> samples, Path tmp, BenchReport report)
            throws Exception {
        int repeats = c.quick ? 1 : 5;
        for (double mp : MEGAPIXELS) {
            Path file = GrowthBench.upscaled(samples.get(0), mp, tmp);
            LOG.info("timing predict of one {} MP image", mp);
            report.extra(String.format(Locale.ROOT, "growth_predict_ms_%.0fmp", mp),
                    BenchReport.rounded(GrowthBench.predictMillisP50(model, file, 1, repeats), 1));
            Files.delete(file);
        }
        for (int count : new int[]{100, 1000}) {
            Path dir = BatchBench.files(samples, count, c.quick, tmp);
            List<String> cmd = new ArrayList<>(JavaCommand.self(o -> true,
                    List.of("-D" + JavaCommand.CHILD_PROPERTY + "=true")));
            cmd.addAll(List.of(BenchCommand.NAME, "--threads", Integer.toString(c.threads), "--worklist-probe",
                    dir.toString()));
            if (c.modelFile != null) {
                cmd.addAll(List.of("--model", c.modelFile.toString()));
            }
            LOG.info("peak resident memory of a worklist of {} files", count);
            report.extra("growth_worklist_rss_mb_" + count,
                    mb(BatchBench.peakRssKib(cmd, c.threads, PROBE_TIMEOUT_S)));
            deleteTree(dir);
        }
        if (c.data == null) {
            LOG.info("no --data: no growth epochs");
            return;
        }
        for (double f : c.growthFractions) {
            LOG.info("timing one epoch at fraction {} of {}", f, c.data);
            EpochBench.Result r = EpochBench.run(c.data, f);
            String key = String.format(Locale.ROOT, "growth_epoch_%s_", fractionText(f));
            report.extra(key + "train_images", r.trainImages());
            report.extra(key + "s", BenchReport.rounded(r.seconds(), 1));
            report.extra(key + "fit_s", BenchReport.rounded(r.fitSeconds(), 1));
        }
    }

    /** A fraction as short text for a key: 0.05 -> "0.05". */
    private static String fractionText(double f) {
        return new java.math.BigDecimal(Double.toString(f)).stripTrailingZeros().toPlainString();
    }

    private static Double mb(OptionalLong kib) {
        return kib.isPresent() ? (double) Math.round(kib.getAsLong() / 1024.0) : null;
    }

    private static void deleteTree(Path dir) {
        try {
            FileTrees.deleteTree(dir);
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", dir, e.getMessage());
        }
    }
}
