package org.pneumolens.core.check;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pneumolens.core.model.PneumoModel;

/** How many images of a scanned set the check refuses, per class: a folder of screenshots must not become a class. */
public final class CheckCounts {
    private CheckCounts() {
    }

    /** Class name to the number of its images the model's check refuses (every class listed, zeros included). */
    public static Map<String, Integer> refusedPerClass(PneumoModel model, Screening.Scan scan, List<String> classes) {
        Map<String, Integer> m = new LinkedHashMap<>();
        classes.forEach(c -> m.put(c, 0));
        for (Screening.Sample s : scan.samples()) {
            if (!Screening.check(model, s.signals(), s.features()).ok()) {
                m.merge(classes.get(s.image().label()), 1, Integer::sum);
            }
        }
        return m;
    }

    /** How many scanned images the model's check refuses. */
    public static int refused(PneumoModel model, Screening.Scan scan) {
        return (int) scan.samples().stream().filter(s -> !Screening.check(model, s.signals(), s.features()).ok()).count();
    }

    /** E.g. {@code 3 of 5197 (NORMAL 1, PNEUMONIA 2)}. */
    public static String line(PneumoModel model, Screening.Scan scan, List<String> classes) {
        Map<String, Integer> m = refusedPerClass(model, scan, classes);
        int total = m.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder sb = new StringBuilder().append(total).append(" of ").append(scan.samples().size()).append(" (");
        m.forEach((c, n) -> sb.append(c).append(' ').append(n).append(", "));
        sb.setLength(sb.length() - 2);
        return sb.append(')').toString();
    }
}
