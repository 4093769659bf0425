package org.pneumolens.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.pneumolens.core.engine.NativeEngine;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints one JSON line with the keys of {@code ../shared/bench/torch_reference.py}, measured the same way, followed
 * by the app's own figures. Progress goes to the log (stderr); stdout carries only the JSON line.
 */
@Command(name = BenchCommand.NAME, mixinStandardHelpOptions = true,
        description = "Benchmark the engine (same workload and keys as the PyTorch reference) "
        + "and the app's own latencies; prints one JSON line.")
public final class BenchCommand implements Callable<Integer> {
    public static final String NAME = "bench";
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    enum Part { train, infer, decode, predict, epoch, startup, window, batch }

    @Option(names = "--quick", description = "Few repetitions: checks the harness, figures are NOT results")
    boolean quick;

    @Option(names = "--threads", description = "Threads for ND4J/OpenMP and BLAS (default: all cores, like the "
            + "reference's os.cpu_count())")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--layout", description = "Tensor layout of the seed CNN: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE}; NHWC runs without the oneDNN helpers, whose NHWC backward pass is wrong "
            + "in DL4J M2.1)")
    CNN2DFormat layout = CNN2DFormat.NCHW;

    @Option(names = "--samples", paramLabel = "DIR", description = "Folder of full-resolution *.jpeg samples "
            + "(default: the samples shipped in the jar)")
    Path samples;

    @Option(names = "--data", paramLabel = "DIR", description = "Dataset with train/ (and val/) for epoch_s; "
            + "without it epoch_s is null")
    Path data;

    @Option(names = "--epoch-fraction", paramLabel = "F", description = "Share of each class of train/ and val/ "
            + "used for epoch_s, in (0, 1] (default: 1, or 0.02 with --quick)")
    Double epochFraction;

    @Option(names = "--startup", description = "Also measure startup_ms: window shown with the model loaded, on "
            + "$DISPLAY or a private Xvfb (needs the app to report through StartupReporter)")
    boolean startup;

    @Option(names = "--startup-timeout", paramLabel = "S", description = "Seconds to wait for one start "
            + "(default: ${DEFAULT-VALUE})")
    int startupTimeout = 90;

    @Option(names = "--window", description = "Also measure window_open_ms_cold/p50/p95: the samples opened in the "
            + "running window, open request to the frame with the verdict and overlay, on $DISPLAY or a private Xvfb")
    boolean window;

    @Option(names = "--window-first-pause", paramLabel = "MS", description = "Milliseconds between the window "
            + "being ready and the first (cold) open (default: ${DEFAULT-VALUE}, a user's time to pick a file)")
    long windowFirstPause = WindowOpenDriver.FIRST_OPEN_PAUSE_MS;

    @Option(names = "--skip", split = ",", paramLabel = "PART", description = "Parts to leave out (their keys are "
            + "null): ${COMPLETION-CANDIDATES}")
    List<Part> skip = List.of();

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "Model file for predict_gradcam_ms "
            + "(default: the bundled model)")
    Path modelFile;

    @Option(names = "--profile-layers", description = "Also time the seed CNN's training step layer by layer "
            + "(forward, backward, and what fit spends besides: updater, loss, workspaces); key layer_profile_ms")
    boolean profileLayers;
    @Option(names = "--batch-decoders", paramLabel = "N", description = "Decoding threads of the batch figures "
            + "(default: the app's, BatchAnalyser.Options.defaults())")
    Integer batchDecoders;

    @Option(names = "--growth", description = "Also measure how cost grows: predict ms for 1, 4 and 16 MP images, "
            + "epoch_s at each --growth-fractions of --data, worklist memory at 100 and 1,000 images")
    boolean growth;

    @Option(names = "--growth-fractions", split = ",", paramLabel = "F", description = "Dataset fractions for the "
            + "growth epochs (default: 0.05,0.1,0.2)")
    List<Double> growthFractions = List.of(0.05, 0.1, 0.2);

    /** Set on the probe process of the worklist-memory figures: analyse the folder as the worklist does, exit. */
    @Option(names = "--worklist-probe", hidden = true, paramLabel = "DIR")
    Path worklistProbe;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchPlan plan = quick ? BenchPlan.QUICK : BenchPlan.FULL;
        EnumSet<Part> parts = EnumSet.allOf(Part.class);
        skip.forEach(parts::remove);
        if (data == null) {
            parts.remove(Part.epoch);
        }
        if (!startup) {
            parts.remove(Part.startup);
        }
        if (!window) {
            parts.remove(Part.window);
        }
        double fraction = epochFraction != null ? epochFraction : quick ? 0.02 : 1.0;
        NativeEngine.setThreads(threads);
        if (NativeEngine.threadsInForce()[0] != threads) {
            return relaunchWithThreads();
        }

        if (worklistProbe != null) {
            PneumoModel model = modelFile == null ? BundledModel.load() : ModelFile.load(modelFile);
            int kept = BatchBench.worklist(model, worklistProbe).size();
            spec.commandLine().getOut().println(kept);
            return 0;
        }

        BenchReport report = new BenchReport(NativeEngine.describe(layout), threads);
        SeedCnnBench seed = new SeedCnnBench(layout, plan);
        if (parts.contains(Part.train)) {
            LOG.info("timing seed CNN training ({} warm-up steps, {} rounds of {})", plan.trainWarmupSteps(),
                    plan.trainRounds(), plan.trainStepsPerRound());
            report.figure("train_images_per_s", seed.trainImagesPerSecond(), 1);
        }
        if (profileLayers) {
            LOG.info("profiling the seed CNN's training step layer by layer");
            report.extra("layer_profile_ms", seed.layerProfile());
        }
        if (parts.contains(Part.infer)) {
            LOG.info("timing one-image inference");
            report.figure("infer_ms_p50", seed.inferMillisP50(), 2);
            report.extra("infer_ms_p50_dl4j", BenchReport.rounded(seed.inferMillisP50Dl4j(), 2));
            report.extra("infer_path", seed.inferPath());
        }
        if (parts.contains(Part.decode) || parts.contains(Part.predict)) {
            try (SampleImages s = samples != null ? SampleImages.fromFolder(samples) : SampleImages.fromClasspath()) {
                List<Path> files = s.first(plan.sampleLimit());
                if (parts.contains(Part.decode)) {
                    LOG.info("timing decoding of {} sample images x{}", files.size(), plan.decodeRepeats());
                    report.figure("decode_ms_p50",
                            DecodeBench.decodeMillisP50(files, plan.decodeRepeats(), SeedCnnBench.SIZE), 2);
                }
                if (parts.contains(Part.predict)) {
                    PneumoModel model = modelFile == null ? BundledModel.load() : ModelFile.load(modelFile);
                    LOG.info("timing predict + Grad-CAM with '{}' on {} samples x{}", model.metadata().name(),
                            files.size(), plan.predictRepeats());
                    report.figure("predict_gradcam_ms_p50", PredictBench.predictGradCamMillisP50(model, files,
                            plan.predictWarmup(), plan.predictRepeats()), 2);
                    report.extra("model", model.metadata().name());
                }
            }
        }
        if (parts.contains(Part.batch) || growth) {
            BatchFigures.measure(this, report, parts.contains(Part.batch));
        }
        if (parts.contains(Part.epoch)) {
            LOG.info("timing one training epoch on {} (fraction {})", data, fraction);
            EpochBench.Result epoch = EpochBench.run(data, fraction);
            report.figure("epoch_s", epoch.seconds(), 1);
            report.figure("epoch_fraction", epoch.fraction(), 4);
            report.extra("epoch_train_images", epoch.trainImages());
            report.extra("epoch_val_images", epoch.valImages());
            report.extra("epoch_decode_s", BenchReport.rounded(epoch.decodeSeconds(), 1));
            report.extra("epoch_fit_s", BenchReport.rounded(epoch.fitSeconds(), 1));
        }
        if (parts.contains(Part.startup)) {
            LOG.info("timing window start ({} warm-up, {} timed)", plan.startupWarmup(), plan.startupRuns());
            StartupProbe.Outcome started = StartupBench.measure(StartupProbe.appCommand(), plan.startupWarmup(),
                    plan.startupRuns(), Duration.ofSeconds(startupTimeout));
            started.millis().ifPresent(ms -> report.figure("startup_ms", (double) ms, 0));
            if (started.problem() != null) {
                report.extra("startup_problem", started.problem());
            }
        }
        if (parts.contains(Part.window)) {
            measureWindowOpens(plan, report);
        }
        report.extra("nd4j_blas_threads", NativeEngine.threadsInForce());
        ProcessMemory.peakResidentKib().ifPresent(kib -> report.extra("peak_rss_mb", Math.round(kib / 1024.0)));
        report.extra("quick", quick);
        if (quick) {
            report.extra("note", "quick run: too few repetitions for results");
        }
        var out = spec.commandLine().getOut();
        out.println(report.toJson());
        out.flush();
        return 0;
    }

    private void measureWindowOpens(BenchPlan plan, BenchReport report) throws Exception {
        try (SampleImages s = samples != null ? SampleImages.fromFolder(samples) : SampleImages.fromClasspath()) {
            LOG.info("timing opens in the window (1 cold, {} warm-up, {} timed)", plan.windowWarmup(),
                    plan.windowRuns());
            Path dir = s.files().get(0).getParent();
            WindowOpenBench.Result r = WindowOpenBench.measure(dir, plan.windowWarmup(), plan.windowRuns(),
                    windowFirstPause, Duration.ofSeconds(startupTimeout + 60L * (1 + plan.windowWarmup() + plan.windowRuns())));
            report.figure("window_open_ms_cold", r.coldMs(), 1);
            report.figure("window_open_ms_p50", r.p50Ms(), 1);
            report.figure("window_open_ms_p95", r.p95Ms(), 1);
            report.extra("window_open_cold_after_ms", windowFirstPause);
            report.extra("window_open_timed", r.timed());
            if (r.problem() != null) {
                report.extra("window_open_problem", r.problem());
            }
        }
    }

    /**
     * libnd4j fixes its thread pool from {@code OMP_NUM_THREADS} while loading and ignores later requests, so a
     * thread count other than the one it loaded with needs a fresh JVM: the same command, with that variable set.
     */
    private int relaunchWithThreads() throws java.io.IOException, InterruptedException {
        if (Boolean.getBoolean(JavaCommand.CHILD_PROPERTY)) {
            throw new IllegalStateException("ND4J runs " + NativeEngine.threadsInForce()[0] + " threads although "
                    + "OMP_NUM_THREADS=" + System.getenv("OMP_NUM_THREADS") + " and --threads " + threads);
        }
        List<String> cmd = new java.util.ArrayList<>(JavaCommand.self(o -> true,
                List.of("-D" + JavaCommand.CHILD_PROPERTY + "=true")));
        cmd.addAll(spec.commandLine().getParseResult().originalArgs());
        LOG.info("ND4J loaded with {} threads; restarting the benchmark with OMP_NUM_THREADS={}",
                NativeEngine.threadsInForce()[0], threads);
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        return pb.start().waitFor();
    }
}
