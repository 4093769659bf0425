package org.pneumolens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.calibration.Calibrator;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.OutputTarget;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.ModelCalibrator;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Calibrates an existing model on a validation folder; the network and input check are kept as they are. */
@Command(name = "calibrate", description = "Fit a model's calibration, operating point and borderline band on a "
        + "validation folder and save the model with them (the network weights are not changed).")
final class CalibrateCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--val", required = true, paramLabel = "DIR", description = "Validation folder (class subfolders)")
    Path val;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the model")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing file at --out")
    boolean overwrite;

    @Option(names = "--method", paramLabel = "METHOD", description = "auto (lowest cross-fitted NLL), identity, "
            + "temperature or platt (default: ${DEFAULT-VALUE})")
    String method = "auto";

    @Option(names = "--seed", paramLabel = "N", description = "Seed of the patient-disjoint halvings and the bootstrap "
            + "of the borderline band; a trained model's own training seed reproduces its band (default: "
            + "${DEFAULT-VALUE})")
    long seed = ModelCalibrator.SEED;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        String chosen = "auto".equals(method) ? null : method;
        if (chosen != null && !Calibrator.METHODS.contains(chosen)) {
            throw new IllegalArgumentException("--method must be auto, identity, temperature or platt, was " + method);
        }
        Path target = OutputTarget.check(out.toString(), overwrite, TrainCommand.ownFiles());
        PneumoModel model = modelOption.load();
        var set = DatasetScanner.scan(val);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("calibrating %s on %d images of %s%n", model.metadata().name(), set.size(),
                ImageLimits.printable(String.valueOf(val.getFileName())));
        o.flush();
        calibrateAndSave(model, set, chosen, seed, target, o, err);
        return 0;
    }

    /** Calibrates {@code model} on {@code set}, prints the skipped files and what was fitted, saves it to target. */
    static void calibrateAndSave(PneumoModel model, ImageSet set, String method, long seed, Path target,
                                 PrintWriter o, PrintWriter err) throws Exception {
        ModelCalibrator.Outcome r = ModelCalibrator.calibrate(model, set, method, seed, () -> false, done -> { });
        r.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path() + ": " + s.reason())));
        print(o, r.model().calibration(), r.evaluation(), r.model().metadata().positiveClass());
        ModelFile.save(r.model(), target);
        o.printf("saved %s%n", ImageLimits.printable(target.toString()));
    }

    static void print(PrintWriter o, Calibration c, Evaluation e, String positive) {
        Calibration.Figures f = c.figures();
        o.printf(Locale.ROOT, "calibration: %s (slope %.4f, intercept %.4f)%n", c.method(), c.slope(), c.intercept());
        for (Calibration.Candidate k : c.candidates()) {
            o.printf(Locale.ROOT, "  %-11s cross-fitted NLL %.4f  ECE %.4f%n", k.method(), k.nllCrossFit(),
                    k.eceCrossFit());
        }
        o.printf(Locale.ROOT, "ECE (%d bins): uncalibrated %.4f, calibrated in-sample %.4f, cross-fitted %.4f%s%n",
                f.bins(), f.eceRaw(), f.eceInSample(), f.eceCrossFit(), EvaluateCommand.spread(f.crossFitSpread()));
        if (f.eceFloor() != null) {
            o.printf(Locale.ROOT, "ECE floor: a perfectly calibrated model with these probabilities shows %.4f on %d "
                    + "images (10th-90th percentile %.4f-%.4f over %d label draws)%n", f.eceFloor().mean(), f.n(),
                    f.eceFloor().p10(), f.eceFloor().p90(), f.eceFloor().draws());
        }
        o.printf(Locale.ROOT, "NLL: uncalibrated %.4f, calibrated in-sample %.4f, cross-fitted %.4f%n", f.nllRaw(),
                f.nllInSample(), f.nllCrossFit());
        o.printf(Locale.ROOT, "operating point: P(%s) >= %.4f; borderline band %.4f to %.4f (%d bootstrap resamples "
                        + "of patients, %.0fth-%.0fth percentile, at least +-%.2f)%n", positive, e.threshold(),
                c.band().low(), c.band().high(), c.band().resamples(), c.band().lowPercentile(),
                c.band().highPercentile(), c.band().minHalfWidth());
        o.printf(Locale.ROOT, "val (n=%d): AUC %.4f accuracy %.4f sensitivity %.4f specificity %.4f%n", e.n(), e.auc(),
                e.accuracy(), e.sensitivity(), e.specificity());
    }
}
