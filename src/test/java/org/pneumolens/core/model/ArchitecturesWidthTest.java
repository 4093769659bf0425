package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;

class ArchitecturesWidthTest {
    private static List<Long> convChannels(MultiLayerNetwork net) {
        List<Long> out = new ArrayList<>();
        for (var layer : net.getLayerWiseConfigurations().getConfs()) {
            if (layer.getLayer() instanceof ConvolutionLayer c) {
                out.add(c.getNOut());
            }
        }
        return out;
    }

    @Test
    void widthOneIsTheBundledNetwork() {
        MultiLayerNetwork plain = Architectures.pneumoNet(32, 2, 1e-3, 1, null);
        MultiLayerNetwork one = Architectures.pneumoNet(32, 2, 1e-3, 1, null, 1);
        assertEquals(List.of(16L, 32L, 64L, 64L, 128L, 128L, 256L), convChannels(plain));
        assertEquals(plain.getLayerWiseConfigurations().toJson(), one.getLayerWiseConfigurations().toJson());
        assertEquals(plain.params(), one.params()); // same seed, same initial weights
    }

    @Test
    void widthMultipliesEveryConvolutionsChannels() {
        MultiLayerNetwork wide = Architectures.pneumoNet(32, 2, 1e-3, 1, null, 1.5);
        assertEquals(List.of(24L, 48L, 96L, 96L, 192L, 192L, 384L), convChannels(wide));
        MultiLayerNetwork narrow = Architectures.pneumoNet(32, 2, 1e-3, 1, null, 0.5);
        assertEquals(List.of(8L, 16L, 32L, 32L, 64L, 64L, 128L), convChannels(narrow));
    }

    @Test
    void channelCountsAreMultiplesOfEight() {
        assertEquals(24, Architectures.channels(16, 1.4)); // 22.4 -> 24
        assertEquals(16, Architectures.channels(16, 1.2)); // 19.2 -> 16
        assertEquals(8, Architectures.channels(16, 0.5));
    }

    @Test
    void widthOutsideItsRangeIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> Architectures.pneumoNet(32, 2, 1e-3, 1, null, 3));
        assertThrows(IllegalArgumentException.class, () -> Architectures.pneumoNet(32, 2, 1e-3, 1, null, 0.1));
    }
}
