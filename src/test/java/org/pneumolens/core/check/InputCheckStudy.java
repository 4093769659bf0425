package org.pneumolens.core.check;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.metrics.BinaryMetrics;

/**
 * The measurements behind the model card's "Input check" section; not a test (it reads the shared data).
 * Usage: {@code InputCheckStudy TRAIN VAL OUT_MODEL_OR_- OOD_DIR... -- OTHER_DIR...}: fits the check of the
 * bundled model, prints per-method AUROC of val against the OOD folders, refusals per folder, and one line per
 * image of the OOD and other folders.
 */
public final class InputCheckStudy {
    public static void main(String[] args) throws Exception {
        PneumoModel model = BundledModel.load();
        ImageSet train = DatasetScanner.scan(Path.of(args[0]));
        ImageSet val = DatasetScanner.scan(Path.of(args[1]));
        long t0 = System.nanoTime();
        Screening.Scan tr = Screening.scan(model, train.images(), () -> false, d -> { });
        Screening.Scan va = Screening.scan(model, val.images(), () -> false, d -> { });
        System.out.printf(Locale.ROOT, "scanned %d train + %d val in %.0f s%n", tr.samples().size(),
                va.samples().size(), (System.nanoTime() - t0) / 1e9);
        List<Path> oodDirs = new ArrayList<>();
        List<Path> otherDirs = new ArrayList<>();
        boolean other = false;
        for (int i = 3; i < args.length; i++) {
            if (args[i].equals("--")) other = true;
            else (other ? otherDirs : oodDirs).add(Path.of(args[i]));
        }
        List<Screening.Sample> ood = new ArrayList<>();
        for (Path d : oodDirs) ood.addAll(scanDir(model, d).samples());
        rules("train", tr.samples());
        rules("val", va.samples());
        InputCheck combined = null;
        for (String method : List.of(InputCheck.FEATURES, InputCheck.PIXELS, InputCheck.COMBINED)) {
            InputCheck c = InputCheckFitter.fit(tr.samples(), va.samples(), method, InputCheckFitter.DEFAULT_QUANTILE);
            if (method.equals(InputCheck.COMBINED)) combined = c;
            double[] v = scores(c, va.samples());
            double[] o = scores(c, ood);
            System.out.printf(Locale.ROOT, "%-9s threshold %.3f  AUROC val vs OOD %.4f  refused by score: train %d/%d "
                            + "val %d/%d ood %d/%d; with rules: train %d val %d ood %d%n", method, c.threshold(),
                    auroc(v, o), above(scores(c, tr.samples()), c.threshold()), tr.samples().size(),
                    above(v, c.threshold()), v.length, above(o, c.threshold()), o.length,
                    refused(model.withInputCheck(c), tr.samples()), refused(model.withInputCheck(c), va.samples()),
                    refused(model.withInputCheck(c), ood));
        }
        double[] msp = va.samples().stream().mapToDouble(s -> -Arrays.stream(s.probabilities()).max().orElse(0)).toArray();
        double[] mspO = ood.stream().mapToDouble(s -> -Arrays.stream(s.probabilities()).max().orElse(0)).toArray();
        System.out.printf(Locale.ROOT, "max-softmax baseline AUROC val vs OOD %.4f%n", auroc(msp, mspO));
        PneumoModel checked = model.withInputCheck(combined);
        for (Path d : oodDirs) perImage(checked, d);
        for (Path d : otherDirs) perImage(checked, d);
        if (!args[2].equals("-")) {
            ModelFile.save(checked, Path.of(args[2]));
            System.out.println("saved " + args[2] + " (" + combined.toJson().length() / 1024 + " KB of check JSON)");
        }
    }

    private static Screening.Scan scanDir(PneumoModel model, Path dir) throws Exception {
        List<LabeledImage> imgs;
        try (Stream<Path> s = Files.list(dir)) {
            imgs = s.filter(ImageDecoder::hasImageExtension).sorted().map(p -> new LabeledImage(p, 0)).toList();
        }
        return Screening.scan(model, imgs, () -> false, d -> { });
    }

    private static void perImage(PneumoModel checked, Path dir) throws Exception {
        Screening.Scan s = scanDir(checked, dir);
        InputCheck c = checked.inputCheck().orElseThrow();
        int refused = 0;
        for (Screening.Sample x : s.samples()) {
            CheckResult r = Screening.check(checked, x.signals(), x.features());
            if (!r.ok()) refused++;
            System.out.printf(Locale.ROOT,
                    "  %-45s %-15s f %6.2f p %6.2f score %6.2f  std %.3f ent %.2f col %.3f edge %.4f  %s%n",
                    x.image().path().getFileName(), r.status().id(),
                    c.features().distance(x.features()) / c.featureScale(),
                    c.pixels().distance(x.signals().pixelFeatures()) / c.pixelScale(), r.score(),
                    x.signals().std(), x.signals().entropy(), x.signals().colourShare(), x.signals().edgeDensity(),
                    r.reasons());
        }
        System.out.printf("%s: %d of %d refused%n", dir, refused, s.samples().size());
    }

    private static void rules(String name, List<Screening.Sample> samples) {
        double[] std = samples.stream().mapToDouble(s -> s.signals().std()).toArray();
        double[] range = samples.stream().mapToDouble(s -> s.signals().range()).toArray();
        double[] ent = samples.stream().mapToDouble(s -> s.signals().entropy()).toArray();
        double[] edge = samples.stream().mapToDouble(s -> s.signals().edgeDensity()).toArray();
        System.out.printf(Locale.ROOT, "%s edge density min %.4f p1 %.4f p99 %.4f max %.4f%n", name, min(edge),
                InputCheckFitter.quantile(edge, 0.01), InputCheckFitter.quantile(edge, 0.99),
                InputCheckFitter.quantile(edge, 1));
        double[] col = samples.stream().mapToDouble(s -> s.signals().meanChroma()).toArray();
        int flagged = 0;
        for (Screening.Sample s : samples) {
            List<String> not = new ArrayList<>();
            List<String> low = new ArrayList<>();
            InputCheck.rules(s.signals(), not, low);
            if (!not.isEmpty() || !low.isEmpty()) flagged++;
        }
        System.out.printf(Locale.ROOT, "%s rules: std min %.3f p1 %.3f | range min %.3f p1 %.3f | entropy min %.2f "
                        + "p1 %.2f | chroma max %.4f | flagged by rules %d of %d%n", name, min(std),
                InputCheckFitter.quantile(std, 0.01), min(range), InputCheckFitter.quantile(range, 0.01), min(ent),
                InputCheckFitter.quantile(ent, 0.01), -min(Arrays.stream(col).map(v -> -v).toArray()), flagged,
                samples.size());
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double[] scores(InputCheck c, List<Screening.Sample> s) {
        return s.stream().mapToDouble(x -> c.score(x.features(), x.signals().pixelFeatures())).toArray();
    }

    private static int above(double[] v, double t) {
        return (int) Arrays.stream(v).filter(x -> x > t).count();
    }

    private static int refused(PneumoModel m, List<Screening.Sample> s) {
        return (int) s.stream().filter(x -> !Screening.check(m, x.signals(), x.features()).ok()).count();
    }

    /** AUROC with OOD as the positive class. */
    static double auroc(double[] in, double[] out) {
        boolean[] pos = new boolean[in.length + out.length];
        double[] score = new double[pos.length];
        for (int i = 0; i < in.length; i++) score[i] = in[i];
        for (int i = 0; i < out.length; i++) {
            pos[in.length + i] = true;
            score[in.length + i] = out[i];
        }
        return BinaryMetrics.auc(pos, score);
    }
}
