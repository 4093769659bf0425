package org.pneumolens.core.engine;

import org.nd4j.linalg.factory.Nd4j;

/**
 * Starts ND4J's native side completely: libnd4j and OpenBLAS loaded and the BLAS function table built.
 *
 * <p>Why a process must do this before any other thread loads native libraries: ND4J builds that table
 * ({@code CpuNDArrayFactory.createBlas}) with JavaCPP's {@code Loader.addressof}, which on Linux falls back to
 * {@code dl_iterate_phdr} and calls {@code dlsym} inside its callback. glibc's {@code dlopen} takes the same two
 * loader locks in the opposite order, so a thread that loads a new library at that moment (JavaFX and GTK load
 * dozens while a window starts) and the ND4J thread wait for each other forever; the process then even ignores
 * SIGTERM. It happened in 2 of about 40 window starts here while the model was preloaded next to the JavaFX start.
 */
public final class Nd4jStart {
    private Nd4jStart() {
    }

    /** Idempotent and cheap once done; the first call takes about half a second. */
    public static void run() {
        // Nd4j's class initialisation loads the native libraries; blas() builds the function table if the
        // initialisation did not already (it does when it logs its environment, the default).
        Nd4j.factory().blas();
    }
}
