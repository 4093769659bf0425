package org.pneumolens.core.image;

/**
 * How an image becomes the network's input; stored in every model file so that a model is always fed the way
 * it was trained. Steps: grey in [0, 1] → squash-resize to {@code datasetSize} (how the training images were
 * made) → squash-resize to {@code inputSize} → {@code (v - mean) / std}.
 */
public record Preprocessing(int inputSize, int datasetSize, float mean, float std) {
    /** The dataset README: every training image was squashed to 224x224. */
    public static final int DATASET_SIZE = 224;
    /** Fixed affine normalisation to roughly zero mean, unit variance for radiographs in [0, 1]. */
    public static final float MEAN = 0.5f;
    public static final float STD = 0.25f;

    public Preprocessing {
        if (inputSize < 8 || inputSize > 1024) {
            throw new IllegalArgumentException("input size must be between 8 and 1024, was " + inputSize);
        }
        if (std <= 0) {
            throw new IllegalArgumentException("std must be positive");
        }
    }

    public static Preprocessing standard(int inputSize) {
        return new Preprocessing(inputSize, DATASET_SIZE, MEAN, STD);
    }

    /** Squashes an image of any size to the model's square input, without normalising. */
    public GreyImage squash(GreyImage image) {
        GreyImage asDataset = image.width() == datasetSize && image.height() == datasetSize
                ? image : Resampler.resize(image, datasetSize, datasetSize);
        return Resampler.resize(asDataset, inputSize, inputSize);
    }

    /** Normalises a squashed image into a new array of length inputSize². */
    public float[] normalize(float[] squashed) {
        float[] out = new float[squashed.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (squashed[i] - mean) / std;
        }
        return out;
    }

    public float[] toInput(GreyImage image) {
        return normalize(squash(image).pixels());
    }
}
