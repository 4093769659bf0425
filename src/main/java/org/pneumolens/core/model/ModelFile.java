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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.pneumolens.core.engine.NativeHelpers;
import org.pneumolens.core.check.InputCheck;
import org.pneumolens.core.io.AtomicFiles;

/**
 * A model file is DL4J's {@link ModelSerializer} zip with one more entry, {@value #METADATA_ENTRY} (and, for an
 * ensemble, each further member's configuration and coefficients under {@code member-K/}). Saving goes
 * through a temporary file in the target folder and an atomic move, so a crash never leaves a half-written
 * model where a good one was. Loading never goes through {@code ModelSerializer}, which deserializes Java
 * objects from some entries: the zip is read through an allow-list ({@link ModelZip}), the network is built
 * from its JSON configuration and the parameters are parsed by {@link Coefficients}, all with bounded sizes.
 */
public final class ModelFile {
    public static final String METADATA_ENTRY = "pneumolens-metadata.json";
    /** Optional entry describing the images the model was trained on (read only as JSON, at most InputCheck.MAX_JSON_BYTES). */
    public static final String INPUT_CHECK_ENTRY = InputCheck.ENTRY;
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

    /** Saves a loaded or trained model, its input check and every ensemble member included. */
    public static void save(PneumoModel model, Path target) throws IOException {
        save(model.members(), model.metadata(), model.inputCheck().orElse(null), target);
    }

    /** Saves the member networks of a model (one, or an ensemble's in order) with its metadata and input check. */
    public static void save(List<MultiLayerNetwork> nets, ModelMetadata metadata, InputCheck check, Path target)
            throws IOException {
        AtomicFiles.write(target, out -> write(nets, metadata, check, out));
    }

    static void write(MultiLayerNetwork net, ModelMetadata metadata, OutputStream out) throws IOException {
        write(net, metadata, null, out);
    }

    static void write(MultiLayerNetwork net, ModelMetadata metadata, InputCheck check, OutputStream out)
            throws IOException {
        write(List.of(net), metadata, check, out);
    }

