package org.pneumolens.cli;

import java.io.PrintWriter;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.pneumolens.core.check.CheckCounts;
import org.pneumolens.core.check.DatasetCheck;
import org.pneumolens.core.check.InputCheckFitter;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.OutputTarget;
import org.pneumolens.core.data.PatientSplit;
import org.pneumolens.core.model.Architectures;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.Trainer;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;
import org.pneumolens.core.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "train", description = "Train a new model on a dataset folder and save it.")
final class TrainCommand implements Callable<Integer> {
    private static final TrainingConfig D = TrainingConfig.DEFAULTS;

    @Option(names = {"-d", "--data"}, required = true, paramLabel = "DIR",
            description = "Folder with class subfolders, or with train/ and val/ of that shape")
    Path data;

    @Option(names = "--val", paramLabel = "DIR", description = "Validation folder (default: val/ beside train/, "
            + "else a patient-wise split of the training images)")
    Path val;

    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE})")
    int epochs = D.epochs();

    @Option(names = "--batch", description = "Batch size (default: ${DEFAULT-VALUE})")
    int batch = D.batchSize();

    @Option(names = "--lr", description = "Adam learning rate, decayed by a cosine (default: ${DEFAULT-VALUE})")
    double lr = D.learningRate();

    @Option(names = "--size", description = "Input size in pixels (default: ${DEFAULT-VALUE})")
    int size = D.inputSize();

    @Option(names = "--patience", description = "Early-stopping patience in epochs, 0 = off (default: ${DEFAULT-VALUE})")
    int patience = D.patience();

    @Option(names = "--no-augment", description = "Turn data augmentation off")
    boolean noAugment;

    @Option(names = "--no-class-weights", description = "Do not weight the loss against class imbalance")
    boolean noClassWeights;

    @Option(names = "--seed", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed = D.seed();

    @Option(names = "--label-smoothing", paramLabel = "EPS", description = "Spread this share of each training label "
            + "over the classes, 0 = off (default: ${DEFAULT-VALUE})")
    double labelSmoothing = D.labelSmoothing();

    @Option(names = "--width", description = "Channel multiplier of the network's convolutions, "
            + Architectures.MIN_WIDTH + "-" + Architectures.MAX_WIDTH + " (default: ${DEFAULT-VALUE})")
    double width = D.width();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Where to save the model (default: ${DEFAULT-VALUE}); "
            + "checked before training starts")
    Path out = Path.of("pneumolens-model.zip");

    @Option(names = "--overwrite", description = "Replace an existing file at --out")
    boolean overwrite;

    @Option(names = "--drop-flagged", description = "Leave out images the bundled model's input check refuses")
    boolean dropFlagged;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        TrainingConfig config = new TrainingConfig(epochs, batch, lr, size, !noAugment, !noClassWeights, patience,
                D.valFraction(), seed, labelSmoothing, width);
        // The target is checked now, not after an hour of training. Until the run ends, each improvement goes to
        // a checkpoint beside it, so a killed run never replaces a good model at --out with an early epoch.
        Path target = OutputTarget.check(out.toString(), overwrite, ownFiles());
        Path checkpoint = target.resolveSibling(target.getFileName() + ".checkpoint");
        Dataset dataset = DatasetScanner.scanDataset(data);
        ImageSet train = dataset.train();
        ImageSet valSet = val != null ? DatasetScanner.scan(val) : dataset.val();
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("train: %s %s%n", train.root(), train.counts());
        o.printf("val:   %s%n", valSet == null ? "patient-wise split of train" : valSet.root() + " " + valSet.counts());
        train.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path() + ": " + s.reason())));
        if (valSet != null) {
            valSet.skipped().forEach(s -> err.println("skipped " + ImageLimits.printable(s.path() + ": " + s.reason())));
        }
        PneumoModel checker = BundledModel.load(); // its input check screens the dataset before training
        if (checker.inputCheck().isPresent()) {
            DatasetCheck tc = DatasetCheck.screen(checker, train, () -> false, done -> { });
            o.printf("input check (bundled model): train refused %d %s%s%n", tc.refused(), tc.refusedPerClass(),
                    dropFlagged ? ", left out" : " (--drop-flagged leaves them out)");
            tc.examples().forEach(x -> o.println("  refused " + x));
            train = dropFlagged ? tc.kept() : train;
            if (valSet != null) {
                DatasetCheck vc = DatasetCheck.screen(checker, valSet, () -> false, done -> { });
                o.printf("input check (bundled model): val refused %d %s%s%n", vc.refused(), vc.refusedPerClass(),
                        dropFlagged ? ", left out" : "");
                valSet = dropFlagged ? vc.kept() : valSet;
            }
        }
        o.printf(Locale.ROOT, "config: %s%n", config);
        o.flush();
        boolean terminal = System.console() != null;
        TrainingProgress progress = new TrainingProgress() {
            @Override
            public void message(String text) {
                // Files that fail to decode are reported beside those the scan skipped: on stderr.
                PrintWriter to = text.startsWith("skipped ") ? err : o;
                to.println(ImageLimits.printable(text));
                to.flush();
            }

            @Override
            public void batch(int epoch, int done, int total) {
                if (terminal && epoch > 0) {
                    int width = 30;
                    int filled = width * done / total;
                    err.printf("\repoch %d [%s%s] %d/%d", epoch, "#".repeat(filled), " ".repeat(width - filled), done, total);
                    if (done == total) err.print("\r" + " ".repeat(60) + "\r");
                    err.flush();
                }
            }

            @Override
            public void epoch(EpochResult r) {
                o.println(r.line());
                o.flush();
            }

            @Override
            public void improved(Trainer.Checkpoint best) {
                try {
                    // Checkpoint: a long run interrupted later still leaves its best model on disk.
                    PneumoModel model = best.result().model();
                    ModelFile.save(model.network(), model.metadata(), checkpoint);
                } catch (java.io.IOException e) {
                    err.println("warning: could not write checkpoint " + checkpoint + ": " + e.getMessage());
                }
            }
        };
        TrainingResult result = new Trainer(config, progress, () -> false).train(train, valSet);
        // The new model's own input check: fitted on the training images, threshold on validation (Trainer's split
        // when there is no val folder: same fraction and seed).
        PatientSplit.Split fitSets = valSet != null ? new PatientSplit.Split(train, valSet)
                : PatientSplit.split(train, config.valFraction(), config.seed());
        o.println("fitting the input check...");
        o.flush();
        InputCheckFitter.Fit fit = InputCheckFitter.fit(result.model(), fitSets.train(), fitSets.val(), () -> false,
                done -> { });
        PneumoModel checked = result.model().withInputCheck(fit.check());
        o.printf(Locale.ROOT, "input check: threshold %.3f; refused train %s, val %s%n", fit.check().threshold(),
                CheckCounts.line(checked, fit.train(), fitSets.train().classes()),
                CheckCounts.line(checked, fit.val(), fitSets.val().classes()));
        ModelFile.save(checked, target);
        Files.deleteIfExists(checkpoint);
        var e = result.valEvaluation();
        o.printf(Locale.ROOT, "best epoch %d of %d%s; threshold %.4f on %s%n", result.bestEpoch(), result.history().size(),
                result.earlyStopped() ? " (early stop)" : "", e.threshold(), result.model().metadata().positiveClass());
        o.printf(Locale.ROOT, "val: accuracy %.4f sensitivity %.4f specificity %.4f AUC %.4f ECE %.4f (n=%d)%n",
                e.accuracy(), e.sensitivity(), e.specificity(), e.auc(), e.ece(), e.n());
        if (result.model().calibration().figures() != null) {
            CalibrateCommand.print(o, result.model().calibration(), e, result.model().metadata().positiveClass());
        }
        o.printf("saved %s%n", target);
        return 0;
    }

    /** The running jar and the bundled model, wherever they are plain files: never a training target. */
    static List<Path> ownFiles() {
        List<Path> own = new ArrayList<>();
        try {
            own.add(Path.of(TrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            // Not loaded from a file: nothing to protect there.
        }
        try {
            URL bundled = BundledModel.class.getResource(BundledModel.RESOURCE);
            if (bundled != null && "file".equals(bundled.getProtocol())) {
                own.add(Path.of(bundled.toURI()));
            }
        } catch (URISyntaxException | RuntimeException e) {
            // Inside the jar, which is protected above.
        }
        return own;
    }
}
