package org.pneumolens.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

/**
 * Where one training step of a network goes, layer by layer: each layer's forward pass (training mode) and
 * backward pass, timed by running them one at a time as {@code MultiLayerNetwork.fit} does, and the whole
 * {@code fit} step; what the layers do not account for is the updater (Adam), the loss and DL4J's own bookkeeping
 * (workspaces, gradient views). The per-layer passes run without workspaces, so their sum can exceed fit's share.
 */
public final class LayerProfile {
    private LayerProfile() {
    }

    /** Median milliseconds per layer and direction, plus {@code fit_step} for a whole step, keyed by name. */
    public static Map<String, Double> profile(MultiLayerNetwork net, INDArray x, INDArray y, int warmup, int rounds) {
        Layer[] layers = net.getLayers();
        List<List<Double>> fwd = lists(layers.length);
        List<List<Double>> bwd = lists(layers.length);
        List<Double> fit = new ArrayList<>();
        DataSet batch = new DataSet(x, y);
        for (int r = -warmup; r < rounds; r++) {
            long t0 = System.nanoTime();
            net.fit(batch);
            if (r >= 0) {
                fit.add(Stats.millis(t0, System.nanoTime()));
            }
            step(net, layers, x, y, r >= 0 ? fwd : null, r >= 0 ? bwd : null);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double sum = 0;
        for (int i = 0; i < layers.length; i++) {
            String name = i + "_" + layers[i].getClass().getSimpleName();
            double f = Stats.median(fwd.get(i));
            double b = Stats.median(bwd.get(i));
            out.put(name + "_forward", round(f));
            out.put(name + "_backward", round(b));
            sum += f + b;
        }
        double step = Stats.median(fit);
        out.put("layers_total", round(sum));
        out.put("fit_step", round(step));
        out.put("fit_minus_layers", round(step - sum));
        return out;
    }

    private static void step(MultiLayerNetwork net, Layer[] layers, INDArray x, INDArray y, List<List<Double>> fwd,
                             List<List<Double>> bwd) {
        LayerWorkspaceMgr mgr = LayerWorkspaceMgr.noWorkspaces();
        if (net.getFlattenedGradients() == null) {
            net.initGradientsView();
        }
        List<INDArray> made = new ArrayList<>(); // freed at the end: without workspaces they would wait for a GC
        INDArray a = x;
        for (int i = 0; i < layers.length; i++) {
            long t0 = System.nanoTime();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null) {
                a = pre.preProcess(a, (int) a.size(0), mgr);
            }
            a = layers[i].activate(a, true, mgr);
            record(fwd, i, t0);
            made.add(a);
        }
        int last = layers.length - 1;
        ((IOutputLayer) layers[last]).setLabels(y);
        INDArray eps = null;
        for (int i = last; i >= 0; i--) {
            long t0 = System.nanoTime();
            eps = layers[i].backpropGradient(eps, mgr).getSecond();
            InputPreProcessor pre = net.getLayerWiseConfigurations().getInputPreProcess(i);
            if (pre != null && eps != null) {
                eps = pre.backprop(eps, (int) x.size(0), mgr);
            }
            record(bwd, i, t0);
            made.add(eps);
        }
        net.clearLayersStates();
        for (INDArray m : made) {
            if (m != null && m != x && m.closeable()) {
                m.close();
            }
        }
    }

    private static void record(List<List<Double>> into, int layer, long t0) {
        if (into != null) {
            into.get(layer).add(Stats.millis(t0, System.nanoTime()));
        }
    }

    private static List<List<Double>> lists(int n) {
        List<List<Double>> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add(new ArrayList<>());
        }
        return l;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
