package org.pneumolens.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.pneumolens.core.bench.BenchPlan;
import org.pneumolens.core.bench.DecodeBench;
import org.pneumolens.core.bench.EpochBench;
import org.pneumolens.core.bench.JavaCommand;
import org.pneumolens.core.bench.NativeEngine;
import org.pneumolens.core.bench.PredictBench;
import org.pneumolens.core.bench.ProcessMemory;
import org.pneumolens.core.bench.SampleImages;
import org.pneumolens.core.bench.SeedCnnBench;
import org.pneumolens.core.bench.StartupBench;
import org.pneumolens.core.bench.StartupProbe;
import org.pneumolens.core.bench.Stats;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Prints one JSON line with the keys of {@code ../shared/bench/torch_reference.py}, measured the same way, followed
 * by the app's own figures. Progress goes to the log (stderr); stdout carries only the JSON line.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmark the engine (same workload and keys as the PyTorch reference) "
        + "and the app's own latencies; prints one JSON line.")
final class BenchCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(BenchCommand.class);

    enum Part { train, infer, decode, predict, epoch, startup }

    @Option(names = "--quick", description = "Few repetitions: checks the harness, figures are NOT results")
    boolean quick;

    @Option(names = "--threads", description = "Threads for ND4J/OpenMP and BLAS (default: all cores, like the "
            + "reference's os.cpu_count())")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--layout", description = "Tensor layout of the seed CNN: ${COMPLETION-CANDIDATES} "
            + "(default: ${DEFAULT-VALUE})")
    CNN2DFormat layout = CNN2DFormat.NHWC;

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
            + "$DISPLAY or a private Xvfb (needs the app to call StartupReporter)")
    boolean startup;

    @Option(names = "--startup-timeout", paramLabel = "S", description = "Seconds to wait for one start "
            + "(default: ${DEFAULT-VALUE})")
    int startupTimeout = 90;

    @Option(names = "--skip", split = ",", paramLabel = "PART", description = "Parts to leave out (their keys are "
            + "null): ${COMPLETION-CANDIDATES}")
    List<Part> skip = List.of();

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Spec
    CommandSpec spec;

    private String modelName;

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
        double fraction = epochFraction != null ? epochFraction : quick ? 0.02 : 1.0;
        NativeEngine.setThreads(threads);
        if (NativeEngine.threadsInForce()[0] != threads) {
            return relaunchWithThreads();
        }

        JsonObject o = new JsonObject();
        o.addProperty("engine", NativeEngine.describe(layout));
        o.addProperty("threads", threads);
        o.addProperty("workload", SeedCnnBench.WORKLOAD);
        SeedCnnBench seed = new SeedCnnBench(layout, plan);
        put(o, "train_images_per_s", parts.contains(Part.train), 1, () -> {
            LOG.info("timing seed CNN training ({} warm-up steps, {} rounds of {})", plan.trainWarmupSteps(),
                    plan.trainRounds(), plan.trainStepsPerRound());
            return seed.trainImagesPerSecond();
        });
        put(o, "infer_ms_p50", parts.contains(Part.infer), 2, () -> {
            LOG.info("timing one-image inference");
            return seed.inferMillisP50();
        });
        try (SampleImages s = samples != null ? SampleImages.fromFolder(samples) : SampleImages.fromClasspath()) {
            List<Path> files = s.first(plan.sampleLimit());
            put(o, "decode_ms_p50", parts.contains(Part.decode), 2, () -> {
                LOG.info("timing decoding of {} sample images x{}", files.size(), plan.decodeRepeats());
                return DecodeBench.decodeMillisP50(files, plan.decodeRepeats(), SeedCnnBench.SIZE);
            });
            put(o, "predict_gradcam_ms_p50", parts.contains(Part.predict), 2, () -> {
                PneumoModel model = modelOption.load();
                LOG.info("timing predict + Grad-CAM with '{}' on {} samples x{}", model.metadata().name(),
                        files.size(), plan.predictRepeats());
                modelName = model.metadata().name();
                return PredictBench.predictGradCamMillisP50(model, files, plan.predictWarmup(), plan.predictRepeats());
            });
        }
        EpochBench.Result epoch = null;
        if (parts.contains(Part.epoch)) {
            LOG.info("timing one training epoch on {} (fraction {})", data, fraction);
            epoch = EpochBench.run(data, fraction);
        }
        o.add("epoch_s", epoch == null ? JsonNull.INSTANCE : num(epoch.seconds(), 1));
        o.add("epoch_fraction", epoch == null ? JsonNull.INSTANCE : num(epoch.fraction(), 4));
        StartupProbe.Outcome started = null;
        if (parts.contains(Part.startup)) {
            LOG.info("timing window start ({} warm-up, {} timed)", plan.startupWarmup(), plan.startupRuns());
            started = StartupBench.measure(StartupProbe.appCommand(), plan.startupWarmup(), plan.startupRuns(),
                    Duration.ofSeconds(startupTimeout));
        }
        o.add("startup_ms", started == null || started.millis().isEmpty() ? JsonNull.INSTANCE
                : num(started.millis().getAsLong(), 0));
        extras(o, plan, epoch, started);
        var out = spec.commandLine().getOut();
        out.println(new GsonBuilder().serializeNulls().serializeSpecialFloatingPointValues().disableHtmlEscaping().create().toJson(o));
        out.flush();
        return 0;
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

    /** Keys beyond the reference's: what the lead needs to read the figures right. */
    private void extras(JsonObject o, BenchPlan plan, EpochBench.Result epoch, StartupProbe.Outcome started) {
        if (epoch != null) {
            o.addProperty("epoch_train_images", epoch.trainImages());
            o.addProperty("epoch_val_images", epoch.valImages());
            o.add("epoch_decode_s", num(epoch.decodeSeconds(), 1));
            o.add("epoch_fit_s", num(epoch.fitSeconds(), 1));
        }
        if (modelName != null) {
            o.addProperty("model", modelName);
        }
        if (started != null && started.problem() != null) {
            o.addProperty("startup_problem", started.problem());
        }
        JsonArray inForce = new JsonArray();
        for (int t : NativeEngine.threadsInForce()) {
            inForce.add(t);
        }
        o.add("nd4j_blas_threads", inForce);
        ProcessMemory.peakResidentKib().ifPresent(kib -> o.addProperty("peak_rss_mb", Math.round(kib / 1024.0)));
        o.addProperty("quick", quick);
        if (plan != BenchPlan.FULL) {
            o.addProperty("note", "quick run: too few repetitions for results");
        }
    }

    private interface Measure {
        double run() throws Exception;
    }

    private static void put(JsonObject o, String key, boolean enabled, int digits, Measure m) throws Exception {
        o.add(key, enabled ? num(m.run(), digits) : JsonNull.INSTANCE);
    }

    private static com.google.gson.JsonElement num(double v, int digits) {
        if (Double.isNaN(v)) {
            return JsonNull.INSTANCE;
        }
        double r = Stats.round(v, digits);
        return digits == 0 ? new com.google.gson.JsonPrimitive(Math.round(r)) : new com.google.gson.JsonPrimitive(r);
    }
}
