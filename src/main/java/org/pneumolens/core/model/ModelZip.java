package org.pneumolens.core.model;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Reads the entries of a model zip through an allow-list, with a size bound per entry and for the whole file,
 * and never hands any of them to Java deserialization. DL4J's own reader ({@code ModelSerializer}) passes an
 * entry named {@code preprocessor.bin} to {@code ObjectInputStream.readObject()}; a model file downloaded from
 * anywhere could run code that way. Here any entry not on the list refuses the file before its content is read.
 *
 * <p>A file on disk is opened as a {@link ZipFile}: every name and declared size is checked from the central
 * directory before any entry is inflated. A stream (the bundled model) is read in order; each entry's name is
 * checked when reached, before its content. Either way the inflated bytes are counted, so an entry that lies
 * about its size is stopped at its bound.
 */
final class ModelZip {
    static final String CONFIGURATION = "configuration.json";
    static final String COEFFICIENTS = "coefficients.bin";
    /** Written by DL4J when asked to save the updater; not needed for inference, never read. */
    static final String UPDATER_STATE = "updaterState.bin";

    /** Largest model file accepted (compressed, on disk or from a stream). */
    static final long MAX_FILE_BYTES = 256L << 20;
    /** Largest sum of all entries' uncompressed sizes. */
    static final long MAX_TOTAL_BYTES = 320L << 20;

    /**
     * The entries a model file may hold, with the largest uncompressed size accepted for each: the first network's
     * at the top level, further ensemble members' under {@code member-K/} (K = 2 to {@value ModelMetadata#MAX_MEMBERS}).
     */
    private static final Map<String, Long> ALLOWED;
    /**
     * Entries whose content is kept, in the order a file on disk is read (each member's configuration before its
     * coefficients, so that they can be bounded by it); the others on the list are allowed but skipped.
     */
    private static final List<String> KEPT;

    static {
        Map<String, Long> allowed = new HashMap<>();
        List<String> kept = new ArrayList<>();
        for (int m = 1; m <= ModelMetadata.MAX_MEMBERS; m++) {
            allowed.put(member(m, CONFIGURATION), 8L << 20);
            allowed.put(member(m, COEFFICIENTS), Coefficients.MAX_BYTES);
            allowed.put(member(m, UPDATER_STATE), 2 * Coefficients.MAX_BYTES);
            kept.add(member(m, CONFIGURATION));
            kept.add(member(m, COEFFICIENTS));
        }
        allowed.put(ModelFile.METADATA_ENTRY, 1L << 20);
        allowed.put(ModelFile.INPUT_CHECK_ENTRY, (long) org.pneumolens.core.check.InputCheck.MAX_JSON_BYTES);
        kept.add(ModelFile.METADATA_ENTRY);
        kept.add(ModelFile.INPUT_CHECK_ENTRY);
        ALLOWED = Map.copyOf(allowed);
        KEPT = List.copyOf(kept);
    }

    /** The name of a network entry of member {@code m} (1-based; the first member's entries are at the top level). */
    static String member(int m, String entry) {
        return m == 1 ? entry : "member-" + m + "/" + entry;
    }

    private ModelZip() {
    }

    /** The largest coefficients entry a configuration allows, once the configuration has been read. */
    @FunctionalInterface
    interface CoefficientBound {
        /** @param configurationEntry the name of the configuration entry (which member) */
        long bytesFor(String configurationEntry, byte[] configuration) throws ModelFormatException;
    }

    /** The bound of an entry: its allow-list bound, tightened for the coefficients once the configuration is known. */
    private static long limit(String entry, Map<String, byte[]> kept, CoefficientBound bound) throws ModelFormatException {
        long limit = ALLOWED.get(entry);
        if (entry.endsWith(COEFFICIENTS) && bound != null) {
            String configuration = entry.substring(0, entry.length() - COEFFICIENTS.length()) + CONFIGURATION;
            if (kept.containsKey(configuration)) {
                limit = Math.min(limit, bound.bytesFor(configuration, kept.get(configuration)));
            }
        }
        return limit;
    }

    /**
     * The kept entries of the model file at {@code file}, by name; the configuration is read before the
     * coefficients, so that {@code bound} (if given) can limit them to what the network needs.
     */
    static Map<String, byte[]> read(Path file, String name, CoefficientBound bound) throws ModelFormatException {
        long size;
        try {
            if (Files.isDirectory(file)) {
                throw new ModelFormatException(name + " is a folder, not a model file");
            }
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("Model file not found: " + file);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model file " + name + ": "
                    + NetworkConfiguration.firstLine(e.getMessage()), e);
        }
        if (size > MAX_FILE_BYTES) {
            throw new ModelFormatException(name + " is " + (size >> 20) + " MB, larger than any model file this "
                    + "version reads (" + (MAX_FILE_BYTES >> 20) + " MB)");
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            long total = 0;
            Map<String, ZipEntry> entries = new HashMap<>();
            for (Enumeration<? extends ZipEntry> en = zip.entries(); en.hasMoreElements(); ) {
                ZipEntry e = en.nextElement();
                long limit = allowed(e.getName(), name);
                if (entries.put(e.getName(), e) != null) {
                    throw new ModelFormatException(name + ": model file holds the entry " + e.getName() + " twice");
                }
                if (e.getSize() > limit) {
                    throw tooLarge(name, e.getName(), limit);
                }
                total += Math.max(0, e.getSize());
            }
            if (total > MAX_TOTAL_BYTES) {
                throw new ModelFormatException(name + ": model file entries total " + (total >> 20) + " MB, more "
                        + "than the " + (MAX_TOTAL_BYTES >> 20) + " MB accepted");
            }
            Map<String, byte[]> kept = new HashMap<>();
            long[] budget = {MAX_TOTAL_BYTES};
            for (String entry : KEPT) {
                ZipEntry e = entries.get(entry);
                if (e != null) {
                    long limit = limit(entry, kept, bound);
                    if (e.getSize() > limit) {
                        throw tooLarge(name, entry, limit);
                    }
                    try (InputStream in = zip.getInputStream(e)) {
                        kept.put(entry, bounded(in, limit, budget, name, entry));
                    }
                }
            }
            return kept;
        } catch (ZipException e) {
            throw notAZip(name, e);
        } catch (IllegalArgumentException e) { // an entry name that is not UTF-8
            throw new ModelFormatException(name + " is not a PneumoLens model file (a damaged zip archive: "
                    + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            throw new ModelFormatException("Cannot read model file " + name + ": "
                    + NetworkConfiguration.firstLine(e.getMessage()), e);
        }
    }

