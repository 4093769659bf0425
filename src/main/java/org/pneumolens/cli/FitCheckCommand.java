package org.pneumolens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.check.CheckCounts;
import org.pneumolens.core.check.InputCheck;
import org.pneumolens.core.check.InputCheckFitter;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Adds or refits the input check of an existing model without retraining it (the weights are not changed). */
@Command(name = "fit-check", description = "Fit a model's input check on training images (threshold on validation "
        + "images) and save the model with it.")
final class FitCheckCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR", description = "Training folder (class subfolders)")
    Path data;

    @Option(names = "--val", required = true, paramLabel = "DIR", description = "Validation folder (class subfolders)")
    Path val;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the model")
    Path out;

    @Option(names = "--quantile", description = "Validation quantile of the threshold (default: ${DEFAULT-VALUE})")
    double quantile = InputCheckFitter.DEFAULT_QUANTILE;

    @Option(names = "--method", description = "Learned score: combined, features or pixels (default: ${DEFAULT-VALUE})")
    String method = InputCheck.COMBINED;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (!(quantile > 0.5 && quantile <= 1)) {
            throw new IllegalArgumentException("--quantile must be in (0.5, 1], was " + quantile);
        }
        PneumoModel model = modelOption.load();
        ImageSet train = DatasetScanner.scan(data);
        ImageSet valSet = DatasetScanner.scan(val);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("fitting the input check of %s on %d training images, threshold on %d validation images%n",
                model.metadata().name(), train.size(), valSet.size());
        o.flush();
        Screening.Scan t = Screening.scan(model, train.images(), () -> false, done -> { });
        Screening.Scan v = Screening.scan(model, valSet.images(), () -> false, done -> { });
        t.failed().forEach(s -> err.println("skipped " + s.path() + ": " + s.reason()));
        v.failed().forEach(s -> err.println("skipped " + s.path() + ": " + s.reason()));
        InputCheck check = InputCheckFitter.fit(t.samples(), v.samples(), method, quantile);
        PneumoModel checked = model.withInputCheck(check);
        o.printf(Locale.ROOT, "threshold %.3f (%s score, validation quantile %.3f)%n", check.threshold(), method, quantile);
        o.println("train refused: " + CheckCounts.line(checked, t, train.classes()));
        o.println("val refused:   " + CheckCounts.line(checked, v, valSet.classes()));
        ModelFile.save(checked, out);
        o.printf("saved %s%n", out.toAbsolutePath());
        return 0;
    }
}
