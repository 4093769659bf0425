package org.pneumolens.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.IntFunction;
import java.util.Optional;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.calibration.Calibration;
import org.pneumolens.core.check.InputCheck;
import org.pneumolens.core.engine.ChannelsLastForward;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.Preprocessing;

/**
 * A trained network (or an ensemble of networks whose softmax outputs are averaged) with its metadata: turns images
 * into probabilities, labels and Grad-CAM maps. DL4J networks keep per-call state in their layers, so every use is
 * synchronised on this object.
 */
public final class PneumoModel {
    /** Inputs per forward pass when scoring many images. */
    public static final int OUTPUT_BATCH = 64;

    private final MultiLayerNetwork net; // the first member: the input check's features come from it
    private final List<MultiLayerNetwork> members;
    private final ModelMetadata metadata;
    private final Preprocessing preprocessing;
    private final InputCheck inputCheck; // null: made before input checks, or not fitted yet
    /**
     * Per member, its channels-last inference plan (null entry: DL4J's own forward pass), made on first use or
     * handed on by the model this one shares its networks with (the probe's, a copy with new metadata or input
     * check): a plan costs 15-20 ms to make. A plan is a snapshot of the member's weights: the networks of a model
     * are not trained after it is made. Volatile: the copies read it outside this model's lock.
     */
    private volatile List<ChannelsLastForward> plans;

    private PneumoModel(List<MultiLayerNetwork> members, ModelMetadata metadata, InputCheck inputCheck) {
        this(members, metadata, inputCheck, null);
    }

    /** @param plans the members' plans when already made for the same networks and input size, else null */
    private PneumoModel(List<MultiLayerNetwork> members, ModelMetadata metadata, InputCheck inputCheck,
                        List<ChannelsLastForward> plans) {
        this.plans = plans;
        this.members = List.copyOf(members);
        this.net = this.members.get(0);
        this.metadata = metadata;
        this.inputCheck = inputCheck;
        ModelMetadata.Input in = metadata.input();
        this.preprocessing = new Preprocessing(in.size(), in.datasetSize(), in.mean(), in.std());
    }

    /** Wraps a network, refusing it when its shape does not fit the metadata. */
    public static PneumoModel checked(MultiLayerNetwork net, ModelMetadata metadata, String name)
            throws ModelFormatException {
        return checked(List.of(net), metadata, name);
    }

    /**
     * Wraps an ensemble's member networks (one or more, in order), refusing them when their number or shape does not
     * fit the metadata; every member is probed on its own, so one broken member cannot hide in the average.
     */
    public static PneumoModel checked(List<MultiLayerNetwork> nets, ModelMetadata metadata, String name)
            throws ModelFormatException {
        ModelFile.validate(metadata, name);
        if (nets.isEmpty() || nets.size() != metadata.memberCount()) {
            throw new ModelFormatException(name + ": " + nets.size() + " network(s) but the metadata describes "
                    + metadata.memberCount());
        }
        List<ChannelsLastForward> plans = new java.util.ArrayList<>(nets.size());
        for (int m = 0; m < nets.size(); m++) {
            PneumoModel member = new PneumoModel(List.of(nets.get(m)), metadata.withEnsemble(null, metadata.name()),
                    null);
            probe(member, nets.size() == 1 ? name : name + " (member " + (m + 1) + ")");
            plans.add(member.plan(0)); // made by the probe: not again for the model itself
        }
        return new PneumoModel(nets, metadata, null, plans);
    }

