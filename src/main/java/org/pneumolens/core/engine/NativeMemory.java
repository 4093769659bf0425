package org.pneumolens.core.engine;

/**
 * A ceiling for ND4J's off-heap memory, so that training's resident size does not scale with the machine's RAM.
 *
 * <p>ND4J's arrays live off the Java heap and are freed when their Java objects are collected. JavaCPP only forces
 * a collection when the tracked off-heap total reaches {@code org.bytedeco.javacpp.maxbytes}, which defaults to
 * the maximum heap, itself a quarter of RAM: on this project's 24 GB machine an early training run peaked at
 * 8.2 GB resident, mostly garbage waiting for a collection. Training needs far less (the network, its workspaces
 * and a batch; the decoded images are on the heap), so a fixed ceiling costs nothing but the occasional
 * collection.
 */
public final class NativeMemory {
    public static final String MAX_BYTES_PROPERTY = "org.bytedeco.javacpp.maxbytes";
    /** Room for 224 px training at batch 64 with headroom; 112 px training uses well under half. */
    public static final String DEFAULT_MAX_BYTES = "2g";

    private NativeMemory() {
    }

    /**
     * Sets the ceiling unless given on the command line ({@code -Dorg.bytedeco.javacpp.maxbytes=...}). Must run
     * before JavaCPP's {@code Pointer} class loads, i.e. before any ND4J use: the launcher calls it first thing.
     */
    public static void limit() {
        if (System.getProperty(MAX_BYTES_PROPERTY) == null && System.getProperty("org.bytedeco.javacpp.maxBytes") == null) {
            System.setProperty(MAX_BYTES_PROPERTY, DEFAULT_MAX_BYTES);
        }
    }
}
