package org.pneumolens.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** Classifies image files; a bad file is reported on stderr and the others are still classified. */
@Command(name = "predict", description = "Classify chest X-ray images (NORMAL / PNEUMONIA).")
final class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG, JPEG, BMP or GIF files")
    List<Path> images;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--json", description = "One JSON object per line: file, probabilities, label")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PneumoModel model = modelOption.load();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int failures = 0;
        for (Path file : images) {
            Screening.Screened screened;
            try {
                screened = Screening.predict(model, file); // one forward pass: prediction and input check
            } catch (ImageDecodeException e) {
                err.println("error: " + e.getMessage());
                failures++;
                continue;
            }
            Prediction p = screened.prediction();
            CheckResult check = screened.check();
            if (json) {
                JsonObject o = new JsonObject();
                o.addProperty("file", file.toString());
                JsonObject probs = new JsonObject();
                p.asMap().forEach((k, v) -> probs.addProperty(k, round(v)));
                o.add("probabilities", probs);
                o.addProperty("label", check.ok() ? p.label() : null); // a refused image gets no label
                o.add("inputCheck", check.toJson());
                out.println(Json.compact(o));
            } else if (!check.ok()) {
                StringBuilder sb = new StringBuilder(file.toString()).append(": not judged: ").append(check.mainReason());
                p.asMap().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  [%s %.1f%%]", k, 100 * v)));
                out.println(sb);
            } else {
                StringBuilder sb = new StringBuilder(file.toString()).append(": ").append(p.label()).append("  (");
                p.asMap().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "%s %.1f%%, ", k, 100 * v)));
                sb.setLength(sb.length() - 2);
                sb.append(String.format(Locale.ROOT, "; threshold %.3f on %s)", p.threshold(), p.positiveClass()));
                out.println(sb);
            }
            out.flush();
        }
        return failures == 0 ? 0 : ExitCodes.BAD_INPUT;
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
