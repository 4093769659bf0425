package org.pneumolens.core.card;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.pneumolens.core.Notices;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.check.InputCheck;
import org.pneumolens.core.model.ModelMetadata;

/**
 * A model's card as a structured document, generated from its own metadata (every model gets its own: a model
 * trained by a user describes its own data and figures). Sections of paragraphs, bullet lists, tables and images;
 * {@link #toMarkdown()} renders it, and the window can render the same blocks. Folders appear by name only, never
 * as a path.
 */
public record ModelCard(String title, List<Section> sections) {
    public static final String RELIABILITY_PNG = "reliability.png";
    public static final String ROC_PNG = "roc.png";

    public sealed interface Block permits Paragraph, Bullets, Table, Image {
    }

    public record Paragraph(String text) implements Block {
    }

    public record Bullets(List<String> items) implements Block {
    }

    public record Table(List<String> header, List<List<String>> rows) implements Block {
    }

    /** An image written beside the card ({@link CardCharts}), by file name. */
    public record Image(String file, String caption) implements Block {
    }

    public record Section(String title, List<Block> blocks) {
    }

    /**
     * @param fileName the model file's name (no folder), or null
     * @param check    the model's input check, or null when it has none
     */
    public static ModelCard of(ModelMetadata m, InputCheck check, String fileName) {
        List<Section> s = new ArrayList<>();
        String pos = m.positiveClass();
        s.add(new Section("Intended use", List.of(new Paragraph(Notices.RESEARCH_USE),
                new Paragraph("Classifies a chest radiograph as one of " + String.join(", ", m.classes())
                        + " and shows where its evidence lies (Grad-CAM). Research and education: how a small network "
                        + "reads radiographs and how a decision threshold trades sensitivity for specificity. Not for "
                        + "diagnosis, triage or any clinical decision."))));
        ModelMetadata.TrainingSummary t = m.training();
        List<Block> data = new ArrayList<>();
        if (t != null) {
            data.add(new Table(List.of("set", "source", "images per class"), List.of(
                    List.of("training", "folder " + folderName(t.trainData()), counts(t.trainCounts())),
                    List.of("validation", nameOnly(t.valSource()), counts(t.valCounts())))));
        } else {
            data.add(new Paragraph("The model file does not say what it was trained on."));
        }
        Calibration c = m.calibrationOrNone();
        if (c.valSource() != null) {
            data.add(new Paragraph("Calibration, operating point and borderline band were fitted on the validation "
                    + "images: " + nameOnly(c.valSource()) + ", " + (c.figures() == null ? "?" : c.figures().n())
                    + " images."));
        }
        s.add(new Section("Data", data));
        ModelMetadata.Input in = m.input();
        List<List<String>> model = new ArrayList<>();
        model.add(List.of("name", text(m.name())));
        if (fileName != null) model.add(List.of("file", nameOnly(fileName)));
        model.add(List.of("architecture", text(m.architecture()) + (m.ensemble() == null ? ""
                : ", an ensemble of " + m.memberCount() + " independently trained networks (softmax outputs averaged, "
                + "then calibrated)")));
        model.add(List.of("input", String.format(Locale.ROOT, "grey %dx%d (squashed to %d px first), %s, "
                + "normalised with mean %.4f, std %.4f", in.size(), in.size(), in.datasetSize(), in.layout(), in.mean(),
                in.std())));
        model.add(List.of("classes", String.join(", ", m.classes()) + " (positive: " + pos + ")"));
        model.add(List.of("created", text(m.createdAt()) + " with PneumoLens " + text(m.appVersion())));
        s.add(new Section("Model", List.of(new Table(List.of("", ""), model))));
        if (t != null) {
            s.add(new Section("Training settings", List.of(new Table(List.of("setting", "value"), List.of(
                    List.of("epochs run", Integer.toString(t.epochsRun())),
                    List.of("kept epoch (best validation AUC)", Integer.toString(t.bestEpoch())),
                    List.of("batch size", Integer.toString(t.batchSize())),
                    List.of("learning rate", java.math.BigDecimal.valueOf(t.learningRate()).toPlainString()
                            + " (Adam, cosine decay)"),
                    List.of("augmentation", t.augmentation() ? "on" : "off"),
                    List.of("class weights", t.classWeights() ? "inverse frequency" : "none"),
                    List.of("label smoothing", t.labelSmoothing() == 0 ? "none"
                            : String.format(Locale.ROOT, "%.2f", t.labelSmoothing())),
                    List.of("width (channel multiplier)", t.widthOrDefault() == 1 ? "1 (16-256 channels)"
                            : String.format(Locale.ROOT, "%.2f", t.widthOrDefault())),
                    List.of("seed", Long.toString(t.seed())),
                    List.of("training time", String.format(Locale.ROOT, "%.1f min", t.seconds() / 60)))))));
        }
        if (m.ensemble() != null) {
            s.add(members(m.ensemble()));
        }
        s.add(figures(m));
        s.add(calibration(c));
        s.add(operatingPoint(m, c));
        s.add(inputCheck(check));
        s.add(new Section("Limits", List.of(new Bullets(List.of(
                "Figures come from the validation images named above; other hospitals, devices, ages or views "
                        + "(lateral, adult, CT) may behave differently, and the input check catches only images "
                        + "unlike the training set, not every unsuitable one.",
                "Calibrated probabilities are calibrated on average over the validation images, not for any one "
                        + "patient; they are never shown as 0 % or 100 %.",
                "Grad-CAM shows what raised the network's score, on a grid of " + in.size() / 16 + "x" + in.size() / 16
                        + " cells; it is not a segmentation of disease.",
                "The network sees one image, without history, symptoms or prior films.")))));
        return new ModelCard("Model card: " + text(m.name()), List.copyOf(s));
    }

