package org.pneumolens.core.calibration;

/**
 * Fits of {@code q = sigmoid(a * z + b)} to labelled positive-class logits by minimising the negative
 * log-likelihood; both deterministic (no random start). Temperature scaling (b = 0) is a golden-section search on
 * ln a over [ln 0.01, ln 100]: the loss is convex in a, so the bracket holds its only minimum (a separable set
 * ends at a bound instead of running off). Platt scaling is Newton's method on (a, b) with a backtracking line
 * search: logistic regression of the labels on z (Platt 1999, with the labels themselves rather than his smoothed
 * targets, so that it nests temperature scaling), with a small ridge towards the identity that keeps the optimum
 * finite on a separable set.
 */
final class LogitFits {
    static final double MIN_SLOPE = 0.01;
    static final double MAX_SLOPE = 100;
    private static final double EPS = 1e-15;
    /** Ridge on (a - 1, b) per image of mean loss: negligible unless the set is (nearly) separable. */
    static final double RIDGE = 1e-4;

    private LogitFits() {
    }

    /** The fitted slope and intercept. */
    record Fit(String method, double slope, double intercept) {
        double apply(double z) {
            return Calibration.sigmoid(slope * z + intercept);
        }
    }

    static Fit fit(String method, double[] z, boolean[] y) {
        return switch (method) {
            case Calibration.IDENTITY -> new Fit(method, 1, 0);
            case Calibration.TEMPERATURE -> new Fit(method, temperatureSlope(z, y), 0);
            case Calibration.PLATT -> platt(z, y);
            default -> throw new IllegalArgumentException("unknown calibration method " + method);
        };
    }

    static double temperatureSlope(double[] z, boolean[] y) {
        double lo = Math.log(MIN_SLOPE);
        double hi = Math.log(MAX_SLOPE);
        double g = (Math.sqrt(5) - 1) / 2;
        double x1 = hi - g * (hi - lo);
        double x2 = lo + g * (hi - lo);
        double f1 = nll(z, y, Math.exp(x1), 0);
        double f2 = nll(z, y, Math.exp(x2), 0);
        for (int it = 0; it < 200 && hi - lo > 1e-10; it++) {
            if (f1 <= f2) {
                hi = x2;
                x2 = x1;
                f2 = f1;
                x1 = hi - g * (hi - lo);
                f1 = nll(z, y, Math.exp(x1), 0);
            } else {
                lo = x1;
                x1 = x2;
                f1 = f2;
                x2 = lo + g * (hi - lo);
                f2 = nll(z, y, Math.exp(x2), 0);
            }
        }
        return Math.exp((lo + hi) / 2);
    }

    static Fit platt(double[] z, boolean[] y) {
        double[] t = new double[y.length];
        for (int i = 0; i < y.length; i++) t[i] = y[i] ? 1 : 0;
        double a = 1;
        double b = 0;
        double f = loss(z, t, a, b);
        for (int it = 0; it < 100; it++) {
            double ga = RIDGE * (a - 1), gb = RIDGE * b, haa = RIDGE, hab = 0, hbb = RIDGE;
            for (int i = 0; i < z.length; i++) {
                double q = Calibration.sigmoid(a * z[i] + b);
                double d = (q - t[i]) / z.length;
                double w = q * (1 - q) / z.length;
                ga += d * z[i];
                gb += d;
                haa += w * z[i] * z[i];
                hab += w * z[i];
                hbb += w;
            }
            double det = haa * hbb - hab * hab;
            if (!(det > 0) || Math.abs(ga) + Math.abs(gb) < 1e-13) {
                break;
            }
            double da = -(hbb * ga - hab * gb) / det;
            double db = -(haa * gb - hab * ga) / det;
            double step = 1;
            double na = a + da, nb = b + db, nf = loss(z, t, na, nb);
            while (nf > f && step > 1e-10) { // backtracking: never accept a worse point
                step /= 2;
                na = a + step * da;
                nb = b + step * db;
                nf = loss(z, t, na, nb);
            }
            if (nf > f) {
                break;
            }
            boolean converged = f - nf < 1e-15 * Math.max(1, f);
            a = na;
            b = nb;
            f = nf;
            if (converged) {
                break;
            }
        }
        a = Math.max(MIN_SLOPE, Math.min(MAX_SLOPE, a)); // an anti-monotone or runaway fit is not a calibration
        b = Math.max(-MAX_SLOPE, Math.min(MAX_SLOPE, b));
        return new Fit(Calibration.PLATT, a, b);
    }

    /** Mean negative log-likelihood (nats) of hard labels under sigmoid(a z + b). */
    static double nll(double[] z, boolean[] y, double a, double b) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double q = Calibration.sigmoid(a * z[i] + b);
            s -= Math.log(Math.max(EPS, y[i] ? q : 1 - q));
        }
        return s / z.length;
    }

    /** Mean negative log-likelihood of probabilities {@code q} for labels {@code y}. */
    static double nll(double[] q, boolean[] y) {
        double s = 0;
        for (int i = 0; i < q.length; i++) {
            s -= Math.log(Math.max(EPS, y[i] ? q[i] : 1 - q[i]));
        }
        return s / q.length;
    }

    /** Mean log-loss of targets t plus the ridge (RIDGE / 2) ((a - 1)^2 + b^2). */
    private static double loss(double[] z, double[] t, double a, double b) {
        double s = 0;
        for (int i = 0; i < z.length; i++) {
            double v = a * z[i] + b;
            // -[t log q + (1 - t) log(1 - q)] = log(1 + e^v) - t v, computed stably
            s += (v > 0 ? v + Math.log1p(Math.exp(-v)) : Math.log1p(Math.exp(v))) - t[i] * v;
        }
        return s / z.length + RIDGE / 2 * ((a - 1) * (a - 1) + b * b);
    }
}
