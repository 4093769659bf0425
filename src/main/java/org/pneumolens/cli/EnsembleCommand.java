package org.pneumolens.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.OutputTarget;
import org.pneumolens.core.model.ModelCalibrator;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Combines independently trained models into one file whose softmax outputs are averaged, then calibrates the
 * average on a validation folder: a single network's calibration and operating point do not fit an average, so the
 * combined file is never saved without its own.
 */
@Command(name = "ensemble", description = "Combine models of the same input and classes into one ensemble model "
        + "(softmax outputs averaged), calibrated on a validation folder; the first model's input check is kept.")
final class EnsembleCommand implements Callable<Integer> {
    @Option(names = "--member", required = true, paramLabel = "FILE", description = "A member model file; give 2 "
            + "to 5 (an ensemble file counts as its members)")
    List<Path> members = new ArrayList<>();

    @Option(names = "--val", required = true, paramLabel = "DIR", description = "Validation folder (class subfolders)")
    Path val;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE", description = "Where to save the ensemble")
    Path out;

    @Option(names = "--name", paramLabel = "TEXT", description = "The ensemble's name (default: the first member's "
            + "name with the member count)")
    String name;

    @Option(names = "--overwrite", description = "Replace an existing file at --out")
    boolean overwrite;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (members.size() < 2) {
            throw new IllegalArgumentException("an ensemble needs at least two --member models, got " + members.size());
        }
        Path target = OutputTarget.check(out.toString(), overwrite, TrainCommand.ownFiles());
        List<PneumoModel> models = new ArrayList<>();
        for (Path m : members) {
            models.add(ModelFile.load(m));
        }
        int networks = models.stream().mapToInt(m -> m.members().size()).sum();
        String label = name != null ? name : models.get(0).metadata().name() + ", ensemble of " + networks;
        PneumoModel combined = PneumoModel.ensemble(models, ImageLimits.printable(label));
        var set = DatasetScanner.scan(val);
        PrintWriter o = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        o.printf("ensemble of %d networks; calibrating on %d images of %s%n", networks, set.size(),
                ImageLimits.printable(String.valueOf(val.getFileName())));
        o.flush();
        CalibrateCommand.calibrateAndSave(combined, set, null, ModelCalibrator.SEED, target, o, err);
        return 0;
    }
}
