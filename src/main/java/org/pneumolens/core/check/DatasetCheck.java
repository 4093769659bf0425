package org.pneumolens.core.check;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.IntConsumer;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.model.PneumoModel;

/**
 * A dataset folder screened by a model's input check before training, so that a folder of screenshots or
 * exported reports does not silently become a class.
 *
 * @param kept            the set without the refused images
 * @param refusedPerClass refused images per class (every class listed)
 * @param examples        a few refused files with their main reason, for the report
 */
public record DatasetCheck(ImageSet kept, Map<String, Integer> refusedPerClass, int refused, List<String> examples) {
    private static final int EXAMPLES = 5;

    public static DatasetCheck screen(PneumoModel checker, ImageSet set, BooleanSupplier cancelled,
                                      IntConsumer progress) throws InterruptedException {
        Screening.Scan scan = Screening.scan(checker, set.images(), cancelled, progress);
        Set<LabeledImage> refused = new HashSet<>();
        List<String> examples = new ArrayList<>();
        for (Screening.Sample s : scan.samples()) {
            CheckResult r = Screening.check(checker, s.signals(), s.features());
            if (!r.ok()) {
                refused.add(s.image());
                if (examples.size() < EXAMPLES) {
                    examples.add(s.image().path().getFileName() + ": " + r.mainReason());
                }
            }
        }
        List<LabeledImage> kept = set.images().stream().filter(i -> !refused.contains(i)).toList();
        return new DatasetCheck(set.withImages(kept), CheckCounts.refusedPerClass(checker, scan, set.classes()),
                refused.size(), examples);
    }
}
