package org.pneumolens.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.Preprocessing;

/**
 * A trained network with its metadata: turns images into probabilities, labels and Grad-CAM maps.
 * DL4J networks keep per-call state in their layers, so every use is synchronised on this object.
 */
public final class PneumoModel {
    private final MultiLayerNetwork net;
    private final ModelMetadata metadata;
    private final Preprocessing preprocessing;

    private PneumoModel(MultiLayerNetwork net, ModelMetadata metadata) {
        this.net = net;
        this.metadata = metadata;
        ModelMetadata.Input in = metadata.input();
        this.preprocessing = new Preprocessing(in.size(), in.datasetSize(), in.mean(), in.std());
    }

    /** Wraps a network, refusing it when its shape does not fit the metadata. */
    public static PneumoModel checked(MultiLayerNetwork net, ModelMetadata metadata, String name)
            throws ModelFormatException {
        ModelFile.validate(metadata, name);
        PneumoModel model = new PneumoModel(net, metadata);
        int size = metadata.input().size();
        INDArray out;
        try {
            out = model.output(new float[][]{new float[size * size]});
        } catch (RuntimeException e) {
            throw new ModelFormatException(name + ": the network does not accept the " + size + "x" + size
                    + " grey input its metadata describes (" + e.getMessage() + ")", e);
        }
        if (out.rank() != 2 || out.size(1) != metadata.classes().size()) {
            throw new ModelFormatException(name + ": the network has " + (out.rank() == 2 ? out.size(1) : "?")
                    + " outputs but the metadata names " + metadata.classes().size() + " classes");
        }
        return model;
    }

    /** Writes the model to {@code target} with {@link ModelFile#save}, never while it predicts on another thread. */
    public synchronized void save(Path target) throws IOException {
        ModelFile.save(net, metadata, target);
    }

    /** As {@link #save(Path)}, with the metadata's name replaced by {@code name} (the user names a model on save). */
    public synchronized void save(Path target, String name) throws IOException {
        ModelFile.save(net, metadata.withName(name), target);
    }

    public ModelMetadata metadata() {
        return metadata;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public List<String> classes() {
        return metadata.classes();
    }

    /** The network itself, for training code and tests; not safe to use concurrently with this model. */
    public MultiLayerNetwork network() {
        return net;
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

    /** Applies the stored threshold: the positive class when its probability reaches it, else the most likely other. */
    public Prediction label(double[] probabilities) {
        int label = labelIndex(probabilities, metadata.positiveIndex(), metadata.threshold());
        return new Prediction(metadata.classes(), probabilities, metadata.classes().get(label),
                metadata.threshold(), metadata.positiveClass());
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

    /** Softmax outputs, shape [n, classes]. */
    public synchronized INDArray output(float[][] inputs) {
        return net.output(toTensor(inputs), false);
    }

    public synchronized GradCam.Map gradCam(GreyImage image, int classIndex) {
        return GradCam.compute(net, toTensor(new float[][]{preprocessing.toInput(image)}), classIndex);
    }

    /** A prediction and one Grad-CAM map per class (in class order), from a single preprocessing of the image. */
    public record Analysis(Prediction prediction, List<GradCam.Map> maps) {
    }

    /**
     * Everything the Diagnose view shows for one image, from one resize and one forward pass (separate
     * {@link #predict} and {@link #gradCam} calls would repeat both per class).
     */
    public synchronized Analysis analyse(GreyImage image) {
        GradCam.All all = GradCam.computeAll(net, toTensor(new float[][]{preprocessing.toInput(image)}));
        return new Analysis(label(all.probabilities()), all.maps());
    }

    /** Packs preprocessed inputs into the network's input layout: [n, 1, s, s] (NCHW) or [n, s, s, 1] (NHWC). */
    public INDArray toTensor(float[][] inputs) {
        int s = metadata.input().size();
        return tensor(inputs, s, metadata.input().layout());
    }

    public static INDArray tensor(float[][] inputs, int s, String layout) {
        float[] flat = new float[inputs.length * s * s];
        for (int i = 0; i < inputs.length; i++) {
            if (inputs[i].length != s * s) {
                throw new IllegalArgumentException("input " + i + " has " + inputs[i].length + " values, expected " + s * s);
            }
            System.arraycopy(inputs[i], 0, flat, i * s * s, s * s);
        }
        // One channel: NCHW and NHWC are the same bytes, only the declared shape differs.
        long[] shape = "NHWC".equals(layout) ? new long[]{inputs.length, s, s, 1} : new long[]{inputs.length, 1, s, s};
        return Nd4j.create(flat, shape, 'c').castTo(DataType.FLOAT);
    }
}
