package org.pneumolens.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.pneumolens.core.card.CardCharts;
import org.pneumolens.core.card.ModelCard;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.io.AtomicFiles;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Writes a model's card, generated from the model file itself, with its two charts. */
@Command(name = "card", description = "Write a model's card (card.md, reliability.png, roc.png) into a folder.")
final class CardCommand implements Callable<Integer> {
    @Mixin
    ModelOption modelOption = new ModelOption();

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "DIR", description = "Folder to write into "
            + "(created if missing; the three files in it are replaced)")
    Path out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PneumoModel model = modelOption.load();
        String fileName = modelOption.model == null ? BundledModel.RESOURCE.substring(BundledModel.RESOURCE.lastIndexOf('/') + 1)
                : String.valueOf(modelOption.model.getFileName());
        ModelCard card = ModelCard.of(model.metadata(), model.inputCheck().orElse(null), fileName);
        Files.createDirectories(out);
        byte[] md = card.toMarkdown().getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(out.resolve("card.md"), o -> o.write(md));
        CardCharts.writePng(CardCharts.reliability(model.calibration()), out.resolve(ModelCard.RELIABILITY_PNG));
        CardCharts.writePng(CardCharts.roc(model.calibration(), model.metadata().threshold()),
                out.resolve(ModelCard.ROC_PNG));
        spec.commandLine().getOut().printf("wrote card.md, %s and %s to %s%n", ModelCard.RELIABILITY_PNG,
                ModelCard.ROC_PNG, ImageLimits.printable(out.toString()));
        return 0;
    }
}
