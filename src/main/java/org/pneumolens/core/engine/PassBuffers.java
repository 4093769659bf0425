package org.pneumolens.core.engine;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Where the steps of a {@link ChannelsLastForward} pass put their new maps.
 *
 * <p>{@link #FRESH} allocates each map (inside the one-image workspace, from that workspace). {@link #mine()} hands
 * out views into two off-heap buffers of the calling thread, reused pass after pass: each new map goes into the
 * buffer that does not hold the step's input, which is the only earlier map a step reads. Why: a batch of 32 at
 * 160 px allocated and freed ~165 MB of maps per pass, 3-26 MB each; glibc then raises its mmap threshold and keeps
 * such blocks in its heap, where they fragmented, and the resident size of {@code predict} over a folder went up
 * and down by 60-90 MB above a steady 358 MB (docs/performance.md, session 13). Two buffers the size of the largest
 * map hold 52 MB for PneumoNet's batches of 32, and nothing is allocated for the maps after the first pass.
 */
abstract class PassBuffers {
    /** Each map a new array; the caller frees what it no longer needs. */
    static final PassBuffers FRESH = new PassBuffers() {
        @Override
        INDArray create(long[] shape) {
            return Nd4j.createUninitialized(DataType.FLOAT, shape, 'c');
        }

        @Override
        INDArray exec(DynamicCustomOp op) {
            return Nd4j.exec(op)[0]; // the executioner works out the output's shape and allocates it
        }

        @Override
        boolean mayClose(INDArray a) {
            return a.closeable();
        }

        @Override
        void stepDone(INDArray output) {
        }
    };

    private static final ThreadLocal<Pair> MINE = new ThreadLocal<>();

    /** A new float array of {@code shape}, c-order, contents undefined, for the next step's output. */
    abstract INDArray create(long[] shape);

    /** Runs {@code op}, which has one output, and returns that output: a new map, from here. */
    abstract INDArray exec(DynamicCustomOp op);

    /** Whether {@code a} may be freed once the pass is past it (never a view into a reused buffer). */
    abstract boolean mayClose(INDArray a);

    /** Tells which array the step just run produced: the current map, which the next step's output must spare. */
    abstract void stepDone(INDArray output);

    /** The calling thread's two reused buffers, made on first use. */
    static PassBuffers mine() {
        Pair p = MINE.get();
        if (p == null) {
            p = new Pair();
            MINE.set(p);
        }
        p.holding = -1; // a new pass: neither buffer holds anything it needs
        return p;
    }

    /** Frees the calling thread's buffers, if it has any (a batch job is over). */
    static void releaseMine() {
        Pair p = MINE.get();
        if (p != null) {
            p.close();
            MINE.remove();
        }
    }

    /** The bytes the calling thread's buffers hold now (tests). */
    static long heldBytes() {
        Pair p = MINE.get();
        return p == null ? 0 : p.bytes();
    }

    private static final class Pair extends PassBuffers {
        private final INDArray[] flat = new INDArray[2];
        private int holding = -1; // the buffer that holds the current map, -1 when neither does

        @Override
        INDArray create(long[] shape) {
            int k = holding == 0 ? 1 : 0;
            long n = 1;
            for (long d : shape) {
                n *= d;
            }
            if (flat[k] == null || flat[k].length() < n) {
                if (flat[k] != null) {
                    flat[k].close(); // it holds nothing needed: the current map is in the other one
                }
                // Detached: a caller's active workspace must not own (and later reuse) this memory.
                flat[k] = Nd4j.createUninitializedDetached(DataType.FLOAT, n);
            }
            return flat[k].get(NDArrayIndex.interval(0, n)).reshape('c', shape);
        }

        @Override
        INDArray exec(DynamicCustomOp op) {
            INDArray y = create(Nd4j.getExecutioner().calculateOutputShape(op).get(0).getShape());
            op.addOutputArgument(y);
            Nd4j.exec(op);
            return y;
        }

        @Override
        boolean mayClose(INDArray a) {
            return a.closeable() && indexOf(a) < 0;
        }

        @Override
        void stepDone(INDArray output) {
            holding = indexOf(output);
        }

        /** Which buffer {@code a}'s memory lies in, by address (views share it), or -1. */
        private int indexOf(INDArray a) {
            long address = a.data().address();
            for (int k = 0; k < 2; k++) {
                if (flat[k] != null) {
                    long base = flat[k].data().address();
                    if (address >= base && address < base + flat[k].length() * Float.BYTES) {
                        return k;
                    }
                }
            }
            return -1;
        }

        private long bytes() {
            long b = 0;
            for (INDArray f : flat) {
                b += f == null ? 0 : f.length() * Float.BYTES;
            }
            return b;
        }

        private void close() {
            for (int k = 0; k < 2; k++) {
                if (flat[k] != null) {
                    flat[k].close();
                    flat[k] = null;
                }
            }
        }
    }
}
