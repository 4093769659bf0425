package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecoder;

/**
 * Sanity checks for saliency maps (Adebayo et al. 2018, "Sanity checks for saliency maps", model parameter
 * randomisation): the bundled model's Grad-CAM on the fixture radiographs must depend on what the network learned.
 * Re-randomising the weights of the last convolution block (seeded, same spread as the trained weights) must change
 * the map substantially: Spearman rank correlation with the trained map below 0.5. A map that merely traced
 * image edges or intensity, as some methods do, would survive the randomisation and fail here.
 */
class SaliencySanityTest {
    static PneumoModel model;
    static List<GreyImage> images;
    static List<String> names;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of("src/test/resources/fixtures/xray"))) {
            files = s.filter(Files::isRegularFile).filter(ImageDecoder::hasImageExtension).sorted().toList();
        }
        images = new ArrayList<>();
        names = new ArrayList<>();
        for (Path f : files) {
            images.add(ImageDecoder.decodeGrey(f));
            names.add(f.getFileName().toString());
        }
        assertTrue(images.size() >= 40, "fixtures: " + images.size());
    }

    @Test
    void reRandomisingTheLastConvolutionBlockChangesTheMaps() {
        MultiLayerNetwork trained = model.network();
        MultiLayerNetwork randomised = trained.clone();
        Layer[] layers = randomised.getLayers();
        int lastConv = -1;
        for (int i = layers.length - 1; i >= 0 && lastConv < 0; i--) {
            if (layers[i] instanceof ConvolutionLayer) lastConv = i;
        }
        INDArray w = layers[lastConv].getParam("W");
        double std = w.stdNumber().doubleValue();
        Random r = new Random(2018);
        float[] fresh = new float[(int) w.length()];
        for (int i = 0; i < fresh.length; i++) fresh[i] = (float) (r.nextGaussian() * std);
        layers[lastConv].setParam("W", Nd4j.create(fresh, w.shape(), w.ordering()).castTo(w.dataType()));

        double[] rho = new double[images.size()];
        for (int i = 0; i < images.size(); i++) {
            float[][] input = {model.preprocessing().toInput(images.get(i))};
            GradCam.All a = GradCam.computeAll(trained, model.toTensor(input));
            int c = argMax(a.probabilities());
            GradCam.Heatmap before = a.maps().get(c);
            GradCam.Heatmap after = GradCam.computeAll(randomised, model.toTensor(input)).maps().get(c);
            rho[i] = spearman(before.values(), after.values());
        }
        // A randomised map with no positive cell at all (ReLU of the weighted sum) has no ranking: the trained map
        // was not kept at all. Figures are given over the maps that have one, and with those counted as 0.
        double[] defined = Arrays.stream(rho).filter(v -> !Double.isNaN(v)).toArray();
        double mean = Arrays.stream(defined).average().orElseThrow();
        double max = Arrays.stream(defined).max().orElseThrow();
        double meanAll = Arrays.stream(rho).map(v -> Double.isNaN(v) ? 0 : v).average().orElseThrow();
        System.out.printf("saliency sanity: Spearman(trained, last conv block re-randomised) over %d fixtures: %d with a "
                + "non-constant randomised map: mean %.3f, max %.3f, min %.3f; %d constant (empty) maps; mean with "
                + "those as 0: %.3f%n", rho.length, defined.length, mean, max,
                Arrays.stream(defined).min().orElseThrow(), rho.length - defined.length, meanAll);
        assertTrue(defined.length >= 10, "too few comparable maps: " + defined.length);
        assertTrue(mean < 0.5, "mean Spearman " + mean);
        assertTrue(max < 0.5, "max Spearman " + max);
        // The control: the trained network against itself correlates perfectly, so a low figure above is the
        // randomisation's doing, not noise in the method.
        float[][] input = {model.preprocessing().toInput(images.get(0))};
        GradCam.All x = GradCam.computeAll(trained, model.toTensor(input));
        assertEquals(1, spearman(x.maps().get(1).values(),
                GradCam.computeAll(trained, model.toTensor(input)).maps().get(1).values()), 1e-9);
    }

    @Test
    void aConfidentlyRejectedClassIsDrawnWeak() {
        int shown = 0;
        for (int i = 0; i < images.size(); i++) {
            PneumoModel.Analysis a = model.analyse(images.get(i));
            int top = argMax(a.prediction().probabilities());
            int other = 1 - top;
            double p = a.prediction().probabilities()[other];
            assertEquals(1f, a.maps().get(top).strength(), 1e-6f, names.get(i));
            float strongest = 0;
            for (float v : a.maps().get(other).values()) strongest = Math.max(strongest, v);
            assertTrue(strongest <= p / (1 - p) + 1e-6, names.get(i) + ": rejected class at P = " + p
                    + " drawn up to " + strongest);
            if (p < 0.01) {
                assertTrue(strongest < 0.011, names.get(i) + ": P = " + p + " but the map reaches " + strongest);
                shown++;
            }
        }
        assertTrue(shown > 0, "at least one fixture is rejected with P < 0.01");
    }

    static int argMax(double[] p) {
        int best = 0;
        for (int i = 1; i < p.length; i++) if (p[i] > p[best]) best = i;
        return best;
    }

    /** Pearson correlation of mid-ranks (ties share their mean rank); NaN when either map is constant. */
    static double spearman(float[] a, float[] b) {
        double[] ra = ranks(a);
        double[] rb = ranks(b);
        double ma = Arrays.stream(ra).average().orElseThrow();
        double mb = Arrays.stream(rb).average().orElseThrow();
        double sab = 0, saa = 0, sbb = 0;
        for (int i = 0; i < ra.length; i++) {
            sab += (ra[i] - ma) * (rb[i] - mb);
            saa += (ra[i] - ma) * (ra[i] - ma);
            sbb += (rb[i] - mb) * (rb[i] - mb);
        }
        return saa == 0 || sbb == 0 ? Double.NaN : sab / Math.sqrt(saa * sbb);
    }

    static double[] ranks(float[] v) {
        Integer[] order = new Integer[v.length];
        for (int i = 0; i < v.length; i++) order[i] = i;
        Arrays.sort(order, (x, y) -> Float.compare(v[x], v[y]));
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; ) {
            int j = i;
            while (j + 1 < v.length && v[order[j + 1]] == v[order[i]]) j++;
            for (int k = i; k <= j; k++) r[order[k]] = (i + j) / 2.0 + 1;
            i = j + 1;
        }
        return r;
    }
}
