package org.pneumolens.core.model;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.pneumolens.core.check.InputCheck;
import org.pneumolens.core.io.AtomicFiles;

/**
 * A model file is DL4J's {@link ModelSerializer} zip with one more entry, {@value #METADATA_ENTRY}. Saving goes
 * through a temporary file in the target folder and an atomic move, so a crash never leaves a half-written
 * model where a good one was.
 */
public final class ModelFile {
    public static final String METADATA_ENTRY = "pneumolens-metadata.json";
    public static final Gson GSON = new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create();

    static {
        NativeHelpers.enable(); // before any layer of a network is created
    }

    private ModelFile() {
    }

    public static void save(MultiLayerNetwork net, ModelMetadata metadata, Path target) throws IOException {
        save(net, metadata, null, target);
    }

    /** Saves a model with its metadata and, when not null, its input check ({@value InputCheck#ENTRY}). */
    public static void save(MultiLayerNetwork net, ModelMetadata metadata, InputCheck check, Path target)
            throws IOException {
        AtomicFiles.write(target, out -> write(net, metadata, check, out));
    }

    /** Saves a loaded or trained model, its input check included. */
    public static void save(PneumoModel model, Path target) throws IOException {
        save(model.network(), model.metadata(), model.inputCheck().orElse(null), target);
    }

    static void write(MultiLayerNetwork net, ModelMetadata metadata, OutputStream out) throws IOException {
        write(net, metadata, null, out);
    }

    static void write(MultiLayerNetwork net, ModelMetadata metadata, InputCheck check, OutputStream out)
            throws IOException {
        ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, dl4j, false);
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()));
             ZipOutputStream zip = new ZipOutputStream(out)) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                zip.putNextEntry(new ZipEntry(e.getName()));
                in.transferTo(zip);
                zip.closeEntry();
            }
            zip.putNextEntry(new ZipEntry(METADATA_ENTRY));
            zip.write(GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
            if (check != null) {
                zip.putNextEntry(new ZipEntry(InputCheck.ENTRY));
                zip.write(check.toJson().getBytes(StandardCharsets.UTF_8));
                zip.closeEntry();
            }
        }
    }

    public static PneumoModel load(Path file) throws ModelFormatException {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("Model file not found: " + file);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model file " + name + ": " + e.getMessage(), e);
        }
        return load(bytes, name);
    }

    public static PneumoModel load(InputStream in, String name) throws ModelFormatException {
        try {
            return load(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model " + name + ": " + e.getMessage(), e);
        }
    }

    public static ModelMetadata readMetadata(byte[] bytes, String name) throws ModelFormatException {
        String json = null;
        boolean anyEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                anyEntry = true;
                if (e.getName().equals(METADATA_ENTRY)) {
                    json = new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        } catch (ZipException e) {
            throw new ModelFormatException(name + " is not a PneumoLens model file (not a zip archive)", e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model " + name + ": " + e.getMessage(), e);
        }
        if (!anyEntry) {
            throw new ModelFormatException(name + " is not a PneumoLens model file (not a zip archive)");
        }
        if (json == null) {
            throw new ModelFormatException(name + " is not a PneumoLens model file (no " + METADATA_ENTRY
                    + "; plain DL4J models lack the labels, input size and threshold PneumoLens needs)");
        }
        ModelMetadata meta;
        try {
            meta = GSON.fromJson(json, ModelMetadata.class);
        } catch (JsonParseException e) {
            throw new ModelFormatException(name + ": model metadata is not valid JSON (" + e.getMessage() + ")", e);
        }
        validate(meta, name);
        return meta;
    }

    private static PneumoModel load(byte[] bytes, String name) throws ModelFormatException {
        ModelMetadata meta = readMetadata(bytes, name);
        MultiLayerNetwork net;
        try {
            net = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(bytes), false);
        } catch (IOException | RuntimeException e) {
            throw new ModelFormatException(name + ": the network inside the model file cannot be read ("
                    + e.getMessage() + ")", e);
        }
        InputCheck check = readInputCheck(bytes, name);
        PneumoModel model = PneumoModel.checked(NativeHelpers.install(net), meta, name);
        if (check == null) {
            return model;
        }
        int size = meta.input().size();
        try {
            check.requireFits(model.forward(new float[][]{new float[size * size]}).features()[0].length);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        }
        return model.withInputCheck(check);
    }

    /** The stored input check, or null when the file has none (made before input checks existed). */
    static InputCheck readInputCheck(byte[] bytes, String name) throws ModelFormatException {
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(bytes))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                if (e.getName().equals(InputCheck.ENTRY)) {
                    byte[] json = zip.readNBytes(InputCheck.MAX_JSON_BYTES + 1);
                    if (json.length > InputCheck.MAX_JSON_BYTES) {
                        throw new ModelFormatException(name + ": the input check entry is larger than "
                                + (InputCheck.MAX_JSON_BYTES >> 20) + " MB");
                    }
                    return InputCheck.fromJson(new String(json, StandardCharsets.UTF_8));
                }
            }
            return null;
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model " + name + ": " + e.getMessage(), e);
        }
    }

    static void validate(ModelMetadata m, String name) throws ModelFormatException {
        if (m == null) {
            throw new ModelFormatException(name + ": model metadata is empty");
        }
        if (m.formatVersion() > ModelMetadata.FORMAT_VERSION) {
            throw new ModelFormatException(name + " was made by a newer PneumoLens (model format " + m.formatVersion()
                    + "; this version reads up to " + ModelMetadata.FORMAT_VERSION + "): please update PneumoLens");
        }
        if (m.formatVersion() < 1) {
            throw new ModelFormatException(name + ": model metadata has no valid format version");
        }
        if (m.classes() == null || m.classes().size() < 2) {
            throw new ModelFormatException(name + ": model metadata must name at least two classes");
        }
        if (m.positiveClass() == null || !m.classes().contains(m.positiveClass())) {
            throw new ModelFormatException(name + ": positive class " + m.positiveClass() + " is not one of "
                    + m.classes());
        }
        if (!(m.threshold() > 0 && m.threshold() < 1)) {
            throw new ModelFormatException(name + ": decision threshold " + m.threshold() + " is not in (0, 1)");
        }
        ModelMetadata.Input in = m.input();
        if (in == null || in.size() < 8 || in.channels() != 1 || !(in.std() > 0)
                || !("NCHW".equals(in.layout()) || "NHWC".equals(in.layout()))) {
            throw new ModelFormatException(name + ": model metadata has no valid input description "
                    + "(one grey channel, NCHW or NHWC, size >= 8)");
        }
    }
}
