package org.pneumolens.core.check;

import java.util.Arrays;

/**
 * A Gaussian density of feature vectors for Mahalanobis distances: each dimension is first standardised
 * (train mean and standard deviation), then a Ledoit-Wolf shrinkage covariance (towards a scaled identity)
 * is fitted and kept as its Cholesky factor. Shrinkage keeps the estimate invertible and stable when the
 * features are many and correlated (256 network features from ~5,000 images; histogram shares that sum to 1).
 *
 * @param mean      train mean per dimension
 * @param scale     train standard deviation per dimension (floored)
 * @param shrinkage Ledoit-Wolf weight of the identity target, in [0, 1]
 * @param cholesky  lower triangle of L (row-major, row i holds i + 1 values), where L Lᵀ is the shrunk
 *                  covariance of the standardised features
 */
public record Gaussian(double[] mean, double[] scale, double shrinkage, double[] cholesky) {
    /** More dimensions than any feature vector PneumoLens uses; bounds what a hostile model file can ask for. */
    static final int MAX_DIMS = 1024;
    private static final double MIN_SCALE = 1e-6;

    public Gaussian {
        int p = mean == null ? 0 : mean.length;
        if (p < 1 || p > MAX_DIMS || scale == null || scale.length != p || cholesky == null
                || cholesky.length != p * (p + 1) / 2 || !(shrinkage >= 0 && shrinkage <= 1)) {
            throw new IllegalArgumentException("Gaussian: inconsistent sizes or shrinkage");
        }
        for (int i = 0; i < p; i++) {
            if (!Double.isFinite(mean[i]) || !(scale[i] > 0) || !Double.isFinite(scale[i])
                    || !(cholesky[i * (i + 1) / 2 + i] > 0)) {
                throw new IllegalArgumentException("Gaussian: invalid value in dimension " + i);
            }
        }
        for (double v : cholesky) {
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("Gaussian: non-finite covariance factor");
            }
        }
    }

    public int dims() {
        return mean.length;
    }

    /** Fits the density on rows of equal length (at least two rows). */
    public static Gaussian fit(float[][] rows) {
        int n = rows.length;
        int p = rows[0].length;
        if (n < 2) {
            throw new IllegalArgumentException("need at least two samples to fit a density, got " + n);
        }
        double[] mean = new double[p];
        for (float[] r : rows) {
            for (int j = 0; j < p; j++) mean[j] += r[j];
        }
        for (int j = 0; j < p; j++) mean[j] /= n;
        double[] scale = new double[p];
        for (float[] r : rows) {
            for (int j = 0; j < p; j++) scale[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
        }
        for (int j = 0; j < p; j++) scale[j] = Math.max(MIN_SCALE, Math.sqrt(scale[j] / (n - 1)));
        // z: standardised rows; S = zᵀz / n (covariance, here close to a correlation matrix)
        double[][] z = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < p; j++) z[i][j] = (rows[i][j] - mean[j]) / scale[j];
        }
        double[][] s = new double[p][p];
        for (double[] zi : z) {
            for (int a = 0; a < p; a++) {
                double va = zi[a];
                if (va == 0) continue;
                double[] sa = s[a];
                for (int b = 0; b <= a; b++) sa[b] += va * zi[b];
            }
        }
        for (int a = 0; a < p; a++) {
            for (int b = 0; b <= a; b++) {
                s[a][b] /= n;
                s[b][a] = s[a][b];
            }
        }
        // Ledoit & Wolf (2004), "A well-conditioned estimator for large-dimensional covariance matrices":
        // target m·I with m = tr(S)/p; weight b²/d² with d² = ||S - mI||²/p and
        // b̄² = (1/n²) Σ_k ||z_k z_kᵀ - S||²/p = (Σ_k ||z_k||⁴ - n||S||²) / (n² p).
        double trace = 0;
        double frob = 0;
        for (int a = 0; a < p; a++) {
            trace += s[a][a];
            for (int b = 0; b < p; b++) frob += s[a][b] * s[a][b];
        }
        double m = trace / p;
        double d2 = (frob - 2 * m * trace + m * m * p) / p;
        double sum4 = 0;
        for (double[] zi : z) {
            double sq = 0;
            for (double v : zi) sq += v * v;
            sum4 += sq * sq;
        }
        double b2 = Math.min(d2, Math.max(0, (sum4 - n * frob) / ((double) n * n * p)));
        double shrink = d2 > 0 ? b2 / d2 : 1;
        for (int a = 0; a < p; a++) {
            for (int b = 0; b < p; b++) s[a][b] *= 1 - shrink;
            s[a][a] += shrink * m + 1e-9;
        }
        return new Gaussian(mean, scale, shrink, choleskyLower(s));
    }

    /** Mahalanobis distance √((x-μ)ᵀ Σ⁻¹ (x-μ)) in standardised units: solves L y = z, returns |y|. */
    public double distance(float[] x) {
        int p = mean.length;
        if (x.length != p) {
            throw new IllegalArgumentException("feature vector has " + x.length + " values, the density " + p);
        }
        double[] y = new double[p];
        double sq = 0;
        for (int i = 0; i < p; i++) {
            double v = (x[i] - mean[i]) / scale[i];
            int row = i * (i + 1) / 2;
            for (int k = 0; k < i; k++) v -= cholesky[row + k] * y[k];
            y[i] = v / cholesky[row + i];
            sq += y[i] * y[i];
        }
        return Math.sqrt(sq);
    }

    private static double[] choleskyLower(double[][] a) {
        int p = a.length;
        double[] l = new double[p * (p + 1) / 2];
        for (int i = 0; i < p; i++) {
            int ri = i * (i + 1) / 2;
            for (int j = 0; j <= i; j++) {
                int rj = j * (j + 1) / 2;
                double sum = a[i][j];
                for (int k = 0; k < j; k++) sum -= l[ri + k] * l[rj + k];
                if (i == j) {
                    if (!(sum > 0)) {
                        throw new IllegalArgumentException("covariance is not positive definite");
                    }
                    l[ri + i] = Math.sqrt(sum);
                } else {
                    l[ri + j] = sum / l[rj + j];
                }
            }
        }
        return l;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Gaussian g && Arrays.equals(mean, g.mean) && Arrays.equals(scale, g.scale)
                && shrinkage == g.shrinkage && Arrays.equals(cholesky, g.cholesky);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(mean) * 31 + Arrays.hashCode(cholesky);
    }
}
