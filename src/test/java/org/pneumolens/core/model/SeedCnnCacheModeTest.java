package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.CacheMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** Caching the forward pass for backprop changes speed, not results: the same weights after a few Adam steps. */
class SeedCnnCacheModeTest {
    @Test
    void cachedForwardGivesTheSameTrainingAsRecomputing() {
        int size = 40;
        MultiLayerNetwork cached = Architectures.seedCnn(size, 1e-3, 5, CNN2DFormat.NCHW);
        MultiLayerConfiguration conf = cached.getLayerWiseConfigurations().clone();
        assertTrue(conf.getConfs().stream().allMatch(c -> c.getCacheMode() == CacheMode.DEVICE));
        conf.getConfs().forEach(c -> c.setCacheMode(CacheMode.NONE));
        MultiLayerNetwork recomputed = new MultiLayerNetwork(conf);
        recomputed.init(cached.params().dup(), true);
        recomputed = org.pneumolens.core.engine.NativeHelpers.install(recomputed);

        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 1, size, size);
        INDArray y = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 8, 2);
        for (int i = 0; i < 8; i++) {
            y.putScalar(i, i % 2, 1);
        }
        // Dropout off in both: its random masks would differ between the two networks.
        cached.getLayerWiseConfigurations().getConfs().forEach(c -> c.getLayer().setIDropout(null));
        recomputed.getLayerWiseConfigurations().getConfs().forEach(c -> c.getLayer().setIDropout(null));
        for (int step = 0; step < 3; step++) {
            cached.fit(new DataSet(x, y));
            recomputed.fit(new DataSet(x, y));
        }
        INDArray a = cached.params();
        INDArray b = recomputed.params();
        double maxDiff = a.sub(b).amaxNumber().doubleValue();
        assertEquals(0, maxDiff, 1e-5, "largest weight difference after 3 steps");
    }
}
