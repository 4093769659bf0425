package org.pneumolens.bench;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line that starts this same build again: same java, same JVM options, same class path. */
public final class JavaCommand {
    /** Set on a JVM started by {@link #self}, so a child never starts another one for the same reason. */
    public static final String CHILD_PROPERTY = "pneumolens.bench.child";

    private JavaCommand() {
    }

    /**
     * @param keepJvmOption which of this JVM's options to pass on (e.g. all, or only the native-build selection)
     * @return {@code java <kept options> <extra options> -jar <jar>} when this JVM runs the jar, else
     * {@code -cp <class path> org.pneumolens.Launcher} (tests, IDE, an extra nd4j-native jar first on the class path).
     */
    public static List<String> self(java.util.function.Predicate<String> keepJvmOption, List<String> extraJvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        ManagementFactory.getRuntimeMXBean().getInputArguments().stream().filter(keepJvmOption).forEach(cmd::add);
        cmd.addAll(extraJvmOptions);
        String cp = System.getProperty("java.class.path");
        boolean singleJar = cp.endsWith(".jar") && !cp.contains(File.pathSeparator) && Files.isRegularFile(Path.of(cp));
        if (singleJar) {
            cmd.add("-jar");
            cmd.add(cp);
        } else {
            cmd.add("-cp");
            cmd.add(cp);
            cmd.add("org.pneumolens.Launcher");
        }
        return cmd;
    }
}