    /** The kept entries of a model zip read from {@code stream}, by name. */
    static Map<String, byte[]> read(InputStream stream, String name, CoefficientBound bound) throws ModelFormatException {
        Map<String, byte[]> kept = new HashMap<>();
        long[] budget = {MAX_TOTAL_BYTES};
        boolean anyEntry = false;
        try (ZipInputStream zip = new ZipInputStream(new BoundedStream(stream, MAX_FILE_BYTES, name))) {
            for (ZipEntry e = zip.getNextEntry(); e != null; e = zip.getNextEntry()) {
                anyEntry = true;
                allowed(e.getName(), name);
                byte[] content = bounded(zip, limit(e.getName(), kept, bound), budget, name, e.getName());
                if (KEPT.contains(e.getName()) && kept.put(e.getName(), content) != null) {
                    throw new ModelFormatException(name + ": model file holds the entry " + e.getName() + " twice");
                }
            }
        } catch (ZipException e) {
            throw notAZip(name, e);
        } catch (IllegalArgumentException e) { // an entry name that is not UTF-8
            throw new ModelFormatException(name + " is not a PneumoLens model file (a damaged zip archive: "
                    + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) {
            if (e.getCause() instanceof ModelFormatException m) {
                throw m;
            }
            throw new ModelFormatException("Cannot read model " + name + ": "
                    + NetworkConfiguration.firstLine(e.getMessage()), e);
        }
        if (!anyEntry) {
            throw new ModelFormatException(name + " is not a PneumoLens model file (not a zip archive)");
        }
        return kept;
    }

    private static long allowed(String entry, String name) throws ModelFormatException {
        Long limit = ALLOWED.get(entry);
        if (limit == null) {
            throw new ModelFormatException(name + " is refused: it holds an entry PneumoLens does not read ("
                    + printable(entry) + "); a model file holds only " + CONFIGURATION + ", " + COEFFICIENTS + ", "
                    + ModelFile.METADATA_ENTRY + " and optionally " + ModelFile.INPUT_CHECK_ENTRY + ", "
                    + UPDATER_STATE + " and the same network entries of ensemble members under member-2/ to member-"
                    + ModelMetadata.MAX_MEMBERS + "/");
        }
        return limit;
    }

    /** Reads the rest of {@code in}, refusing more than {@code limit} bytes or more than the budget left. */
    private static byte[] bounded(InputStream in, long limit, long[] budget, String name, String entry)
            throws IOException, ModelFormatException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] chunk = new byte[64 * 1024];
        long n = 0;
        for (int r; (r = in.read(chunk)) > 0; ) {
            n += r;
            if (n > limit) {
                throw tooLarge(name, entry, limit);
            }
            if (n > budget[0]) {
                throw new ModelFormatException(name + ": model file entries total more than the "
                        + (MAX_TOTAL_BYTES >> 20) + " MB accepted");
            }
            if (KEPT.contains(entry)) {
                out.write(chunk, 0, r);
            }
        }
        budget[0] -= n;
        return out.toByteArray();
    }

    private static ModelFormatException tooLarge(String name, String entry, long limit) {
        return new ModelFormatException(name + ": model file entry " + entry + " is larger than the "
                + (limit >= 1 << 20 ? (limit >> 20) + " MB" : limit >= 1 << 10 ? (limit >> 10) + " KB" : limit + " bytes")
            + " accepted for it");
    }

    private static ModelFormatException notAZip(String name, ZipException e) {
        return new ModelFormatException(name + " is not a PneumoLens model file (not a zip archive, or a damaged "
                + "one: " + NetworkConfiguration.firstLine(e.getMessage()) + ")", e);
    }

    /** An entry name as it may be shown: control characters escaped, at most 80 characters. */
    static String printable(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().limit(80).forEach(c -> {
            if (Character.isISOControl(c) || c == 0x2028 || c == 0x2029) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return s.codePointCount(0, s.length()) > 80 ? sb + "..." : sb.toString();
    }

    /** Refuses a stream longer than the file limit, reported as the cause of an IOException. */
    private static final class BoundedStream extends java.io.FilterInputStream {
        private final long limit;
        private final String name;
        private long count;

        BoundedStream(InputStream in, long limit, String name) {
            super(in);
            this.limit = limit;
            this.name = name;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            count += n;
            if (count > limit) {
                throw new IOException(new ModelFormatException(name + " is larger than any model file this "
                        + "version reads (" + (limit >> 20) + " MB)"));
            }
        }
    }
}
