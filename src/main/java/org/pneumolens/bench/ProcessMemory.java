package org.pneumolens.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/** Peak resident memory of this process (Linux {@code VmHWM}): JVM heap, ND4J off-heap buffers and native code. */
public final class ProcessMemory {
    private ProcessMemory() {
    }

    /** Peak resident set size in KiB, or empty where {@code /proc/self/status} is not available. */
    public static OptionalLong peakResidentKib() {
        try {
            return parseVmHwm(Files.readAllLines(Path.of("/proc/self/status")));
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    static OptionalLong parseVmHwm(Iterable<String> statusLines) {
        for (String line : statusLines) {
            if (line.startsWith("VmHWM:")) {
                String[] parts = line.substring("VmHWM:".length()).trim().split("\\s+");
                return OptionalLong.of(Long.parseLong(parts[0])); // the kernel reports "kB", i.e. KiB
            }
        }
        return OptionalLong.empty();
    }
}
