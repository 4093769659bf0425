package org.pneumolens.core.train;

import java.util.List;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Accumulates training loss and accuracy from the forward passes DL4J already does while fitting, so the
 * epoch's training figures cost no extra inference. DL4J hands listeners the activations up to the input of
 * the output layer; the softmax output is recomputed from it with the output layer's current weights
 * (a [batch, nIn] x [nIn, classes] product).
 */
final class EpochFigures extends BaseTrainingListener {
    private INDArray labels;
    private double lossSum;
    private long correct;
    private long count;

    void setLabels(INDArray batchLabels) {
        this.labels = batchLabels;
    }

    void reset() {
        lossSum = 0;
        correct = 0;
        count = 0;
    }

    double loss() {
        return count == 0 ? Double.NaN : lossSum / count;
    }

    double accuracy() {
        return count == 0 ? Double.NaN : (double) correct / count;
    }

    @Override
    public void onForwardPass(Model model, List<INDArray> activations) {
        MultiLayerNetwork net = (MultiLayerNetwork) model;
        int last = net.getnLayers() - 1;
        try (MemoryWorkspace ignored = Nd4j.getMemoryManager().scopeOutOfWorkspaces()) {
            INDArray in = activations.get(activations.size() - 1).detach(); // input to the output layer
            INDArray logits = in.mmul(net.getLayer(last).getParam("W")).addiRowVector(net.getLayer(last).getParam("b"));
            INDArray p = Transforms.softmax(logits, true);
            INDArray y = labels;
            // Unweighted cross-entropy, comparable with the validation loss.
            double ce = -Transforms.log(p.mul(y).sum(1).addi(1e-7), false).sumNumber().doubleValue();
            INDArray predicted = p.argMax(1);
            INDArray actual = y.argMax(1);
            long n = y.size(0);
            long ok = predicted.eq(actual).castTo(org.nd4j.linalg.api.buffer.DataType.INT).sumNumber().longValue();
            lossSum += ce;
            correct += ok;
            count += n;
        }
    }
}
