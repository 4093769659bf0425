package org.pneumolens.core.io;

import java.io.ObjectInputFilter;

/**
 * A process-wide Java deserialization filter that rejects every class. PneumoLens reads no serialized Java objects
 * (model files are read through an allow-list of JSON and raw-array entries), and with this filter no library it
 * calls can be made to either: any {@code ObjectInputStream.readObject()} fails with {@code InvalidClassException}
 * before an object is created. The packaged app also passes {@code -Djdk.serialFilter=!*}.
 */
public final class SerialFilter {
    /** Same syntax as {@code -Djdk.serialFilter}: reject everything. */
    public static final String REJECT_ALL = "!*";

    private SerialFilter() {
    }

    /** Installs the filter unless one is already in force (given on the command line, or installed before). */
    public static void rejectAll() {
        if (ObjectInputFilter.Config.getSerialFilter() != null) {
            return;
        }
        try {
            ObjectInputFilter.Config.setSerialFilter(ObjectInputFilter.Config.createFilter(REJECT_ALL));
        } catch (IllegalStateException e) {
            // Another thread installed one first; it stays.
        }
    }
}
