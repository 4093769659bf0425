package org.pneumolens.core.engine;

import java.util.Locale;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Makes libnd4j's and OpenBLAS's OpenMP threads sleep, not spin, when a parallel region ends: the process runs as
 * if started with {@code OMP_WAIT_POLICY=PASSIVE}.
 *
 * <p>Why: by default libgomp's idle worker threads spin for about 300,000 iterations after every parallel region.
 * A forward pass is hundreds of short regions with Java work between them, and the batch path (the worklist,
 * {@code predict DIR}) decodes on other threads meanwhile: on 2 cores the spinning took the CPU the decoders needed.
 * {@code bench}'s batch figures with the variable set against without, same host, alternating: full-size files
 * 64-71 against 72-90 images/s, 224-px files 123-139 against 152-159, CPU per full-size image 24-26 ms against
 * 18-22 (docs/performance.md, session 12; decision 0018).
 *
 * <p>How: libgomp reads the variable once, when it is loaded, and a JVM cannot set its own environment. So the
 * launcher calls {@link #preferPassive()} before ND4J loads, and it adds the variable to the C library's
 * {@code environ} array the way {@code setenv} does (a new array with the old entries and the new one, never
 * freed), through JavaCPP's raw memory access. Only on Linux, where {@code environ} is an exported symbol of the C
 * library and ND4J's natives use libgomp; elsewhere, or if anything is not as expected, it does nothing.
 * An {@code OMP_WAIT_POLICY} or {@code GOMP_SPINCOUNT} the user set is left as it is.
 */
public final class OmpWaitPolicy {
    static final String VARIABLE = "OMP_WAIT_POLICY";
    static final String ENTRY = VARIABLE + "=PASSIVE";
    /** The memory the C library's environment points to from now on: referenced here so it is never freed. */
    private static PointerPointer<?> environment;
    private static BytePointer entry;

    private OmpWaitPolicy() {
    }

    /** Whether the variable is now in the process environment (set here or by the user). Call once, early. */
    public static synchronized boolean preferPassive() {
        if (environment != null) {
            return true; // set before: Java's view of the environment is a copy taken at start, so it cannot tell
        }
        if (System.getenv(VARIABLE) != null || System.getenv("GOMP_SPINCOUNT") != null) {
            return true; // the user's choice stands
        }
        if (!System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("linux")) {
            return false;
        }
        try {
            Pointer slot = Loader.addressof("environ"); // char ***: the address of the variable itself
            if (slot == null || slot.isNull()) {
                return false;
            }
            PointerPointer<?> variable = new PointerPointer<>(slot);
            Pointer current = variable.get(0);
            if (current == null || current.isNull()) {
                return false;
            }
            PointerPointer<?> old = new PointerPointer<>(current);
            int n = 0;
            while (n < 10_000 && notNull(old.get(n))) {
                n++;
            }
            // JavaCPP's array is not zeroed (new void*[n]): every slot, the terminator too, is written here.
            // A stale terminator made getenv walk into the heap and crash on some machines.
            PointerPointer<?> fresh = new PointerPointer<>(n + 2L);
            for (int i = 0; i < n; i++) {
                fresh.put(i, old.get(i));
            }
            BytePointer value = new BytePointer(ENTRY);
            fresh.put(n, value);
            fresh.put(n + 1L, new Pointer());
            entry = value;
            environment = fresh;
            variable.put(0, fresh); // one aligned pointer store, as setenv's own
            return true;
        } catch (RuntimeException | LinkageError e) {
            return false; // JavaCPP's natives unavailable: the default policy, slower in batches, never wrong
        }
    }

    /** The entries of the C library's environment as it is now (what libgomp reads), for tests; empty elsewhere. */
    static java.util.List<String> nativeEntries() {
        java.util.List<String> out = new java.util.ArrayList<>();
        Pointer slot = Loader.addressof("environ");
        if (slot == null || slot.isNull()) {
            return out;
        }
        PointerPointer<?> env = new PointerPointer<>(new PointerPointer<>(slot).get(0));
        for (int i = 0; i < 10_000 && notNull(env.get(i)); i++) {
            out.add(new BytePointer(env.get(i)).getString());
        }
        return out;
    }

    private static boolean notNull(Pointer p) {
        return p != null && !p.isNull();
    }
}
