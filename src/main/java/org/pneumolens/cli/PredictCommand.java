package org.pneumolens.cli;

import com.google.gson.JsonObject;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchInputs;
import org.pneumolens.core.batch.BatchProgress;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.calibration.ProbabilityDisplay;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.core.io.OutputTarget;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import org.pneumolens.core.report.CsvExport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Classifies image files and folders (walked recursively; files in them that are not images are skipped with a
 * note). Every file gets one line: its prediction on stdout, or why it could not be judged on stderr; whatever one
 * file does (a decoder error, out of memory, NaN outputs), the batch goes on to the next. Files are decoded in
 * parallel with batched inference ({@link BatchAnalyser}); lines come in the order given.
 */
@Command(name = "predict", description = "Classify chest X-ray images (NORMAL / PNEUMONIA).")
final class PredictCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "PNG, JPEG, BMP, GIF or DICOM files, or "
            + "folders of them (searched recursively)")
    List<Path> images;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = "--json", description = "One JSON object per line: file, probabilities (calibrated), label, "
            + "borderline, calibration, inputCheck, source")
    boolean json;

    @Option(names = "--show-phi", description = "With --json or --csv: include patient identifiers from DICOM headers")
    boolean showPhi;

    @Option(names = "--csv", paramLabel = "FILE", description = "Also write one CSV row per file (RFC 4180)")
    Path csv;

    @Option(names = "--overwrite", description = "Replace an existing file at --csv")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    /** The loaded model's calibration method, printed on every JSON line. */
    private String calibration;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path csvTarget = csv == null ? null : OutputTarget.check(csv.toString(), overwrite, List.of());
        PneumoModel model = modelOption.load();
        calibration = model.calibration().method();
        BatchInputs.Expanded in = BatchInputs.expand(images);
        in.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path() + ": " + s.reason())));
        int[] bad = new int[2]; // unreadable, internal
        if (csvTarget == null) {
            analyse(model, in, out, err, bad, null);
        } else {
            // Rows go to the temporary file as they come (nothing kept per file); it replaces the target at the end.
            int[] rows = {0};
            AtomicFiles.write(csvTarget, o -> {
                CsvExport.Rows csvRows = CsvExport.rows(o, model.classes(), showPhi);
                try {
                    analyse(model, in, out, err, bad, csvRows);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                } catch (UncheckedIOException e) {
                    throw e.getCause();
                }
                csvRows.flush();
                rows[0] = csvRows.count();
            });
            err.println("wrote " + ImageLimits.printable(csvTarget.toString()) + " (" + rows[0] + " rows)");
        }
        if (out.checkError()) {
            err.println("error: the predictions could not be written to standard output (closed, or disk full)");
            return ExitCodes.BAD_INPUT;
        }
        int total = in.files().size();
        if (bad[0] + bad[1] > 0) {
            err.printf(Locale.ROOT, "predicted %d of %d files; %d could not be read%n", total - bad[0] - bad[1], total,
                    bad[0] + bad[1]);
        }
        return bad[1] > 0 ? ExitCodes.INTERNAL : bad[0] > 0 ? ExitCodes.BAD_INPUT : 0;
    }

    /** Runs the batch, printing each file's line as it comes (and its CSV row when {@code csv} is given). */
    private void analyse(PneumoModel model, BatchInputs.Expanded in, PrintWriter out, PrintWriter err, int[] bad,
                         CsvExport.Rows csv) throws InterruptedException {
        TerminalProgress bar = TerminalProgress.forConsole(err);
        new BatchAnalyser(model, BatchAnalyser.Options.defaults()).run(in.files(), () -> false,
                new BatchAnalyser.Listener() {
                    @Override
                    public void result(ImageResult r) {
                        bar.clear();
                        switch (r.outcome()) {
                            case DONE -> print(out, r);
                            case FAILED -> bad[0]++;
                            case INTERNAL_ERROR -> bad[1]++;
                            default -> throw new IllegalStateException();
                        }
                        if (r.outcome() != ImageResult.Outcome.DONE) {
                            err.println("error: " + r.error());
                            err.flush();
                        }
                        if (csv != null) {
                            try {
                                csv.add(r);
                            } catch (java.io.IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        }
                        bar.redraw();
                    }

                    @Override
                    public void progress(BatchProgress p) {
                        bar.update(p);
                    }
                });
        bar.finish();
    }

    private void print(PrintWriter out, ImageResult r) {
        Prediction p = r.prediction();
        CheckResult check = r.check();
        String shown = ImageLimits.printable(r.file().toString());
        if (json) {
            JsonObject o = new JsonObject();
            o.addProperty("file", r.file().toString());
            JsonObject probs = new JsonObject();
            p.asMap().forEach((k, v) -> probs.addProperty(k, round(v)));
            o.add("probabilities", probs);
            o.addProperty("label", check.ok() ? p.label() : null); // a refused image gets no label
            o.addProperty("borderline", check.ok() && p.borderline());
            o.addProperty("calibration", calibration);
            o.add("inputCheck", check.toJson());
            o.add("source", SourceJson.describe(r.source(), showPhi));
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
