package org.pneumolens.core.image;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the time of a reduced JPEG decode goes, per sample after warm-up, in CPU time of the calling thread (not a
 * test; timings only mean something on a quiet machine): the old path (ImageIO full decode then resize), the reduced
 * path end to end, the reduced decode
 * from bytes in memory, and the Huffman decoding alone.
 *
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) org.pneumolens.core.image.ReducedJpegTiming
 *     sample-images 150 20</pre>
 */
public final class ReducedJpegTiming {
    private ReducedJpegTiming() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--cold")) {
            cold(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
            return;
        }
        Path dir = Path.of(args.length > 0 ? args[0] : "sample-images");
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 150;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(ImageDecoder::hasImageExtension).sorted().toList();
        }
        System.out.printf("%-40s %8s %8s %8s %8s %8s  (thread CPU ms, median of %d after %d warm-up rounds, %d px)%n", "file",
                "old", "reduced", "inMemory", "huffman", "factor", rounds, rounds, size);
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            JpegHeader h = JpegHeader.parse(bytes);
            int factor = h == null ? 1 : ScaledJpegDecoder.factorFor(h.width, h.height, size, size);
            double old = time(rounds, () -> GreyConversion.toGreyResized(ImageDecoder.decode(f), size, size));
            double reduced = time(rounds, () -> ImageDecoder.decodeGrey(f, size, size));
            double mem = h == null || factor == 1 ? Double.NaN : time(rounds, () -> ScaledJpegDecoder.decode(
                    JpegHeader.parse(bytes), bytes, factor));
            double huff = h == null ? Double.NaN
                    : time(rounds, () -> ScaledJpegDecoder.entropyDecodeOnly(JpegHeader.parse(bytes), bytes));
            System.out.printf("%-40s %8.2f %8.2f %8.2f %8.2f %8d%n", f.getFileName(), old, reduced, mem, huff, factor);
        }
    }

    /**
     * The benchmark's loop (every file, {@code repeats} times, no warm-up, wall-clock time) with the reduced and the old
     * path interleaved file by file in one fresh JVM, so that both see the same load: {@code --cold DIR SIZE REPEATS}.
     */
    static void cold(Path dir, int size, int repeats) throws Exception {
        List<Path> files;
        try (var s = Files.list(dir)) {
            files = s.filter(ImageDecoder::hasImageExtension).sorted().toList();
        }
        List<Double> reduced = new ArrayList<>();
        List<Double> old = new ArrayList<>();
        for (int r = 0; r < repeats; r++) {
            for (Path f : files) {
                long t0 = System.nanoTime();
                ImageDecoder.decodeGrey(f, size, size);
                long t1 = System.nanoTime();
                GreyConversion.toGreyResized(ImageDecoder.decode(f), size, size);
                long t2 = System.nanoTime();
                reduced.add((t1 - t0) / 1e6);
                old.add((t2 - t1) / 1e6);
            }
        }
        System.out.printf("p50 wall ms over %d decodes, interleaved, no warm-up: reduced %.2f, old %.2f%n",
                reduced.size(), median(reduced), median(old));
        System.out.println("reduced " + reduced);
        System.out.println("old     " + old);
    }

    static double median(List<Double> t) {
        double[] a = t.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

    private static final java.lang.management.ThreadMXBean CPU = java.lang.management.ManagementFactory.getThreadMXBean();

    interface Work {
        Object run() throws Exception;
    }

    static double time(int rounds, Work w) throws Exception {
        for (int i = 0; i < rounds; i++) {
            w.run();
        }
        List<Double> t = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            w.run();
            t.add((CPU.getCurrentThreadCpuTime() - t0) / 1e6);
        }
        double[] a = t.stream().mapToDouble(Double::doubleValue).toArray();
        Arrays.sort(a);
        return a[a.length / 2];
    }
}
