package org.pneumolens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchInputs;
import org.pneumolens.core.batch.BatchProgress;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.core.io.OutputTarget;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.report.Display;
import org.pneumolens.core.report.PdfReport;
import org.pneumolens.core.report.ReportImages;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * A PDF report for files and folders: a summary table (every file and its verdict), then one page per analysed
 * image with its Grad-CAM overlay. Files that cannot be read are listed with the reason; the exit code is that of
 * {@code predict} for the same files.
 */
@Command(name = "report", description = "Write a PDF report: a summary table and one page per image.")
final class ReportCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "IMAGE|DIR", description = "Image files or folders (searched recursively)")
    List<Path> images;

    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "The PDF to write")
    Path out;

    @Option(names = "--overwrite", description = "Replace an existing file at --out")
    boolean overwrite;

    @Option(names = "--show-phi", description = "Include patient identifiers from DICOM headers")
    boolean showPhi;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        Path target = OutputTarget.check(out.toString(), overwrite, List.of());
        PneumoModel model = modelOption.load();
        BatchInputs.Expanded in = BatchInputs.expand(images);
        in.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path() + ": " + s.reason())));
        List<ImageResult> results = new ArrayList<>();
        TerminalProgress bar = TerminalProgress.forConsole(err);
        BatchAnalyser.Summary summary = new BatchAnalyser(model, BatchAnalyser.Options.defaults()).run(in.files(),
                () -> false, new BatchAnalyser.Listener() {
                    @Override
                    public void result(ImageResult r) {
                        results.add(r);
                        if (r.outcome() != ImageResult.Outcome.DONE) {
                            bar.clear();
                            err.println("error: " + r.error());
                            bar.redraw();
                        }
                    }

                    @Override
                    public void progress(BatchProgress p) {
                        bar.update(p);
                    }
                });
        bar.finish();
        Display display = Display.standard();
        PdfReport.Options options = new PdfReport.Options(showPhi, ZonedDateTime.now());
        AtomicFiles.write(target, o -> PdfReport.batch(o, model.metadata(), results,
                r -> ReportImages.load(model, r.file(), display), options));
        err.println("wrote " + ImageLimits.printable(target.toString()) + " (" + summary.done() + " of "
                + summary.total() + " images)");
        return summary.internalErrors() > 0 ? ExitCodes.INTERNAL : summary.failed() > 0 ? ExitCodes.BAD_INPUT : 0;
    }
}
