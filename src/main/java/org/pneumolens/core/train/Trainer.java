package org.pneumolens.core.train;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.BooleanSupplier;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.Version;
import org.pneumolens.core.calibration.Calibrator;
import org.pneumolens.core.data.Augmenter;
import org.pneumolens.core.data.DecodedImages;
import org.pneumolens.core.data.ImageSet;
import org.pneumolens.core.data.LabeledImage;
import org.pneumolens.core.data.PatientSplit;
import org.pneumolens.core.engine.NativeHelpers;
import org.pneumolens.core.image.Preprocessing;
import org.pneumolens.core.metrics.BinaryMetrics;
import org.pneumolens.core.metrics.Evaluation;
import org.pneumolens.core.model.Architectures;
import org.pneumolens.core.model.ModelFormatException;
import org.pneumolens.core.model.ModelMetadata;
import org.pneumolens.core.model.PneumoModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains a {@link Architectures#pneumoNet PneumoNet}: decode once, then per epoch shuffle, augment, fit batch
 * by batch (checking for a stop request before each), evaluate on validation, keep the weights of the epoch
 * with the best validation AUC, stop early after {@code patience} epochs without improvement, and finally
 * calibrate the kept model's probabilities and choose the decision threshold and borderline band on validation
 * ({@link Calibrator}).
 */
public final class Trainer {
    private static final Logger LOG = LoggerFactory.getLogger(Trainer.class);
    /** Cosine decay ends at this fraction of the initial learning rate. */
    private static final double MIN_LR_FRACTION = 0.05;

    private final TrainingConfig config;
    private final TrainingProgress progress;
    private final BooleanSupplier cancelled;

    public Trainer(TrainingConfig config, TrainingProgress progress, BooleanSupplier cancelled) {
        this.config = config;
        this.progress = progress;
        this.cancelled = cancelled;
    }

    /**
     * @param val the validation set, or null to split {@code train} by patient
     */
    public TrainingResult train(ImageSet train, ImageSet val) throws TrainingCancelledException, InterruptedException {
        long start = System.nanoTime();
        String valSource;
        if (val == null) {
            PatientSplit.Split split = PatientSplit.split(train, config.valFraction(), config.seed());
            train = split.train();
            val = split.val();
            valSource = String.format(Locale.ROOT, "patient-wise split of the training folder (%.0f%% of images)",
                    100 * config.valFraction());
        } else {
            valSource = "folder " + val.root().getFileName();
        }
        List<String> classes = train.classes();
        int pos = positiveIndex(classes);
        Preprocessing prep = Preprocessing.standard(config.inputSize());

        ImageSet trainSet = train;
        progress.message("Decoding " + train.size() + " training images...");
        DecodedImages trainData = DecodedImages.decode(train.images(), prep, cancelled,
                done -> progress.batch(0, done, trainSet.size()));
        progress.message("Decoding " + val.size() + " validation images...");
        ImageSet valSet = val;
        DecodedImages valData = DecodedImages.decode(val.images(), prep, cancelled,
                done -> progress.batch(0, done, valSet.size()));
        trainData.failed().forEach(f -> progress.message("skipped " + f.path().getFileName() + ": " + f.reason()));
        valData.failed().forEach(f -> progress.message("skipped " + f.path().getFileName() + ": " + f.reason()));
        requireUsable(trainData, valData, classes.size());

        double[] weights = config.classWeights() ? classWeights(trainData.labels(), classes.size()) : null;
        MultiLayerNetwork net = Architectures.pneumoNet(config.inputSize(), classes.size(), config.learningRate(),
                config.seed(), weights, config.width());
        EpochFigures figures = new EpochFigures();
        net.setListeners(figures);

        float[][] valInputs = normalizeAll(prep, valData.pixels());
        boolean[] valPositive = positives(valData.labels(), pos);
        Random rnd = new Random(config.seed());
        int n = trainData.count();
        int batches = (n + config.batchSize() - 1) / config.batchSize();

        Outcome outcome = new Outcome(net, valData, pos, classes, train, valSet, valSource, start);
        List<EpochResult> history = new ArrayList<>();
        Best best = null;
        double bestAuc = Double.NEGATIVE_INFINITY;
        boolean stopped = false;
        boolean early = false;
        for (int epoch = 1; epoch <= config.epochs(); epoch++) {
            long t0 = System.nanoTime();
            double lr = learningRate(epoch);
            net.setLearningRate(lr);
            figures.reset();
            int[] order = shuffled(n, rnd);
            for (int b = 0; b < batches; b++) {
                if (cancelled.getAsBoolean()) {
                    stopped = true;
                    break;
                }
                int from = b * config.batchSize();
                int to = Math.min(n, from + config.batchSize());
                DataSet ds = batch(trainData, prep, order, from, to, classes.size(), rnd);
                figures.setLabels(ds.getLabels());
                net.fit(ds);
                progress.batch(epoch, b + 1, batches);
            }
            if (stopped) {
                progress.message("Stopped during epoch " + epoch + "; keeping the best epoch so far");
                break;
            }
            double[][] probs = probabilities(net, valInputs, prep);
            double valLoss = crossEntropy(probs, valData.labels());
            double valAcc = argmaxAccuracy(probs, valData.labels());
            double valAuc = BinaryMetrics.auc(valPositive, column(probs, pos));
            boolean improved = valAuc > bestAuc + 1e-6 || best == null;
            double secs = (System.nanoTime() - t0) / 1e9;
            EpochResult r = new EpochResult(epoch, config.epochs(), figures.loss(), figures.accuracy(), valLoss, valAcc,
                    valAuc, secs, lr, improved);
            history.add(r);
            LOG.info(r.line());
            progress.epoch(r);
            if (improved) {
                bestAuc = valAuc;
                best = new Best(epoch, net.params().dup(), probs);
                // Only a listener that asks (the CLI's checkpoint) pays for building the model.
                progress.improved(new Checkpoint(outcome, best, List.copyOf(history)));
            } else if (config.patience() > 0 && epoch - best.epoch() >= config.patience()) {
                progress.message("Early stop: validation AUC has not improved for " + config.patience() + " epochs");
                early = true;
                break;
            }
        }
        if (best == null) {
            throw new TrainingCancelledException("Training was stopped before the first epoch finished; no model kept");
        }
        return outcome.result(best, history, stopped, early);
    }

    /** The best epoch so far: its number, a copy of its weights and its validation probabilities [n, classes]. */
    private record Best(int epoch, INDArray params, double[][] valProbs) {
    }

    /**
     * The best model so far, offered to {@link TrainingProgress#improved}: building it (a network clone, the
     * threshold search, the validation metrics and a checking forward pass) happens only if {@link #result()} is
     * called, at most once, and must happen on the training thread during that callback.
     */
    public static final class Checkpoint {
        private final Outcome outcome;
        private final Best best;
        private final List<EpochResult> history;
        private TrainingResult built;

        private Checkpoint(Outcome outcome, Best best, List<EpochResult> history) {
            this.outcome = outcome;
            this.best = best;
            this.history = history;
        }

        /** The epoch that improved. */
        public int epoch() {
            return best.epoch();
        }

        /** The model of that epoch and its metrics, as {@link Trainer#train} would return it if the run ended now. */
        public TrainingResult result() {
            if (built == null) {
                built = outcome.result(best, history, false, false);
            }
            return built;
        }
    }

    /** What turns the best epoch into a {@link TrainingResult}: everything about the run that does not change. */
    private final class Outcome {
        private final MultiLayerNetwork net;
        private final DecodedImages valData;
        private final int pos;
        private final List<String> classes;
        private final ImageSet train;
        private final ImageSet val;
        private final String valSource;
        private final long start;

        Outcome(MultiLayerNetwork net, DecodedImages valData, int pos, List<String> classes, ImageSet train,
                ImageSet val, String valSource, long start) {
            this.net = net;
            this.valData = valData;
            this.pos = pos;
            this.classes = classes;
            this.train = train;
            this.val = val;
            this.valSource = valSource;
            this.start = start;
        }

        /** The kept model: best epoch's weights, threshold chosen on validation, metrics at that threshold. */
        TrainingResult result(Best best, List<EpochResult> history, boolean stopped, boolean early) {
            MultiLayerNetwork kept = NativeHelpers.install(net.clone()); // a clone is built from the configuration alone
            kept.setParams(best.params());
            kept.setListeners(); // the training listener holds batch state; the kept model needs none
            // Calibration, operating point and borderline band on validation: everything below is calibrated.
            Calibrator.Result calibrated = calibrate(best.valProbs());
            double[][] valProbs = calibrated == null ? best.valProbs() : calibrated.calibrated();
            boolean[] positive = positives(valData.labels(), pos);
            double[] score = column(valProbs, pos);
            double threshold = calibrated == null ? BinaryMetrics.youdenThreshold(positive, score)
                    : calibrated.threshold();
            boolean[] correct = new boolean[score.length];
            List<ValPrediction> perImage = new ArrayList<>(score.length);
            for (int i = 0; i < score.length; i++) {
                int predicted = PneumoModel.labelIndex(valProbs[i], pos, threshold);
                correct[i] = predicted == valData.labels()[i];
                perImage.add(new ValPrediction(valData.kept().get(i).path(), valData.labels()[i], predicted,
                        valProbs[i]));
            }
            Evaluation eval = BinaryMetrics.evaluate(positive, score, threshold, correct);
            double secs = (System.nanoTime() - start) / 1e9;
            ModelMetadata meta = new ModelMetadata(ModelMetadata.FORMAT_VERSION,
                    "PneumoNet " + config.inputSize() + " (" + train.root().getFileName() + ", "
                            + Instant.now().toString().substring(0, 10) + ")",
                    Architectures.PNEUMONET, classes, classes.get(pos), threshold,
                    new ModelMetadata.Input(config.inputSize(), Preprocessing.DATASET_SIZE, Preprocessing.MEAN,
                            Preprocessing.STD, Architectures.layout().name(), 1),
                    new ModelMetadata.Metrics(eval.n(), eval.accuracy(), eval.sensitivity(), eval.specificity(),
                            eval.auc(), eval.ece(), eval.confusion()),
                    new ModelMetadata.TrainingSummary(train.root().toString(), train.counts(), valSource, val.counts(),
                            history.size(), best.epoch(), config.batchSize(), config.learningRate(),
                            config.augmentation(), config.classWeights(), config.seed(), secs,
                            config.labelSmoothing(), config.width()),
                    Instant.now().toString(), Version.get(), calibrated == null ? null : calibrated.calibration());
            try {
                return new TrainingResult(PneumoModel.checked(kept, meta, "trained model"), List.copyOf(history),
                        best.epoch(), eval, stopped, early, perImage);
            } catch (ModelFormatException e) {
                throw new IllegalStateException("freshly trained model does not fit its own metadata", e);
            }
        }

        /** Null for more than two classes or under 4 validation images (softmax shown as it is). */
        private Calibrator.Result calibrate(double[][] softmax) {
            if (classes.size() != 2 || softmax.length < 4) {
                return null;
            }
            List<String> patients = valData.kept().stream().map(LabeledImage::patientId).toList();
            return Calibrator.fit(softmax, valData.labels(), pos, patients, valSource, config.seed());
        }
    }

    /** The positive class: PNEUMONIA when present, else the last class in sorted order. */
    public static int positiveIndex(List<String> classes) {
        int i = classes.indexOf("PNEUMONIA");
        return i >= 0 ? i : classes.size() - 1;
    }

    /** Inverse-frequency weights n / (k * n_c), so each class contributes equally to the loss. */
    static double[] classWeights(int[] labels, int k) {
        double[] counts = new double[k];
        for (int l : labels) counts[l]++;
        double[] w = new double[k];
        for (int c = 0; c < k; c++) w[c] = counts[c] == 0 ? 0 : labels.length / (k * counts[c]);
        return w;
    }

    private double learningRate(int epoch) {
        double t = config.epochs() == 1 ? 0 : (epoch - 1) / (double) (config.epochs() - 1);
        double cos = 0.5 * (1 + Math.cos(Math.PI * t));
        return config.learningRate() * (MIN_LR_FRACTION + (1 - MIN_LR_FRACTION) * cos);
    }

    private DataSet batch(DecodedImages data, Preprocessing prep, int[] order, int from, int to, int k, Random rnd) {
        int s = data.size();
        float[][] inputs = new float[to - from][];
        int[] classOf = new int[to - from];
        for (int i = from; i < to; i++) {
            int idx = order[i];
            float[] px = config.augmentation() ? Augmenter.augment(data.pixels()[idx], s, rnd) : data.pixels()[idx];
            inputs[i - from] = prep.normalize(px);
            classOf[i - from] = data.labels()[idx];
        }
        return new DataSet(PneumoModel.tensor(inputs, s, Architectures.layout().name()),
                targets(classOf, k, config.labelSmoothing()));
    }

    /** One row per image: 1 - eps + eps/k on its class, eps/k elsewhere (plain one-hot at eps = 0). */
    static INDArray targets(int[] classOf, int k, double smoothing) {
        float off = (float) (smoothing / k);
        INDArray t = Nd4j.valueArrayOf(new long[] {classOf.length, k}, off, org.nd4j.linalg.api.buffer.DataType.FLOAT);
        for (int i = 0; i < classOf.length; i++) t.putScalar(i, classOf[i], 1f - (float) smoothing + off);
        return t;
    }

    static double[][] probabilities(MultiLayerNetwork net, float[][] inputs, Preprocessing prep) {
        return PneumoModel.probabilities(net, inputs.length, i -> inputs[i], prep.inputSize(),
                Architectures.layout().name());
    }

    private static float[][] normalizeAll(Preprocessing prep, float[][] pixels) {
        float[][] out = new float[pixels.length][];
        for (int i = 0; i < pixels.length; i++) out[i] = prep.normalize(pixels[i]);
        return out;
    }

    private static double crossEntropy(double[][] probs, int[] labels) {
        double sum = 0;
        for (int i = 0; i < labels.length; i++) sum -= Math.log(probs[i][labels[i]] + 1e-7);
        return sum / labels.length;
    }

    private static double argmaxAccuracy(double[][] probs, int[] labels) {
        int ok = 0;
        for (int i = 0; i < labels.length; i++) {
            int arg = 0;
            for (int c = 1; c < probs[i].length; c++) if (probs[i][c] > probs[i][arg]) arg = c;
            if (arg == labels[i]) ok++;
        }
        return (double) ok / labels.length;
    }

    static boolean[] positives(int[] labels, int pos) {
        boolean[] b = new boolean[labels.length];
        for (int i = 0; i < labels.length; i++) b[i] = labels[i] == pos;
        return b;
    }

    static double[] column(double[][] probs, int c) {
        double[] out = new double[probs.length];
        for (int i = 0; i < probs.length; i++) out[i] = probs[i][c];
        return out;
    }

    private static int[] shuffled(int n, Random rnd) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static void requireUsable(DecodedImages train, DecodedImages val, int k) throws InterruptedException {
        int[] tc = new int[k];
        for (int l : train.labels()) tc[l]++;
        for (int c = 0; c < k; c++) {
            if (tc[c] == 0) {
                throw new IllegalArgumentException("No readable training image in class " + c + " after decoding");
            }
        }
        if (val.count() == 0) {
            throw new IllegalArgumentException("No readable validation image");
        }
    }
}
