package org.pneumolens.bench;

/**
 * How many times each figure is measured. {@link #FULL} copies {@code torch_reference.py} exactly; {@link #QUICK}
 * only proves the harness runs end to end (its figures are not results).
 *
 * @param trainWarmupSteps  training steps before timing (reference: 3)
 * @param trainRounds       timed rounds whose images/s are summarised by the median (reference: 5)
 * @param trainStepsPerRound steps per timed round (reference: 4)
 * @param inferWarmup       untimed one-image forward passes (reference: 10)
 * @param inferRuns         timed one-image forward passes (reference: 50)
 * @param decodeRepeats     passes over the sample images when timing decoding (reference: 3)
 * @param predictWarmup     untimed passes over the samples before timing predict + Grad-CAM
 * @param predictRepeats    timed passes over the samples for predict + Grad-CAM (brief: 3)
 * @param startupWarmup     untimed window starts first (page cache)
 * @param startupRuns       timed window starts
 * @param sampleLimit       at most this many sample images (0: all)
 * @param windowWarmup      untimed opens in the window after the first (cold) one
 * @param windowRuns        timed opens in the window, cycling the samples
 */
public record BenchPlan(int trainWarmupSteps, int trainRounds, int trainStepsPerRound, int inferWarmup,
                        int inferRuns, int decodeRepeats, int predictWarmup, int predictRepeats,
                        int startupWarmup, int startupRuns, int sampleLimit, int windowWarmup, int windowRuns) {
    public static final BenchPlan FULL = new BenchPlan(3, 5, 4, 10, 50, 3, 1, 3, 1, 3, 0, 5, 40);
    public static final BenchPlan QUICK = new BenchPlan(1, 2, 1, 2, 5, 1, 1, 1, 0, 1, 2, 1, 3);

    public BenchPlan {
        if (trainRounds < 1 || trainStepsPerRound < 1 || inferRuns < 1 || decodeRepeats < 1 || predictRepeats < 1
                || startupRuns < 1 || windowRuns < 1) {
            throw new IllegalArgumentException("every timed count must be at least 1");
        }
        if (trainWarmupSteps < 0 || inferWarmup < 0 || predictWarmup < 0 || startupWarmup < 0 || sampleLimit < 0
                || windowWarmup < 0) {
            throw new IllegalArgumentException("warm-up counts and the sample limit cannot be negative");
        }
    }

    /** A plan with {@link #FULL}'s window opens. */
    public BenchPlan(int trainWarmupSteps, int trainRounds, int trainStepsPerRound, int inferWarmup, int inferRuns,
                     int decodeRepeats, int predictWarmup, int predictRepeats, int startupWarmup, int startupRuns,
                     int sampleLimit) {
        this(trainWarmupSteps, trainRounds, trainStepsPerRound, inferWarmup, inferRuns, decodeRepeats, predictWarmup,
                predictRepeats, startupWarmup, startupRuns, sampleLimit, 5, 40);
    }
}
