package org.pneumolens.core.metrics;

import java.util.List;

/**
 * Precision and recall of each class of a two-class confusion matrix: how many images called that class really
 * are of it, and how many images of it were found.
 *
 * @param precision NaN when no image was called this class
 * @param recall    NaN when there is no image of this class
 * @param n         images of this class
 */
public record ClassFigures(String className, double precision, double recall, int n) {
    /**
     * @param confusion {@code [[tn, fp], [fn, tp]]}, rows actual, columns predicted
     * @param negative  the class of row/column 0; {@code positive} that of row/column 1
     * @return negative first, then positive
     */
    public static List<ClassFigures> of(int[][] confusion, String negative, String positive) {
        int tn = confusion[0][0];
        int fp = confusion[0][1];
        int fn = confusion[1][0];
        int tp = confusion[1][1];
        return List.of(new ClassFigures(negative, ratio(tn, tn + fn), ratio(tn, tn + fp), tn + fp),
                new ClassFigures(positive, ratio(tp, tp + fp), ratio(tp, tp + fn), fn + tp));
    }

    private static double ratio(int a, int b) {
        return b == 0 ? Double.NaN : (double) a / b;
    }
}
