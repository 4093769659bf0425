package org.pneumolens.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.check.CheckCounts;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.ModelEvaluator;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "evaluate", description = "Score a model on a labelled folder (one subfolder per class).")
final class EvaluateCommand implements Callable<Integer> {
    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "Folder with class subfolders")
    Path data;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--json", description = "Print one JSON object with the figures")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PneumoModel model = modelOption.load();
        ImageSet set = DatasetScanner.scan(data);
        var err = spec.commandLine().getErr();
        ModelEvaluator.Report report = ModelEvaluator.evaluate(model, set, () -> false, done -> { });
        report.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path().toString()) + ": "
                + ImageLimits.printable(s.reason())));
        Evaluation e = report.evaluation();
        int flagged = CheckCounts.refused(model, Screening.scan(model, set.images(), () -> false, done -> { }));
        var out = spec.commandLine().getOut();
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("n", e.n());
            figure(o, "accuracy", e.accuracy());
            figure(o, "sensitivity", e.sensitivity());
            figure(o, "specificity", e.specificity());
            figure(o, "balancedAccuracy", e.balancedAccuracy());
            figure(o, "auc", e.auc());
            figure(o, "ece", e.ece()); // of the calibrated probabilities, as shown
            figure(o, "eceCrossFit", report.eceCrossFit()); // mean over the halvings
            if (report.crossFitSpread() != null) {
                JsonArray spread = new JsonArray();
                spread.add(report.crossFitSpread().p10());
                spread.add(report.crossFitSpread().p90());
                o.add("eceCrossFitP10P90", spread);
                o.addProperty("eceCrossFitSplits", report.crossFitSpread().splits());
            }
            figure(o, "eceRaw", report.eceRaw());
            o.addProperty("eceBins", BinaryMetrics.ECE_BINS);
            o.addProperty("calibration", model.calibration().method());
            o.addProperty("borderline", report.borderline());
            Calibration.Band band = model.calibration().band();
            if (band != null) {
                JsonArray b = new JsonArray();
                b.add(band.low());
                b.add(band.high());
                o.add("band", b);
            } else {
                o.add("band", com.google.gson.JsonNull.INSTANCE);
            }
            figure(o, "threshold", e.threshold());
            JsonArray confusion = new JsonArray();
            for (int[] row : e.confusion()) {
                JsonArray r = new JsonArray();
                for (int v : row) r.add(v);
                confusion.add(r);
            }
            o.add("confusion", confusion);
            o.addProperty("positiveClass", report.positiveClass());
            o.addProperty("model", model.metadata().name());
            o.addProperty("skipped", report.skipped().size());
            o.addProperty("flagged", flagged); // refused by the input check; the metrics above still cover them
            out.println(Json.compact(o));
        } else {
            int[][] c = e.confusion();
            out.printf(Locale.ROOT, "model: %s%nimages: %d (positive class %s, threshold %.4f)%n", model.metadata().name(),
                    e.n(), report.positiveClass(), e.threshold());
            out.printf(Locale.ROOT, "accuracy %.4f  sensitivity %.4f  specificity %.4f  AUC %.4f%n",
                    e.accuracy(), e.sensitivity(), e.specificity(), e.auc());
            out.printf(Locale.ROOT, "calibration %s; ECE (%d bins) %.4f calibrated, %.4f cross-fitted on patient-disjoint "
                    + "halves%s, %.4f uncalibrated%n", model.calibration().method(), BinaryMetrics.ECE_BINS, e.ece(),
                    report.eceCrossFit(), spread(report.crossFitSpread()), report.eceRaw());
            Calibration.Band band = model.calibration().band();
            out.println(band == null ? "borderline band: none (model made before calibration)"
                    : String.format(Locale.ROOT, "borderline band %.4f to %.4f: %d of %d images inside", band.low(),
                    band.high(), report.borderline(), e.n()));
            out.printf(Locale.ROOT, "confusion [[tn fp] [fn tp]]: [[%d %d] [%d %d]]%n", c[0][0], c[0][1], c[1][0], c[1][1]);
            out.printf("flagged by the input check: %d (included in the figures above)%n", flagged);
        }
        if (out.checkError()) {
            err.println("error: the figures could not be written to standard output (closed, or disk full)");
            return ExitCodes.BAD_INPUT;
        }
        return 0;
    }

    /** A figure, or JSON null where it is undefined (sensitivity without positives, AUC with one class). */
    private static void figure(JsonObject o, String key, double v) {
        if (Double.isFinite(v)) {
            o.addProperty(key, v);
        } else {
            o.add(key, com.google.gson.JsonNull.INSTANCE);
        }
    }

    /** " (mean of N halvings, 10th-90th percentile a-b)", or nothing when there were too few images. */
    static String spread(Calibration.CrossFitSpread s) {
        return s == null ? "" : String.format(Locale.ROOT, " (mean of %d halvings, 10th-90th percentile %.4f-%.4f)",
                s.splits(), s.p10(), s.p90());
    }
}