    /** One row per member network: what distinguishes it (its seed) and how its own training went. */
    private static Section members(ModelMetadata.Ensemble e) {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < e.training().size(); i++) {
            ModelMetadata.TrainingSummary t = e.training().get(i);
            rows.add(t == null ? List.of(Integer.toString(i + 1), "?", "?", "?", "?") : List.of(Integer.toString(i + 1),
                    Long.toString(t.seed()), Integer.toString(t.epochsRun()), Integer.toString(t.bestEpoch()),
                    String.format(Locale.ROOT, "%.1f min", t.seconds() / 60)));
        }
        return new Section("Ensemble members", List.of(new Paragraph("The training settings above are the first "
                + "member's; the members differ in their seed (weights, batch order and augmentation)."),
                new Table(List.of("member", "seed", "epochs run", "kept epoch", "training time"), rows)));
    }

    private static Section figures(ModelMetadata m) {
        ModelMetadata.Metrics v = m.valMetrics();
        if (v == null) {
            return new Section("Validation figures", List.of(new Paragraph("The model file has no validation figures.")));
        }
        List<Block> b = new ArrayList<>();
        b.add(new Paragraph(String.format(Locale.ROOT, "On %d validation images at the stored threshold (calibrated "
                + "probabilities):", v.n())));
        b.add(new Table(List.of("AUC", "accuracy", "sensitivity", "specificity", "ECE"), List.of(List.of(
                f3(v.auc()), f3(v.accuracy()), f3(v.sensitivity()), f3(v.specificity()), f3(v.ece())))));
        int[][] cm = v.confusion();
        if (cm != null && m.classes().size() == 2) {
            String neg = m.classes().get(1 - m.positiveIndex());
            String pos = m.positiveClass();
            b.add(new Table(List.of("actual \\ called", neg, pos), List.of(
                    List.of(neg, Integer.toString(cm[0][0]), Integer.toString(cm[0][1])),
                    List.of(pos, Integer.toString(cm[1][0]), Integer.toString(cm[1][1])))));
            List<List<String>> perClass = new ArrayList<>();
            for (org.pneumolens.core.metrics.ClassFigures f : org.pneumolens.core.metrics.ClassFigures.of(cm, neg, pos)) {
                perClass.add(List.of(f.className(), f3(f.precision()), f3(f.recall()), Integer.toString(f.n())));
            }
            b.add(new Table(List.of("class", "precision", "recall", "images"), perClass));
        }
        return new Section("Validation figures", b);
    }

    private static Section calibration(Calibration c) {
        List<Block> b = new ArrayList<>();
        if (c.isIdentity() && c.figures() == null) {
            b.add(new Paragraph("None: this model was made before calibration, so its probabilities are the network's "
                    + "softmax as it is (often over-confident) and it has no borderline band. `pneumolens calibrate` "
                    + "gives it one without retraining."));
            return new Section("Calibration", b);
        }
        Calibration.Figures f = c.figures();
        Calibration.CrossFitSpread spread = f == null ? null : f.crossFitSpread();
        String halvings = spread == null ? "" : String.format(Locale.ROOT, "; the figures are means over %d seeded "
                + "halvings", spread.splits());
        b.add(new Paragraph(String.format(Locale.ROOT, "Method: %s (shown probability = sigmoid(%.4f z %s %.4f), z the "
                        + "network's positive-class logit). Every method below was cross-fitted on two patient-disjoint "
                        + "halves of the validation images (fitted on one, scored on the other, both ways%s); unless "
                        + "chosen by hand, the lowest negative log-likelihood wins. The shipped calibration is fitted "
                        + "on all of them.",
                c.method(), c.slope(), c.intercept() < 0 ? "-" : "+", Math.abs(c.intercept()), halvings)));
        List<List<String>> rows = new ArrayList<>();
        for (Calibration.Candidate k : c.candidates()) {
            rows.add(List.of(k.method() + (k.method().equals(c.method()) ? " (chosen)" : ""), f4(k.nllCrossFit()),
                    f4(k.eceCrossFit())));
        }
        b.add(new Table(List.of("method", "NLL, cross-fitted", "ECE, cross-fitted"), rows));
        if (f != null) {
            b.add(new Table(List.of("ECE (" + f.bins() + " bins)", "uncalibrated", "calibrated, in-sample",
                    "calibrated, cross-fitted"), List.of(List.of("validation, n = " + f.n(), f4(f.eceRaw()),
                    f4(f.eceInSample()), f4(f.eceCrossFit())))));
            if (spread != null) {
                b.add(new Paragraph(String.format(Locale.ROOT, "The cross-fitted ECE depends on how the images are "
                        + "halved: over the %d halvings its 10th-90th percentile is %.4f-%.4f (the first halving alone "
                        + "gave %.4f).", spread.splits(), spread.p10(), spread.p90(), spread.firstSplit())));
            }
            if (f.eceFloor() != null) {
                b.add(new Paragraph(String.format(Locale.ROOT, "ECE has a floor on %d images: labels drawn with "
                        + "exactly these calibrated probabilities (a perfectly calibrated model) give an ECE of %.4f "
                        + "on average (10th-90th percentile %.4f-%.4f, %d draws). An ECE near that is as good as "
                        + "this validation set can show.", f.n(), f.eceFloor().mean(), f.eceFloor().p10(),
                        f.eceFloor().p90(), f.eceFloor().draws())));
            }
        }
        b.add(new Image(RELIABILITY_PNG, "Reliability diagram of the calibrated validation probabilities"));
        List<List<String>> bins = new ArrayList<>();
        for (Calibration.ReliabilityBin r : c.reliability()) {
            if (r.count() > 0) {
                bins.add(List.of(String.format(Locale.ROOT, "%.3f-%.3f", r.lower(), r.upper()),
                        Integer.toString(r.count()), f3(r.meanPredicted()), f3(r.observed())));
            }
        }
        b.add(new Table(List.of("bin", "images", "mean probability", "observed share"), bins));
        return new Section("Calibration", b);
    }

    private static Section operatingPoint(ModelMetadata m, Calibration c) {
        List<Block> b = new ArrayList<>();
        String pos = m.positiveClass();
        b.add(new Paragraph(String.format(Locale.ROOT, "%s is called when P(%s) >= %.4f: the threshold that maximises "
                + "balanced accuracy (Youden's J) on the validation images%s.", pos, pos, m.threshold(),
                c.isIdentity() ? "" : ", on the calibrated scale")));
        Calibration.Band band = c.band();
        if (band != null) {
            b.add(new Paragraph(String.format(Locale.ROOT, "Borderline band: P(%s) from %.4f to %.4f reads "
                            + "\"Borderline: review\" with both probabilities. It is the %.0fth to %.0fth percentile of "
                            + "the threshold chosen the same way on %d bootstrap resamples of the validation patients, "
                            + "widened to at least +-%.2f: images there fall on either side depending on which patients "
                            + "happened to be in the validation set.", pos, band.low(), band.high(), band.lowPercentile(),
                    band.highPercentile(), band.resamples(), band.minHalfWidth())));
        } else {
            b.add(new Paragraph("No borderline band (model made before calibration)."));
        }
        if (!c.roc().isEmpty()) {
            b.add(new Image(ROC_PNG, "ROC curve on the validation images, the operating point marked"));
        }
        return new Section("Operating point and borderline band", b);
    }

    private static Section inputCheck(InputCheck check) {
        if (check == null) {
            return new Section("Input check", List.of(new Paragraph("None: this model file has no input check, so it "
                    + "judges any picture it is given, radiograph or not.")));
        }
        List<Block> b = new ArrayList<>();
        b.add(new Paragraph("Before a result is shown, each image is checked: simple image rules (size, colour, "
                + "contrast, detail) and a learned score of how unlike the training images it is (" + check.method()
                + "). An image above the threshold gets no label."));
        InputCheck.FitSummary f = check.fit();
        List<List<String>> rows = new ArrayList<>();
        rows.add(List.of("threshold", String.format(Locale.ROOT, "%.3f", check.threshold())));
        if (f != null) {
            rows.add(List.of("fitted on", f.trainImages() + " training images"));
            rows.add(List.of("threshold set on", String.format(Locale.ROOT, "%d validation images (%.1f%% quantile; %d "
                    + "refused)", f.valImages(), 100 * f.quantile(), f.valRefused())));
        }
        b.add(new Table(List.of("", ""), rows));
        return new Section("Input check", b);
    }

    /** The card as Markdown; images are referenced by file name, to be written beside it. */
    public String toMarkdown() {
        StringBuilder sb = new StringBuilder("# ").append(md(title)).append("\n");
        for (Section s : sections) {
            sb.append("\n## ").append(md(s.title())).append("\n");
            for (Block b : s.blocks()) {
                sb.append('\n');
                if (b instanceof Paragraph p) {
                    sb.append(md(p.text())).append('\n');
                } else if (b instanceof Bullets l) {
                    l.items().forEach(i -> sb.append("- ").append(md(i)).append('\n'));
                } else if (b instanceof Table t) {
                    row(sb, t.header());
                    sb.append('|').append("---|".repeat(t.header().size())).append('\n');
                    t.rows().forEach(r -> row(sb, r));
                } else if (b instanceof Image i) {
                    sb.append("![").append(md(i.caption())).append("](").append(i.file()).append(")\n");
                }
            }
        }
        return sb.toString();
    }

    private static void row(StringBuilder sb, List<String> cells) {
        sb.append('|');
        cells.forEach(c -> sb.append(' ').append(md(c).replace("|", "\\|")).append(" |"));
        sb.append('\n');
    }

    /** Text from a model file: one line, no HTML. */
    private static String md(String s) {
        return s.replace('\n', ' ').replace('\r', ' ').replace("<", "&lt;");
    }

    /** The last part of a path, whichever separator it uses: a card never shows where a developer kept data. */
    static String folderName(String path) {
        if (path == null || path.isBlank()) {
            return "(not recorded)";
        }
        String p = path.replace('\\', '/');
        while (p.endsWith("/") && p.length() > 1) p = p.substring(0, p.length() - 1);
        return p.substring(p.lastIndexOf('/') + 1);
    }

    /** A description with any path in it cut to its last part ("folder /home/x/val" becomes "folder val"). */
    static String nameOnly(String text) {
        if (text == null) {
            return "(not recorded)";
        }
        StringBuilder out = new StringBuilder();
        for (String word : text.split(" ", -1)) {
            if (out.length() > 0) out.append(' ');
            out.append(word.contains("/") || word.contains("\\") ? folderName(word) : word);
        }
        return out.toString();
    }

    private static String counts(Map<String, Integer> c) {
        if (c == null) {
            return "(not recorded)";
        }
        StringBuilder sb = new StringBuilder();
        c.forEach((k, v) -> sb.append(sb.length() == 0 ? "" : ", ").append(k).append(' ').append(v));
        return sb.toString();
    }

    private static String text(String s) {
        return s == null ? "(not recorded)" : s;
    }

    private static String f3(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.3f", v) : "n/a";
    }

    private static String f4(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "n/a";
    }
}
