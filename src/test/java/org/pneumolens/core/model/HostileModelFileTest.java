package org.pneumolens.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Crafted model files (issue 13): each is refused in one message, and none runs Java deserialization. */
class HostileModelFileTest {
    static Map<String, byte[]> bundled;

    @TempDir
    Path dir;

    /** A payload whose deserialization would flip a flag: the stand-in for a gadget chain. */
    static final class Payload implements Serializable {
        private static final long serialVersionUID = 1L;
        static volatile boolean ran;

        private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
            in.defaultReadObject();
            ran = true;
        }
    }

    @BeforeAll
    static void readBundled() throws IOException {
        bundled = new LinkedHashMap<>();
        try (InputStream raw = BundledModel.class.getResourceAsStream(BundledModel.RESOURCE);
             ZipInputStream zip = new ZipInputStream(raw)) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                bundled.put(e.getName(), zip.readAllBytes());
            }
        }
    }

    private Path zip(String fileName, Map<String, byte[]> entries) throws IOException {
        Path f = dir.resolve(fileName);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(f))) {
            for (var e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        }
        return f;
    }

    private Map<String, byte[]> bundledWith(String entry, byte[] content) {
        Map<String, byte[]> m = new LinkedHashMap<>(bundled);
        m.put(entry, content);
        return m;
    }

    private String refusal(Path f) {
        ModelFormatException e = assertThrows(ModelFormatException.class, () -> ModelFile.load(f));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e.getMessage();
    }

    private void assertRefused(Path f, String fragment) {
        String m = refusal(f);
        assertTrue(m.contains(fragment), m);
    }

    @Test
    void theBundledModelLoadsFromTheResourceAndFromACopyOnDisk() throws Exception {
        assertEquals(2, BundledModel.load().classes().size());
        assertEquals(2, ModelFile.load(zip("copy.zip", bundled)).classes().size());
    }

    @Test
    void aSerializedPayloadIsRefusedBeforeAnyObjectIsRead() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream oos = new ObjectOutputStream(bytes)) {
            oos.writeObject(new Payload());
        }
        byte[] payload = bytes.toByteArray();
        // The payload works: deserializing it flips the flag (so the test below can fail).
        try (ObjectInputStream ois = new ObjectInputStream(new ByteArrayInputStream(payload))) {
            ois.readObject();
        }
        assertTrue(Payload.ran);
        Payload.ran = false;

        for (String entry : List.of("preprocessor.bin", "normalizer.bin")) {
            Path f = zip(entry + ".zip", bundledWith(entry, payload));
            String m = refusal(f);
            assertTrue(m.contains(entry) && m.contains("refused"), m);
            // Also through the stream path the bundled model uses.
            try (InputStream in = Files.newInputStream(f)) {
                assertThrows(ModelFormatException.class, () -> ModelFile.load(in, "stream"));
            }
            assertFalse(Payload.ran, "the payload was deserialized while loading " + entry);
        }
    }

    @Test
    void shortEmptyAndLyingCoefficientsAreRefused() throws Exception {
        byte[] good = bundled.get(ModelZip.COEFFICIENTS);
        assertRefused(zip("empty.zip", bundledWith(ModelZip.COEFFICIENTS, new byte[0])), "coefficients.bin");
        byte[] shorter = java.util.Arrays.copyOf(good, good.length - 4);
        assertRefused(zip("short.zip", bundledWith(ModelZip.COEFFICIENTS, shorter)), "bytes");
        // More than the configuration's parameters need (plus headers): refused by its declared size, unread.
        Path padded = zip("padded.zip",
                bundledWith(ModelZip.COEFFICIENTS, java.util.Arrays.copyOf(good, good.length + (4 << 20))));
        assertRefused(padded, "larger than the 2 MB accepted");
        try (InputStream in = Files.newInputStream(padded)) {
            String m = assertThrows(ModelFormatException.class, () -> ModelFile.load(in, "stream")).getMessage();
            assertTrue(m.contains("larger than the 2 MB accepted"), m);
        }
        byte[] longer = java.util.Arrays.copyOf(good, good.length + 4);
        assertRefused(zip("long.zip", bundledWith(ModelZip.COEFFICIENTS, longer)), "bytes");

        // The data buffer's length field (the long after "MIXED_DATA_TYPES" of the second header) set to 2^31.
        byte[] huge = good.clone();
        int at = indexOf(huge, "MIXED_DATA_TYPES".getBytes(StandardCharsets.US_ASCII), 20) + 16;
        writeLong(huge, at, 1L << 31);
        assertRefused(zip("length.zip", bundledWith(ModelZip.COEFFICIENTS, huge)), "declares");

        // A NaN weight.
        byte[] nan = good.clone();
        writeInt(nan, nan.length - 4, Float.floatToRawIntBits(Float.NaN));
        assertRefused(zip("nan.zip", bundledWith(ModelZip.COEFFICIENTS, nan)), "NaN");

        Map<String, byte[]> none = new LinkedHashMap<>(bundled);
        none.remove(ModelZip.COEFFICIENTS);
        assertRefused(zip("none.zip", none), "no network");
    }

    @Test
    void entriesLargerThanTheirBoundAreStoppedWhileInflating() throws Exception {
        // 130 MB of zeros deflate to ~130 KB; the bound (128 MB + headers) stops the inflation.
        byte[] zeros = new byte[130 << 20];
        Path f = zip("bomb.zip", bundledWith(ModelZip.COEFFICIENTS, zeros));
        assertTrue(Files.size(f) < 2 << 20);
        assertRefused(f, "larger than");
        assertRefused(zip("config.zip", bundledWith(ModelZip.CONFIGURATION, new byte[9 << 20])), "larger than");
    }

    @Test
    void aConfigurationNamingAClassOutsideDl4jIsRefused() throws Exception {
        String json = new String(bundled.get(ModelZip.CONFIGURATION), StandardCharsets.UTF_8)
                .replaceFirst("org\\.deeplearning4j\\.nn\\.weights\\.WeightInitRelu", "java.util.HashSet");
        assertRefused(zip("class.zip", bundledWith(ModelZip.CONFIGURATION,
                json.getBytes(StandardCharsets.UTF_8))), "outside DL4J");
        String deep = "[".repeat(5000) + "]".repeat(5000);
        assertRefused(zip("deep.zip", bundledWith(ModelZip.CONFIGURATION,
                deep.getBytes(StandardCharsets.UTF_8))), "nested");
    }

    @Test
    void aNetworkWhoseOutputsAreNotSoftmaxIsRefused() throws Exception {
        var conf = new NeuralNetConfiguration.Builder().seed(1).list()
                .layer(new org.deeplearning4j.nn.conf.layers.ConvolutionLayer.Builder(3, 3).nOut(2).build())
                .layer(new GlobalPoolingLayer.Builder(PoolingType.AVG).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .setInputType(InputType.convolutional(16, 16, 1)).build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        Path f = dir.resolve("identity.zip");
        ModelFile.save(net, TestModels.metadata(16, List.of("NORMAL", "PNEUMONIA"), 0.5), f);
        assertRefused(f, "softmax");
    }

    @Test
    void metadataOutOfRangeIsRefused() throws Exception {
        Map<String, UnaryOperator<String>> edits = new LinkedHashMap<>();
        edits.put("datasetSize -1", j -> j.replaceFirst("\"datasetSize\": \\d+", "\"datasetSize\": -1"));
        edits.put("datasetSize 0", j -> j.replaceFirst("\"datasetSize\": \\d+", "\"datasetSize\": 0"));
        edits.put("datasetSize 46340", j -> j.replaceFirst("\"datasetSize\": \\d+", "\"datasetSize\": 46340"));
        edits.put("datasetSize max", j -> j.replaceFirst("\"datasetSize\": \\d+", "\"datasetSize\": 2147483647"));
        edits.put("mean NaN", j -> j.replaceFirst("\"mean\": [0-9.]+", "\"mean\": NaN"));
        edits.put("std Infinity", j -> j.replaceFirst("\"std\": [0-9.]+", "\"std\": Infinity"));
        edits.put("std tiny", j -> j.replaceFirst("\"std\": [0-9.]+", "\"std\": 1e-45"));
        edits.put("size 1024", j -> j.replaceFirst("\"size\": \\d+", "\"size\": 1024"));
        edits.put("size 4", j -> j.replaceFirst("\"size\": \\d+", "\"size\": 4"));
        edits.put("duplicate classes", j -> j.replaceFirst("\"NORMAL\"", "\"PNEUMONIA\""));
        edits.put("null class", j -> j.replaceFirst("\"NORMAL\"", "null"));
        edits.put("threshold 1", j -> j.replaceFirst("\"threshold\": [0-9.E-]+", "\"threshold\": 1.0"));
        edits.put("layout", j -> j.replaceFirst("\"layout\": \"N[A-Z]+\"", "\"layout\": \"XYZ\""));
        edits.put("channels", j -> j.replaceFirst("\"channels\": 1", "\"channels\": 3"));
        edits.put("one class", j -> j.replaceFirst("\"NORMAL\",", ""));
        edits.put("accuracy 2", j -> j.replaceFirst("\"accuracy\": [0-9.]+", "\"accuracy\": 2.0"));
        // the first confusion row loses its second cell, whatever the counts of the bundled model are
        edits.put("confusion row", j -> j.replaceFirst("(\"confusion\":\\s*\\[\\s*)\\[\\s*(\\d+),\\s*\\d+\\s*\\]", "$1[$2]"));
        edits.put("long name", j -> j.replaceFirst("\"name\": \"", "\"name\": \"" + "x".repeat(600)));
        String json = new String(bundled.get(ModelFile.METADATA_ENTRY), StandardCharsets.UTF_8);
        for (var e : edits.entrySet()) {
            String edited = e.getValue().apply(json);
            assertFalse(edited.equals(json), "edit did not apply: " + e.getKey());
            Path f = zip("meta.zip", bundledWith(ModelFile.METADATA_ENTRY, edited.getBytes(StandardCharsets.UTF_8)));
            assertTrue(refusal(f).startsWith("meta.zip"), e.getKey());
        }
    }

    @Test
    void aSavedModelStaysReadableByDl4j() throws Exception {
        PneumoModel model = TestModels.untrained(32);
        Path f = dir.resolve("m.zip");
        ModelFile.save(model.network(), model.metadata(), f);
        MultiLayerNetwork back = org.deeplearning4j.util.ModelSerializer.restoreMultiLayerNetwork(f.toFile(), false);
        assertEquals(model.network().params(), back.params());
    }

    private static int indexOf(byte[] hay, byte[] needle, int from) {
        outer:
        for (int i = from; i <= hay.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) continue outer;
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static void writeLong(byte[] b, int at, long v) {
        ByteArrayOutputStream bo = new ByteArrayOutputStream();
        try (DataOutputStream d = new DataOutputStream(bo)) {
            d.writeLong(v);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        System.arraycopy(bo.toByteArray(), 0, b, at, 8);
    }

    private static void writeInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