    /**
     * Writes the first network as DL4J's own zip does and each further ensemble member's configuration and
     * coefficients under {@code member-K/} (never a member's updater state: an ensemble is not trained further).
     */
    static void write(List<MultiLayerNetwork> nets, ModelMetadata metadata, InputCheck check, OutputStream out)
            throws IOException {
        if (nets.size() != metadata.memberCount()) {
            throw new IllegalArgumentException(nets.size() + " networks but the metadata describes "
                    + metadata.memberCount());
        }
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (int m = 1; m <= nets.size(); m++) {
                ByteArrayOutputStream dl4j = new ByteArrayOutputStream();
                ModelSerializer.writeModel(nets.get(m - 1), dl4j, false);
                Map<String, byte[]> entries = new LinkedHashMap<>();
                try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(dl4j.toByteArray()))) {
                    for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                        entries.put(e.getName(), in.readAllBytes());
                    }
                }
                // Configuration first: a reader of a stream bounds the coefficients by it.
                for (String name : List.of(ModelZip.CONFIGURATION, ModelZip.COEFFICIENTS)) {
                    put(zip, ModelZip.member(m, name), entries.remove(name));
                }
                if (m == 1) {
                    for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                        put(zip, e.getKey(), e.getValue());
                    }
                }
            }
            put(zip, METADATA_ENTRY, GSON.toJson(metadata).getBytes(StandardCharsets.UTF_8));
            if (check != null) {
                put(zip, InputCheck.ENTRY, check.toJson().getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private static void put(ZipOutputStream zip, String name, byte[] content) throws IOException {
        if (content == null) {
            throw new IOException("DL4J wrote no " + name);
        }
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    public static PneumoModel load(Path file) throws ModelFormatException {
        String name = ModelZip.printable(file.getFileName() == null ? file.toString() : file.getFileName().toString());
        try {
            Networks networks = new Networks(name);
            return load(ModelZip.read(file, name, networks::coefficientBytes), networks, name);
        } catch (RuntimeException e) {
            throw unexpected(name, e);
        }
    }

    public static PneumoModel load(InputStream in, String name) throws ModelFormatException {
        try {
            Networks networks = new Networks(name);
            return load(ModelZip.read(in, name, networks::coefficientBytes), networks, name);
        } catch (RuntimeException e) {
            throw unexpected(name, e);
        }
    }

    /** Whatever a library throws on a crafted file is still a refusal of that file, in one line. */
    private static ModelFormatException unexpected(String name, RuntimeException e) {
        return new ModelFormatException(name + " cannot be read as a model (" + e.getClass().getSimpleName() + ": "
                + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
    }

    /** The metadata of a model file held in memory, checked, without building its network. */
    public static ModelMetadata readMetadata(byte[] bytes, String name) throws ModelFormatException {
        try {
            return metadata(ModelZip.read(new ByteArrayInputStream(bytes), name, null), name);
        } catch (RuntimeException e) {
            throw unexpected(name, e);
        }
    }

    private static ModelMetadata metadata(Map<String, byte[]> entries, String name) throws ModelFormatException {
        byte[] json = entries.get(METADATA_ENTRY);
        if (json == null) {
            throw new ModelFormatException(name + " is not a PneumoLens model file (no " + METADATA_ENTRY
                    + "; plain DL4J models lack the labels, input size and threshold PneumoLens needs)");
        }
        ModelMetadata meta;
        try {
            meta = GSON.fromJson(new String(json, StandardCharsets.UTF_8), ModelMetadata.class);
        } catch (JsonParseException | StackOverflowError e) {
            throw new ModelFormatException(name + ": model metadata is not valid JSON ("
                    + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
        }
        validate(meta, name);
        return meta;
    }

    /** The configuration, parsed once: first to bound the coefficients entry, then to build the network. */
    private static final class NetworkHolder {
        private final String name;
        private MultiLayerConfiguration conf;
        private long parameters;

        NetworkHolder(String name) {
            this.name = name;
        }

        long coefficientBytes(byte[] config) throws ModelFormatException {
            parse(config);
            return parameters * Float.BYTES + Coefficients.HEADER_BYTES;
        }

        void parse(byte[] config) throws ModelFormatException {
            if (conf == null) {
                MultiLayerConfiguration c = NetworkConfiguration.parse(new String(config, StandardCharsets.UTF_8), name);
                parameters = NetworkConfiguration.parameterCount(c, name);
                conf = c;
            }
        }

        MultiLayerNetwork build(byte[] config, byte[] coefficients) throws ModelFormatException {
            parse(config);
            INDArray params = Coefficients.parse(coefficients, parameters, name);
            try {
                MultiLayerNetwork net = new MultiLayerNetwork(conf);
                net.init(params, false);
                return NativeHelpers.install(net);
            } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
                throw new ModelFormatException(name + ": the network inside the model file cannot be built ("
                        + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
            }
        }
    }

    /** One {@link NetworkHolder} per member, by the name of its configuration entry. */
    private static final class Networks {
        private final String name;
        private final Map<String, NetworkHolder> holders = new HashMap<>();

        Networks(String name) {
            this.name = name;
        }

        NetworkHolder of(String configurationEntry) {
            String member = configurationEntry.equals(ModelZip.CONFIGURATION) ? name
                    : name + " (" + configurationEntry.substring(0, configurationEntry.indexOf('/')) + ")";
            return holders.computeIfAbsent(configurationEntry, k -> new NetworkHolder(member));
        }

        long coefficientBytes(String configurationEntry, byte[] config) throws ModelFormatException {
            return of(configurationEntry).coefficientBytes(config);
        }
    }

    private static PneumoModel load(Map<String, byte[]> entries, Networks networks, String name)
            throws ModelFormatException {
        ModelMetadata meta = metadata(entries, name);
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (int m = 1; m <= ModelMetadata.MAX_MEMBERS; m++) {
            String configEntry = ModelZip.member(m, ModelZip.CONFIGURATION);
            byte[] config = entries.get(configEntry);
            byte[] coefficients = entries.get(ModelZip.member(m, ModelZip.COEFFICIENTS));
            if (config == null && coefficients == null && m > 1) {
                continue; // counted below: a gap in the members refuses the file
            }
            if (config == null || coefficients == null) {
                throw new ModelFormatException(name + ": the model file has no network" + (m == 1 ? "" : " " + m)
                        + " (" + ModelZip.member(m, ModelZip.CONFIGURATION) + " and "
                        + ModelZip.member(m, ModelZip.COEFFICIENTS) + " are both needed)");
            }
            if (nets.size() != m - 1) {
                throw new ModelFormatException(name + ": the model file has ensemble member " + m + " but not member "
                        + (nets.size() + 1));
            }
            nets.add(networks.of(configEntry).build(config, coefficients));
        }
        if (nets.size() != meta.memberCount()) {
            throw new ModelFormatException(name + ": the model file holds " + nets.size() + " network(s) but its "
                    + "metadata describes " + meta.memberCount() + " (its calibration was fitted on all of them)");
        }
        InputCheck check = readInputCheck(entries.get(INPUT_CHECK_ENTRY), name);
        PneumoModel model = PneumoModel.checked(nets, meta, name);
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

    /**
     * The stored input check, or null when the file has none (made before input checks existed). Its size was
     * bounded by {@link ModelZip} before it was read.
     */
    static InputCheck readInputCheck(byte[] json, String name) throws ModelFormatException {
        if (json == null) {
            return null;
        }
        try {
            return InputCheck.fromJson(new String(json, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException(name + ": " + e.getMessage(), e);
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
        if (m.classes() == null || m.classes().size() < 2 || m.classes().size() > 1000) {
            throw new ModelFormatException(name + ": model metadata must name at least two classes");
        }
        if (m.classes().stream().anyMatch(c -> c == null || c.isBlank())
                || new HashSet<>(m.classes()).size() != m.classes().size()) {
            throw new ModelFormatException(name + ": model metadata has an empty or repeated class name");
        }
        if (m.positiveClass() == null || !m.classes().contains(m.positiveClass())) {
            throw new ModelFormatException(name + ": positive class " + m.positiveClass() + " is not one of "
                    + m.classes());
        }
        if (!(m.threshold() > 0 && m.threshold() < 1)) {
            throw new ModelFormatException(name + ": decision threshold " + m.threshold() + " is not in (0, 1)");
        }
        ModelMetadata.Input in = m.input();
        if (in == null || in.channels() != 1 || !("NCHW".equals(in.layout()) || "NHWC".equals(in.layout()))) {
            throw new ModelFormatException(name + ": model metadata has no valid input description "
                    + "(one grey channel, NCHW or NHWC)");
        }
        if (in.size() < MIN_INPUT_SIZE || in.size() > MAX_INPUT_SIZE) {
            throw new ModelFormatException(name + ": model input size " + in.size() + " is not between "
                    + MIN_INPUT_SIZE + " and " + MAX_INPUT_SIZE);
        }
        if (in.datasetSize() < MIN_INPUT_SIZE || in.datasetSize() > MAX_DATASET_SIZE) {
            throw new ModelFormatException(name + ": model dataset size " + in.datasetSize() + " is not between "
                    + MIN_INPUT_SIZE + " and " + MAX_DATASET_SIZE);
        }
        if (!Float.isFinite(in.mean()) || Math.abs(in.mean()) > 1e3 || !Float.isFinite(in.std()) || in.std() < 1e-6
                || in.std() > 1e3) {
            throw new ModelFormatException(name + ": model normalisation (mean " + in.mean() + ", std " + in.std()
                    + ") is out of range (finite, |mean| <= 1000, std in [1e-6, 1000])");
        }
        ModelMetadata.Metrics v = m.valMetrics();
        if (v != null) {
            boolean figures = v.n() >= 0 && unitOrNaN(v.accuracy()) && unitOrNaN(v.sensitivity())
                    && unitOrNaN(v.specificity()) && unitOrNaN(v.auc()) && unitOrNaN(v.ece());
            int[][] c = v.confusion();
            boolean confusion = c == null || (c.length == 2 && c[0] != null && c[1] != null && c[0].length == 2
                    && c[1].length == 2 && c[0][0] >= 0 && c[0][1] >= 0 && c[1][0] >= 0 && c[1][1] >= 0);
            if (!figures || !confusion) {
                throw new ModelFormatException(name + ": model metadata has validation figures out of range");
            }
        }
        if (m.calibration() != null) {
            String problem = m.calibration().problem(m.classes().size(), m.threshold());
            if (problem != null) {
                throw new ModelFormatException(name + ": model metadata has an invalid calibration (" + problem + ")");
            }
        }
        if (m.ensemble() != null && (m.ensemble().members() < 2 || m.ensemble().members() > ModelMetadata.MAX_MEMBERS
                || m.ensemble().training() == null || m.ensemble().training().size() != m.ensemble().members())) {
            throw new ModelFormatException(name + ": model metadata describes an ensemble of "
                    + m.ensemble().members() + " members (2 to " + ModelMetadata.MAX_MEMBERS + ", one training "
                    + "summary each)");
        }
        for (String text : new String[]{m.name(), m.architecture(), m.createdAt(), m.appVersion()}) {
            if (text != null && text.length() > MAX_TEXT) {
                throw new ModelFormatException(name + ": model metadata has a text field longer than " + MAX_TEXT
                        + " characters");
            }
        }
    }

    private static boolean unitOrNaN(double v) {
        return Double.isNaN(v) || (v >= 0 && v <= 1);
    }

    /** Longest name, architecture, date or version string accepted in metadata. */
    static final int MAX_TEXT = 500;

    /** Input sizes a model may declare: those {@code TrainingConfig} trains (32 to 512), tests' 8 px nets and up. */
    static final int MIN_INPUT_SIZE = 8;
    static final int MAX_INPUT_SIZE = 512;
    /** The intermediate squash size: the dataset's 224 px, or anything up to a full detector side. */
    static final int MAX_DATASET_SIZE = 4096;
}