    private static void probe(PneumoModel model, String name) throws ModelFormatException {
        ModelMetadata metadata = model.metadata;
        int size = metadata.input().size();
        INDArray out;
        try {
            // Probe: a blank image and one of noise, in one batch.
            float[] noise = new float[size * size];
            java.util.Random r = new java.util.Random(1);
            for (int i = 0; i < noise.length; i++) {
                noise[i] = (float) r.nextGaussian();
            }
            out = model.output(new float[][]{new float[size * size], noise});
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new ModelFormatException(name + ": the network does not accept the " + size + "x" + size
                    + " grey input its metadata describes (" + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
        }
        if (out.rank() != 2 || out.size(0) != 2 || out.size(1) != metadata.classes().size()) {
            throw new ModelFormatException(name + ": the network has " + (out.rank() == 2 ? out.size(1) : "?")
                    + " outputs but the metadata names " + metadata.classes().size() + " classes");
        }
        for (int row = 0; row < 2; row++) {
            String problem = notProbabilities(out.getRow(row).toDoubleVector());
            if (problem != null) {
                throw new ModelFormatException(name + ": the network's outputs for a test input are not "
                        + "probabilities (" + problem + ")");
            }
        }
    }

    /** Writes the model to {@code target} with {@link ModelFile#save}, never while it predicts on another thread. */
    public synchronized void save(Path target) throws IOException {
        ModelFile.save(members, metadata, inputCheck().orElse(null), target);
    }

    /** As {@link #save(Path)}, with the metadata's name replaced by {@code name} (the user names a model on save). */
    public synchronized void save(Path target, String name) throws IOException {
        ModelFile.save(members, metadata.withName(name), inputCheck().orElse(null), target);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    /** The fitted input check stored with the model, if it has one. */
    public Optional<InputCheck> inputCheck() {
        return Optional.ofNullable(inputCheck);
    }

    /**
     * The same network (shared, not copied) and input check with new metadata (a new calibration, say), checked
     * as on loading.
     */
    public PneumoModel withMetadata(ModelMetadata m) throws ModelFormatException {
        ModelFile.validate(m, "model");
        if (m.memberCount() != members.size()) {
            throw new ModelFormatException("model: the metadata describes " + m.memberCount() + " network(s), the "
                    + "model has " + members.size());
        }
        return new PneumoModel(members, m, inputCheck, m.input().size() == metadata.input().size() ? plans : null);
    }

    /** How this model's probabilities are calibrated ({@link Calibration#NONE} for a model made before). */
    public Calibration calibration() {
        return metadata.calibrationOrNone();
    }

    /** The same network (shared, not copied) with another input check; null removes it. */
    public PneumoModel withInputCheck(InputCheck check) {
        return new PneumoModel(members, metadata, check, plans);
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public List<String> classes() {
        return metadata.classes();
    }

    /**
     * The network itself (an ensemble's first member), for training code and tests; not safe to use concurrently
     * with this model.
     */
    public MultiLayerNetwork network() {
        return net;
    }

    /** Every member network in order (one for a single model); not safe to use concurrently with this model. */
    public List<MultiLayerNetwork> members() {
        return members;
    }

    /**
     * An ensemble of these models' networks, their softmax outputs averaged: same classes and input, each
     * model's networks in order, the first model's input check (fitted on its first network's features).
     * The result carries the first model's threshold and calibration until it is calibrated again, which it
     * must be (ModelCalibrator): a single network's calibration does not fit an average.
     */
    public static PneumoModel ensemble(List<PneumoModel> models, String name) throws ModelFormatException {
        PneumoModel first = models.get(0);
        List<MultiLayerNetwork> nets = new java.util.ArrayList<>();
        List<ModelMetadata.TrainingSummary> training = new java.util.ArrayList<>();
        for (PneumoModel m : models) {
            ModelMetadata.Input a = first.metadata.input();
            ModelMetadata.Input b = m.metadata.input();
            if (!m.classes().equals(first.classes()) || !m.metadata.positiveClass().equals(first.metadata.positiveClass())
                    || !a.equals(b)) {
                throw new ModelFormatException(name + ": ensemble members must have the same classes, positive class "
                        + "and input (" + first.metadata.name() + " and " + m.metadata.name() + " differ)");
            }
            nets.addAll(m.members);
            for (int i = 0; i < m.members.size(); i++) {
                training.add(m.metadata.ensemble() == null ? m.metadata.training()
                        : m.metadata.ensemble().training().get(i));
            }
        }
        if (nets.size() > ModelMetadata.MAX_MEMBERS) {
            throw new ModelFormatException(name + ": an ensemble holds at most " + ModelMetadata.MAX_MEMBERS
                    + " networks, these models have " + nets.size());
        }
        ModelMetadata meta = first.metadata.withEnsemble(
                nets.size() == 1 ? null : new ModelMetadata.Ensemble(nets.size(), training), name);
        return checked(nets, meta, name).withInputCheck(first.inputCheck);
    }

    public Prediction predict(GreyImage image) {
        return predictInputs(new float[][]{preprocessing.toInput(image)})[0];
    }

    /** Predictions for already preprocessed inputs (each of length size²). */
    public Prediction[] predictInputs(float[][] inputs) {
        INDArray out = output(inputs);
        Prediction[] p = new Prediction[inputs.length];
        for (int i = 0; i < inputs.length; i++) {
            p[i] = label(out.getRow(i).toDoubleVector());
        }
        return p;
    }

    /**
     * The one place where the network's softmax becomes what is shown: calibrates it with the model's stored
     * calibration, then applies the stored threshold (on the calibrated scale) — the positive class when its
     * probability reaches it, else the most likely other. Every prediction, evaluation and report goes through here.
     *
     * @param softmax the network's output for one image (raw, uncalibrated)
     * @throws ModelOutputException when the outputs are not probabilities (NaN, infinite, outside [0, 1], or not
     *                              summing to 1): such a row is an error for that image, never a label
     */
    public Prediction label(double[] softmax) {
        String problem = notProbabilities(softmax);
        if (problem != null) {
            throw new ModelOutputException("the model's output is not a probability vector (" + problem + ")");
        }
        Calibration c = metadata.calibrationOrNone();
        double[] probabilities = c.apply(softmax, metadata.positiveIndex());
        int label = labelIndex(probabilities, metadata.positiveIndex(), metadata.threshold());
        return new Prediction(metadata.classes(), probabilities, metadata.classes().get(label),
                metadata.threshold(), metadata.positiveClass(), softmax.clone(), c.band());
    }

    /** Null if {@code p} is a probability vector (finite, each in [0, 1], summing to 1 within 1e-3), else why not. */
    public static String notProbabilities(double[] p) {
        double sum = 0;
        for (double v : p) {
            if (!Double.isFinite(v)) {
                return "NaN or infinite";
            }
            if (v < -1e-6 || v > 1 + 1e-6) {
                return "value " + v + " outside [0, 1]";
            }
            sum += v;
        }
        return Math.abs(sum - 1) > 1e-3 ? "they sum to " + sum : null;
    }

    /** The decision rule of {@link #label}, for code that has probabilities but no model yet (training). */
    public static int labelIndex(double[] probabilities, int positive, double threshold) {
        if (probabilities[positive] >= threshold) {
            return positive;
        }
        int label = -1;
        for (int c = 0; c < probabilities.length; c++) {
            if (c != positive && (label < 0 || probabilities[c] > probabilities[label])) {
                label = c;
            }
        }
        return label;
    }

    /** Softmax outputs and the penultimate features (the input of the output layer) of one forward pass. */
    public record Forward(double[][] probabilities, float[][] features) {
    }

    /**
     * One forward pass giving both the softmax outputs (an ensemble's averaged) and the activations that feed the
     * output layer of the first network: for PneumoNet the global-average-pool output (256 values; dropout is the
     * identity at inference).
     */
    public synchronized Forward forward(float[][] inputs) {
        INDArray input = toTensor(inputs);
        ChannelsLastForward plan = plan(0);
        if (plan != null) {
            ChannelsLastForward.Result r = plan.run(input);
            INDArray out = withOtherMembers(r.output(), input);
            try {
                return forward(out, r.features(), inputs.length);
            } finally {
                close(input);
                close(out);
                close(r.features());
            }
        }
        List<INDArray> acts = net.feedForward(input, false); // [input, layer 0, ..., output layer]
        INDArray out = null;
        try {
            out = averaged(acts.get(acts.size() - 1), members, input); // [n, classes]
            return forward(out, acts.get(acts.size() - 2), inputs.length);
        } finally {
            // Every layer's activations of the whole batch live off the heap, detached from any workspace, until a
            // collection frees them; a batch job allocates little heap, so without this its resident size grew
            // with the number of images (up to JavaCPP's maxbytes). Freed now, they are copied out above.
            close(input);
            acts.forEach(PneumoModel::close);
            if (members.size() > 1) {
                close(out); // the ensemble's average, a copy of its own
            }
        }
    }

    /** Copies the outputs [n, classes] and features (any shape with n rows) out to the heap. */
    private static Forward forward(INDArray out, INDArray feat, int n) {
        INDArray rows = feat.reshape(feat.size(0), feat.length() / feat.size(0)); // [n, d]
        double[][] p = new double[n][];
        float[][] f = new float[n][];
        for (int i = 0; i < n; i++) {
            p[i] = out.getRow(i).toDoubleVector();
            f[i] = rows.getRow(i).toFloatVector();
        }
        return new Forward(p, f);
    }

    private static void close(INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    /** Raw softmax outputs (uncalibrated; an ensemble's averaged in probability space), shape [n, classes]. */
    public synchronized INDArray output(float[][] inputs) {
        INDArray x = toTensor(inputs);
        try {
            return averagedOutput(x);
        } finally {
            close(x);
        }
    }

    /** The members' averaged softmax for {@code x}, each member on its plan where it has one. */
    private INDArray averagedOutput(INDArray x) {
        return withOtherMembers(memberOutput(0, x), x);
    }

    /**
     * {@code first}, the first member's softmax for {@code x} (an array of the caller's, changed in place), averaged
     * with the other members' outputs; itself for a single network.
     */
    private INDArray withOtherMembers(INDArray first, INDArray x) {
        for (int m = 1; m < members.size(); m++) {
            INDArray o = memberOutput(m, x);
            first.addi(o);
            close(o);
        }
        return members.size() == 1 ? first : first.divi(members.size());
    }

    private INDArray memberOutput(int m, INDArray x) {
        ChannelsLastForward plan = plan(m);
        return plan != null ? plan.output(x) : members.get(m).output(x, false);
    }

    /** Member {@code m}'s plan, or null where {@link ChannelsLastForward#forInput} gives none (DL4J's own pass). */
    private ChannelsLastForward plan(int m) {
        if (plans == null) {
            int size = metadata.input().size();
            List<ChannelsLastForward> made = new java.util.ArrayList<>(members.size());
            for (MultiLayerNetwork member : members) {
                made.add(ChannelsLastForward.forInput(member, size, size).orElse(null));
            }
            plans = made;
        }
        return plans.get(m);
    }

    private static INDArray output(List<MultiLayerNetwork> nets, INDArray x) {
        return averaged(nets.get(0).output(x, false), nets, x);
    }

    /**
     * The first member's softmax {@code first} itself for a single network; for an ensemble a new array, the mean
     * of it and the other members' outputs for {@code x} (each freed once added).
     */
    private static INDArray averaged(INDArray first, List<MultiLayerNetwork> nets, INDArray x) {
        if (nets.size() == 1) {
            return first;
        }
        INDArray out = first.dup();
        for (MultiLayerNetwork other : nets.subList(1, nets.size())) {
            INDArray o = other.output(x, false);
            out.addi(o);
            close(o);
        }
        return out.divi(nets.size());
    }

    /**
     * Softmax outputs of {@code n} preprocessed inputs, one row per input, computed {@value #OUTPUT_BATCH} at a time
     * so that neither the inputs of a whole dataset nor its tensor need to exist at once (evaluation, validation).
     *
     * @param input the i-th preprocessed input (length s²), asked for once per index, in order
     */
    public static double[][] probabilities(MultiLayerNetwork net, int n, IntFunction<float[]> input, int s,
                                           String layout) {
        return probabilities(List.of(net), n, input, s, layout);
    }

    private static double[][] probabilities(List<MultiLayerNetwork> nets, int n, IntFunction<float[]> input, int s,
                                            String layout) {
        return inChunks(n, input, chunk -> output(nets, tensor(chunk, s, layout)));
    }

    /**
     * The rows of {@code output} over {@code n} inputs, {@value #OUTPUT_BATCH} inputs at a time, each chunk's
     * output [chunk, classes] freed once copied.
     */
    private static double[][] inChunks(int n, IntFunction<float[]> input,
                                       java.util.function.Function<float[][], INDArray> output) {
        double[][] out = new double[n][];
        try {
            for (int from = 0; from < n; from += OUTPUT_BATCH) {
                int to = Math.min(n, from + OUTPUT_BATCH);
                float[][] chunk = new float[to - from][];
                for (int i = from; i < to; i++) {
                    chunk[i - from] = input.apply(i);
                }
                INDArray p = output.apply(chunk);
                for (int i = from; i < to; i++) {
                    out[i] = p.getRow(i - from).toDoubleVector();
                }
                close(p);
            }
        } finally {
            // The chunks' maps came from this thread's reused buffers (~100 MB for 64 PneumoNet inputs): a dataset
            // pass is over, so a training thread does not keep them until its next validation.
            ChannelsLastForward.releaseBatchBuffers();
        }
        return out;
    }

    /**
     * {@link #probabilities(MultiLayerNetwork, int, IntFunction, int, String)} with this model: the network's raw
     * softmax; pass each row to {@link #label} for what is shown.
     */
    public synchronized double[][] probabilities(int n, IntFunction<float[]> input) {
        return inChunks(n, input, this::output);
    }

    /** One class's map as {@link #analyse} shows it (scaled by its probability relative to the most likely class). */
    public synchronized GradCam.Heatmap gradCam(GreyImage image, int classIndex) {
        return analyse(image).maps().get(classIndex);
    }

    /**
     * A prediction and one Grad-CAM map per class (in class order), from a single preprocessing of the image; the
     * maps on the predicted class's scale ({@link GradCam#relative}, with the calibrated probabilities).
     */
    public record Analysis(Prediction prediction, List<GradCam.Heatmap> maps, float[] features) {
    }

    /**
     * Everything the Diagnose view shows for one image, from one resize and one forward pass (separate
     * {@link #predict} and {@link #gradCam} calls would repeat both per class).
     */
    public synchronized Analysis analyse(GreyImage image) {
        return analyseInput(preprocessing.toInput(image));
    }

    /**
     * {@link #analyse} of an already preprocessed input (length size²); the analysis also carries the features of
     * {@link #forward} (the first member's), from the same pass, so the input check costs no second one.
     */
    public synchronized Analysis analyseInput(float[] input) {
        INDArray x = toTensor(new float[][]{input});
        List<GradCam.All> each = new java.util.ArrayList<>();
        for (int m = 0; m < members.size(); m++) {
            each.add(GradCam.computeAll(members.get(m), plan(m), x));
        }
        GradCam.All all = GradCam.average(each);
        Prediction p = label(all.probabilities());
        return new Analysis(p, GradCam.relative(all.maps(), p.probabilities()), all.features());
    }

    /** Packs preprocessed inputs into the network's input layout: [n, 1, s, s] (NCHW) or [n, s, s, 1] (NHWC). */
    public INDArray toTensor(float[][] inputs) {
        int s = metadata.input().size();
        return tensor(inputs, s, metadata.input().layout());
    }

    public static INDArray tensor(float[][] inputs, int s, String layout) {
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != s * s) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length + " values, expected " + s * s);
            }
        }
        // One channel: NCHW and NHWC are the same bytes, only the declared shape differs.
        long[] shape = "NHWC".equals(layout) ? new long[]{inputs.length, s, s, 1} : new long[]{inputs.length, 1, s, s};
        // Each input goes straight into the off-heap array. A batch of 32 at 160 px packed on the heap first was a
        // 3.3 MB array per pass, a "humongous" object to G1 that started an old-generation cycle of its own.
        INDArray tensor = Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        java.nio.FloatBuffer values = tensor.data().asNioFloat();
        for (int i = 0; i < inputs.length; i++) {
            values.put(i * s * s, inputs[i]);
        }
        return tensor;
    }
}
