package org.pneumolens.core.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The labelled images of one folder (one subfolder per class) and the files that were skipped. */
public record ImageSet(Path root, List<String> classes, List<LabeledImage> images, List<SkippedFile> skipped) {
    public ImageSet {
        classes = List.copyOf(classes);
        images = List.copyOf(images);
        skipped = List.copyOf(skipped);
    }

    public int[] countsPerClass() {
        int[] counts = new int[classes.size()];
        for (LabeledImage img : images) {
            counts[img.label()]++;
        }
        return counts;
    }

    /** Class name → image count, in class order; for reports and model metadata. */
    public Map<String, Integer> counts() {
        Map<String, Integer> out = new TreeMap<>();
        int[] c = countsPerClass();
        for (int i = 0; i < c.length; i++) {
            out.put(classes.get(i), c[i]);
        }
        return out;
    }

    public int size() {
        return images.size();
    }

    public ImageSet withImages(List<LabeledImage> subset) {
        return new ImageSet(root, classes, subset, List.of());
    }
}
