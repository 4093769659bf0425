package org.pneumolens.cli;

import com.google.gson.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.calibration.ProbabilityDisplay;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.model.ModelOutputException;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Classifies image files. Every file gets one line: its prediction on stdout, or why it could not be judged on
 * stderr; whatever one file does (a decoder error, out of memory, NaN outputs), the batch goes on to the next.
 */
@Command(name = "predict", description = "Classify chest X-ray images (NORMAL / PNEUMONIA).")
final class PredictCommand implements Callable<Integer> {
    private static final Logger LOG = LoggerFactory.getLogger(PredictCommand.class);

    @Parameters(arity = "1..*", paramLabel = "IMAGE", description = "PNG, JPEG, BMP, GIF or DICOM files")
    List<Path> images;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--json", description = "One JSON object per line: file, probabilities (calibrated), label, "
            + "borderline, calibration, inputCheck, source")
    boolean json;

    @Option(names = "--show-phi", description = "With --json: include patient identifiers from DICOM headers")
    boolean showPhi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PneumoModel model = modelOption.load();
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        int unreadable = 0;
        int internal = 0;
        for (Path file : images) {
            String shown = ImageLimits.printable(file.toString());
            Screening.ScreenedFile screened;
            try {
                screened = Screening.predict(model, file); // one decode, one forward pass: prediction and check
            } catch (ImageDecodeException e) {
                err.println("error: " + ImageLimits.printable(e.getMessage()));
                err.flush();
                unreadable++;
                continue;
            } catch (ModelOutputException e) {
                err.println("error: " + shown + ": " + e.getMessage());
                err.flush();
                unreadable++;
                continue;
            } catch (OutOfMemoryError e) {
                // Recoverable here: what the failed decode or forward pass allocated is garbage now.
                err.println("error: " + shown + ": not enough memory to read this image");
                err.flush();
                unreadable++;
                continue;
            } catch (Throwable e) { // one bad file never ends the batch; a bug in a library is still a bug
                if (e instanceof VirtualMachineError && !(e instanceof StackOverflowError)) {
                    throw e;
                }
                LOG.error("unexpected failure on {}", shown, e);
                err.println("error: " + shown + ": unexpected failure (" + ImageLimits.printable(e.toString()) + ")");
                err.flush();
                internal++;
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
                o.addProperty("borderline", check.ok() && p.borderline());
                o.addProperty("calibration", model.calibration().method());
                o.add("inputCheck", check.toJson());
                o.add("source", SourceJson.describe(file, screened.image(), showPhi));
                out.println(Json.compact(o));
            } else if (!check.ok()) {
                StringBuilder sb = new StringBuilder(shown).append(": not judged: ").append(check.mainReason());
                p.asMap().forEach((k, v) -> sb.append(String.format(Locale.ROOT, "  [%s %s]", k,
                        ProbabilityDisplay.percent(v))));
                out.println(sb);
            } else {
                out.println(shown + ": " + text(p));
            }
            out.flush();
        }
        if (out.checkError()) {
            err.println("error: the predictions could not be written to standard output (closed, or disk full)");
            return ExitCodes.BAD_INPUT;
        }
        if (unreadable + internal > 0) {
            err.printf(Locale.ROOT, "predicted %d of %d files; %d could not be read%n",
                    images.size() - unreadable - internal, images.size(), unreadable + internal);
        }
        return internal > 0 ? ExitCodes.INTERNAL : unreadable > 0 ? ExitCodes.BAD_INPUT : 0;
    }

    /**
     * "PNEUMONIA  (NORMAL 0.5 %, PNEUMONIA 99.5 %; P(PNEUMONIA) 99.5 % >= 78.0 % operating point)"; inside the
     * borderline band "Borderline: review" with both probabilities, the band and what the threshold alone says.
     */
    static String text(Prediction p) {
        ProbabilityDisplay.Comparison c = ProbabilityDisplay.compare(p.positiveProbability(), p.threshold());
        StringBuilder sb = new StringBuilder(p.borderline() ? "Borderline: review" : p.label()).append("  (");
        p.asMap().forEach((k, v) -> sb.append(k).append(' ').append(ProbabilityDisplay.percent(v, c.decimals()))
                .append(", "));
        sb.setLength(sb.length() - 2);
        sb.append("; P(").append(p.positiveClass()).append(") ").append(c.text().replace("\u2265", ">="));
        if (p.borderline()) {
            sb.append(", borderline band ").append(ProbabilityDisplay.percent(p.band().low())).append(" to ")
                    .append(ProbabilityDisplay.percent(p.band().high())).append("; the threshold alone says ")
                    .append(p.label());
        }
        return sb.append(')').toString();
    }

    private static double round(double v) {
        return Math.round(v * 1e6) / 1e6;
    }
}
