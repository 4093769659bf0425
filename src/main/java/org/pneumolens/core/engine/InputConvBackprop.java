package org.pneumolens.core.engine;

import java.util.Map;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.AlgoMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdDataAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.BwdFilterAlgo;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer.FwdAlgo;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionHelper;
import org.deeplearning4j.nn.params.ConvolutionParamInitializer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.Shape;
import org.nd4j.linalg.convolution.Convolution;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Backward pass of a network's first convolution, which needs only the weight and bias gradients. DL4J's layers
 * (and libnd4j's {@code conv2d_bp}) also compute the gradient with respect to the input image, which nobody uses
 * for the first layer, and oneDNN's kernel for that case (one input channel, a large image) is slow: on this
 * project's machine {@code conv2d_bp} of the seed CNN's first layer took ~470-540 ms per batch of 50, a third of a
 * training step. Here the weight gradient is one im2col plus one small gemm per image (~100 ms), and the layer
 * returns no epsilon, which {@code MultiLayerNetwork} accepts for its first layer.
 *
 * <p>The forward pass is left to the layer's own helper (oneDNN). Only NCHW is handled; anything else goes to
 * that helper's backward pass. {@link NativeHelpers#install} puts this on layer 0; {@code NativeHelpersTest}
 * checks the gradients equal DL4J's own.
 */
final class InputConvBackprop implements ConvolutionHelper {
    private final ConvolutionHelper forward;

    InputConvBackprop(ConvolutionHelper forward) {
        this.forward = forward;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray input, INDArray weights, INDArray bias, INDArray delta,
                                                     int[] kernel, int[] strides, int[] pad, INDArray biasGradView,
                                                     INDArray weightGradView, IActivation afn, AlgoMode mode,
                                                     BwdFilterAlgo bwdFilterAlgo, BwdDataAlgo bwdDataAlgo,
                                                     ConvolutionMode convolutionMode, int[] dilation,
                                                     CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        if (format != CNN2DFormat.NCHW) {
            return forward.backpropGradient(input, weights, bias, delta, kernel, strides, pad, biasGradView,
                    weightGradView, afn, mode, bwdFilterAlgo, bwdDataAlgo, convolutionMode, dilation, format,
                    workspaceMgr);
        }
        long n = input.size(0);
        long outC = delta.size(1);
        long positions = delta.size(2) * delta.size(3);
        long patch = weights.size(1) * kernel[0] * kernel[1]; // inC x kH x kW, the order of the weight rows

        // [n, inC, kH, kW, outH, outW]: each output position's receptive field, as the forward pass saw it.
        // Working memory of the backward pass: in DL4J's workspace, reused every step, instead of off-heap
        // garbage (10-40 MB a batch) that only a garbage collection would free.
        INDArray cols = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, input.dataType(),
                new long[]{n, weights.size(1), kernel[0], kernel[1], delta.size(2), delta.size(3)}, 'c');
        Convolution.im2col(input, kernel[0], kernel[1], strides[0], strides[1], pad[0], pad[1], dilation[0],
                dilation[1], convolutionMode == ConvolutionMode.Same, cols);
        INDArray cols3 = cols.reshape('c', n, patch, positions);
        INDArray deltaC = delta;
        if (!Shape.hasDefaultStridesForShape(delta)) {
            deltaC = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, delta.dataType(), delta.shape(), 'c')
                    .assign(delta);
        }
        INDArray delta3 = deltaC.reshape('c', n, outC, positions);
        INDArray ones = workspaceMgr.create(ArrayType.BP_WORKING_MEM, input.dataType(), new long[]{positions, 1}, 'c').assign(1);

        INDArray w2d = weightGradView.reshape('c', outC, patch); // a view: the gradient lands in the flat vector
        INDArray b2d = biasGradView == null ? null : biasGradView.reshape('c', outC, 1);
        for (long i = 0; i < n; i++) {
            INDArray d = delta3.slice(i); // [outC, positions]
            double beta = i == 0 ? 0.0 : 1.0; // the first image overwrites, the others accumulate
            Nd4j.gemm(d, cols3.slice(i), w2d, false, true, 1.0, beta);
            if (b2d != null) {
                Nd4j.gemm(d, ones, b2d, false, false, 1.0, beta);
            }
        }

        Gradient g = new DefaultGradient();
        if (biasGradView != null) {
            g.setGradientFor(ConvolutionParamInitializer.BIAS_KEY, biasGradView);
        }
        g.setGradientFor(ConvolutionParamInitializer.WEIGHT_KEY, weightGradView, 'c');
        return new Pair<>(g, null);
    }

    @Override
    public INDArray preOutput(INDArray input, INDArray weights, INDArray bias, int[] kernel, int[] strides, int[] pad,
                              AlgoMode mode, FwdAlgo fwdAlgo, ConvolutionMode convolutionMode, int[] dilation,
                              CNN2DFormat format, LayerWorkspaceMgr workspaceMgr) {
        return forward.preOutput(input, weights, bias, kernel, strides, pad, mode, fwdAlgo, convolutionMode, dilation,
                format, workspaceMgr);
    }

    @Override
    public INDArray activate(INDArray z, IActivation afn, boolean training) {
        return forward.activate(z, afn, training);
    }

    @Override
    public Map<String, Long> helperMemoryUse() {
        return forward.helperMemoryUse();
    }

    @Override
    public boolean checkSupported() {
        return forward.checkSupported();
    }
}
