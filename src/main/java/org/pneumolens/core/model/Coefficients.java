package org.pneumolens.core.model;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Parses {@code coefficients.bin}, the network's flattened parameters as ND4J 1.0.0-M2.1 writes them
 * ({@code Nd4j.write(INDArray, DataOutputStream)}), without ND4J's reader, which allocates whatever length the
 * file declares (a length field of 2^31 cost 8.5 GB) and reads past a short buffer. The format, all big-endian:
 * <pre>
 *   shape buffer: UTF allocation mode, long n, UTF "LONG", n longs [rank, shape..., strides..., extras, ews, order]
 *   data buffer:  UTF allocation mode, long length, UTF "FLOAT", length floats
 * </pre>
 * Only a vector (rank 1, or rank 2 with one side 1) of 32-bit floats is accepted, of exactly the length the
 * network's configuration needs, with no byte missing or left over.
 */
final class Coefficients {
    /** Most parameters a model may have: 32 M floats, 128 MB (the bundled model has 0.58 M). */
    static final long MAX_PARAMS = 32L << 20;
    /** Room for the two headers (113 bytes for a vector), generously. */
    static final long HEADER_BYTES = 1024;
    /** Largest coefficients entry: the parameters plus the headers. */
    static final long MAX_BYTES = MAX_PARAMS * Float.BYTES + HEADER_BYTES;
    private static final Set<String> ALLOCATION_MODES = Set.of("MIXED_DATA_TYPES", "LONG_SHAPE", "DIRECT", "HEAP",
            "JAVACPP");

    private Coefficients() {
    }

    /** The parameters as a float vector of length {@code expected}, or why the bytes are not that. */
    static INDArray parse(byte[] bytes, long expected, String name) throws ModelFormatException {
        if (expected < 1 || expected > MAX_PARAMS) {
            throw new ModelFormatException(name + ": the network's configuration needs " + expected
                    + " parameters; this version reads models of 1 to " + MAX_PARAMS);
        }
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            header(in, "LONG", name);
            long shapeLength = in.readLong();
            if (shapeLength != 6 && shapeLength != 8) {
                throw bad(name, "its shape has " + shapeLength + " fields; a vector has 6 or 8");
            }
            String shapeType = in.readUTF();
            if (!"LONG".equals(shapeType)) {
                throw bad(name, "its shape is stored as " + ModelZip.printable(shapeType));
            }
            long[] info = new long[(int) shapeLength];
            for (int i = 0; i < info.length; i++) {
                info[i] = in.readLong();
            }
            int rank = (int) info[0];
            if (rank * 2L + 4 != shapeLength) {
                throw bad(name, "its shape is inconsistent (rank " + info[0] + ")");
            }
            long product = 1;
            for (int d = 0; d < rank; d++) {
                long side = info[1 + d];
                if (side < 1 || side > MAX_PARAMS) {
                    throw bad(name, "its shape has a side of " + side);
                }
                product *= side;
            }
            if (rank == 2 && info[1] != 1 && info[2] != 1) {
                throw bad(name, "its parameters are a " + info[1] + "x" + info[2] + " matrix, not a vector");
            }
            if (product != expected) {
                throw bad(name, "it holds " + product + " parameters but the configuration needs " + expected);
            }

            header(in, "FLOAT", name);
            long length = in.readLong();
            String dataType = in.readUTF();
            if (!"FLOAT".equals(dataType)) {
                throw bad(name, "its parameters are " + ModelZip.printable(dataType) + ", not 32-bit FLOAT");
            }
            if (length != expected) {
                throw bad(name, "its buffer declares " + length + " values but the configuration needs " + expected);
            }
            int offset = bytes.length - in.available();
            long need = expected * Float.BYTES;
            if (bytes.length - offset != need) {
                throw bad(name, "its buffer holds " + (bytes.length - offset) + " bytes, " + need + " expected");
            }
            float[] values = new float[(int) expected];
            ByteBuffer.wrap(bytes, offset, (int) need).order(ByteOrder.BIG_ENDIAN).asFloatBuffer().get(values);
            for (float v : values) {
                if (!Float.isFinite(v)) {
                    throw bad(name, "some parameters are NaN or infinite");
                }
            }
            return Nd4j.create(values, new long[]{expected}, 'c').castTo(DataType.FLOAT);
        } catch (ModelFormatException e) {
            throw e;
        } catch (IOException e) { // EOFException, UTFDataFormatException: the bytes end early or are not text
            throw bad(name, "it ends early or is damaged (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a buffer's allocation mode, which says nothing we need but must be one ND4J writes. */
    private static void header(DataInputStream in, String what, String name) throws IOException, ModelFormatException {
        String mode = in.readUTF();
        if (!ALLOCATION_MODES.contains(mode)) {
            throw bad(name, "its " + what + " buffer starts with " + ModelZip.printable(mode));
        }
    }

    private static ModelFormatException bad(String name, String why) {
        return new ModelFormatException(name + ": the network's parameters (" + ModelZip.COEFFICIENTS
                + ") cannot be used: " + why);
    }
}
