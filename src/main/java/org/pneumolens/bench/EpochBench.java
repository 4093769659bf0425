package org.pneumolens.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.pneumolens.core.data.Dataset;
import org.pneumolens.core.data.DatasetException;
import org.pneumolens.core.data.DatasetScanner;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.train.EpochResult;
import org.pneumolens.core.train.Trainer;
import org.pneumolens.core.train.TrainingCancelledException;
import org.pneumolens.core.train.TrainingConfig;
import org.pneumolens.core.train.TrainingProgress;

/**
 * {@code epoch_s}: one epoch of the bundled model's training configuration ({@link TrainingConfig#DEFAULTS}) run by
 * the app's own {@link Trainer}, from files on disk: decoding of train and val, the epoch's batches with
 * augmentation, and the validation pass, as a user waits for them in the Train tab.
 */
public final class EpochBench {
    /**
     * @param seconds        wall time of {@code Trainer.train} for one epoch, decoding included
     * @param decodeSeconds  the share of it spent decoding train and val images before the first batch
     * @param fitSeconds     the epoch itself (batches and validation), as the trainer reports it
     * @param fraction       share of each class of train (and val) that was used
     * @param trainImages    training images used
     * @param valImages      validation images used (0: the trainer split them off train by patient)
     */
    public record Result(double seconds, double decodeSeconds, double fitSeconds, double fraction, int trainImages,
                         int valImages) {
    }

    private EpochBench() {
    }

    /**
     * @param data     a dataset folder with train/ and val/ (or class folders only: val is then split by patient)
     * @param fraction in (0, 1]: the share of each class kept, chosen with a fixed seed
     */
    public static Result run(Path data, double fraction) throws DatasetException, InterruptedException,
            TrainingCancelledException {
        if (!(fraction > 0 && fraction <= 1)) {
            throw new IllegalArgumentException("epoch fraction must be in (0, 1], was " + fraction);
        }
        TrainingConfig config = TrainingConfig.DEFAULTS.withEpochs(1);
        Dataset dataset = DatasetScanner.scanDataset(data);
        ImageSet train = subset(dataset.train(), fraction, config.seed());
        ImageSet val = dataset.val() == null ? null : subset(dataset.val(), fraction, config.seed());

        long[] lastDecodeTick = {0};
        double[] fitSeconds = {Double.NaN};
        TrainingProgress timing = new TrainingProgress() {
            @Override
            public void batch(int epoch, int done, int total) {
                if (epoch == 0) { // epoch 0 is the decoding phase (train, then val)
                    lastDecodeTick[0] = System.nanoTime();
                }
            }

            @Override
            public void epoch(EpochResult r) {
                fitSeconds[0] = r.seconds();
            }
        };
        long t0 = System.nanoTime();
        new Trainer(config, timing, () -> false).train(train, val);
        double seconds = (System.nanoTime() - t0) / 1e9;
        double decode = lastDecodeTick[0] == 0 ? Double.NaN : (lastDecodeTick[0] - t0) / 1e9;
        return new Result(seconds, decode, fitSeconds[0], fraction, train.size(), val == null ? 0 : val.size());
    }

    /** Keeps {@code max(1, round(fraction * n_c))} images of each class, drawn with {@code seed}. */
    static ImageSet subset(ImageSet set, double fraction, long seed) {
        if (fraction >= 1) {
            return set;
        }
        Random rnd = new Random(seed);
        List<LabeledImage> kept = new ArrayList<>();
        for (int c = 0; c < set.classes().size(); c++) {
            List<LabeledImage> ofClass = new ArrayList<>();
            for (LabeledImage img : set.images()) {
                if (img.label() == c) {
                    ofClass.add(img);
                }
            }
            Collections.shuffle(ofClass, rnd);
            int n = (int) Math.max(1, Math.round(fraction * ofClass.size()));
            kept.addAll(ofClass.subList(0, Math.min(n, ofClass.size())));
        }
        return set.withImages(kept);
    }
}
