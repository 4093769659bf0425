package org.pneumolens.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter is process-wide, so it is checked in a child JVM and the test JVM stays as it was. */
class SerialFilterTest {
    /** Exit 0: the filter refused the object; 1: the object was read; 2: something else went wrong. */
    public static void main(String[] args) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(new ArrayList<>(List.of("x")));
        }
        if (args.length > 0) {
            SerialFilter.rejectAll();
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            in.readObject();
            System.exit(1);
        } catch (InvalidClassException e) {
            System.exit(e.getMessage().contains("REJECTED") ? 0 : 2);
        }
    }

    private static int child(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), SerialFilterTest.class.getName()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int code = p.waitFor();
        System.out.print(output);
        return code;
    }

    @Test
    void afterRejectAllNoObjectIsDeserialized() throws Exception {
        assertEquals(1, child(), "without the filter the object is read (the check can fail)");
        assertEquals(0, child("filter"));
    }
}
