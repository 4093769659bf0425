package org.pneumolens.app.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.SkippedFile;

/**
 * What the Train tab tells the user about a scanned dataset folder: image counts per class, where validation
 * comes from, files left out and warnings worth reading before a long run. Pure text, so it is tested without
 * a window.
 */
public record DatasetSummary(String counts, String validation, List<String> skipped, List<String> warnings) {
    /** More images in the largest class than this many times the smallest: the model may learn the prior. */
    static final double IMBALANCE_RATIO = 3.0;
    /** Fewer images than this in a class: its figures (and the curves) will be noisy. */
    static final int SMALL_CLASS = 20;

    public DatasetSummary {
        skipped = List.copyOf(skipped);
        warnings = List.copyOf(warnings);
    }

    public static DatasetSummary of(Dataset dataset, double valFraction) {
        ImageSet train = dataset.train();
        ImageSet val = dataset.val();
        StringBuilder counts = new StringBuilder();
        counts.append(line("train", train));
        if (val != null) {
            counts.append('\n').append(line("val", val));
        }
        String validation = val != null
                ? "Validation: the val/ folder (" + val.size() + " images)"
                : String.format(Locale.ROOT, "Validation: patient-wise split of the training images (%.0f%%)",
                        100 * valFraction);
        List<String> skipped = new ArrayList<>();
        addSkipped(skipped, train);
        if (val != null) {
            addSkipped(skipped, val);
        }
        List<String> warnings = new ArrayList<>();
        warn(warnings, "train", train);
        if (val != null) {
            warn(warnings, "val", val);
        }
        return new DatasetSummary(counts.toString(), validation, skipped, warnings);
    }

    private static String line(String name, ImageSet set) {
        StringBuilder sb = new StringBuilder(name).append(": ");
        int[] c = set.countsPerClass();
        for (int i = 0; i < c.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(set.classes().get(i)).append(' ').append(String.format(Locale.ROOT, "%,d", c[i]));
        }
        return sb.append(String.format(Locale.ROOT, " (%,d images)", set.size())).toString();
    }

    private static void addSkipped(List<String> out, ImageSet set) {
        for (SkippedFile f : set.skipped()) {
            out.add(relative(set, f) + ": " + f.reason());
        }
    }

    /** Shown relative to the dataset folder (e.g. {@code train/NORMAL/x.txt}): absolute paths are mostly noise. */
    private static Path relative(ImageSet set, SkippedFile f) {
        Path root = set.root().getParent() == null ? set.root() : set.root().getParent();
        return f.path().startsWith(root) ? root.relativize(f.path()) : f.path();
    }

    private static void warn(List<String> out, String name, ImageSet set) {
        int[] c = set.countsPerClass();
        int min = Integer.MAX_VALUE;
        int max = 0;
        int argMin = 0;
        int argMax = 0;
        for (int i = 0; i < c.length; i++) {
            if (c[i] < min) {
                min = c[i];
                argMin = i;
            }
            if (c[i] > max) {
                max = c[i];
                argMax = i;
            }
        }
        if (min > 0 && max > IMBALANCE_RATIO * min) {
            out.add(String.format(Locale.ROOT, "%s is imbalanced: %s has %.1f times as many images as %s "
                            + "(keep class weights on)", name, set.classes().get(argMax), (double) max / min,
                    set.classes().get(argMin)));
        }
        for (int i = 0; i < c.length; i++) {
            if (c[i] < SMALL_CLASS) {
                out.add(name + ": class " + set.classes().get(i) + " has only " + c[i] + " images (fewer than "
                        + SMALL_CLASS + "); figures will be noisy");
            }
        }
    }
}
