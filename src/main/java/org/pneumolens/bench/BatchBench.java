package org.pneumolens.bench;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.pneumolens.core.batch.BatchAnalyser;
import org.pneumolens.core.batch.BatchInputs;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.image.GreyImage;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.Resampler;
import org.pneumolens.core.model.PneumoModel;

/**
 * Batch figures: {@code batch_full_images_per_s} and {@code batch_224_images_per_s}, the {@link BatchAnalyser}
 * pipeline ({@code predict DIR} and the worklist) over copies of the sample radiographs, full-size and squashed to
 * 224x224 JPEGs like the dataset; and the resident memory of a separate {@code predict DIR} (or worklist-like)
 * process over 100 and 1,000 files, so a figure that grows with the count shows.
 */
public final class BatchBench {
    /** The worklist's thumbnail size ({@code WorklistViewModel.THUMBNAIL}; bench may not use the app). */
    static final int WORKLIST_THUMBNAIL = 96;

    private BatchBench() {
    }

    /**
     * {@code n} files cycling through {@code samples}, in a new folder under {@code dir}: full-size copies, or with
     * {@code squash} each sample resized to 224x224 (no aspect kept) and saved as a 3-channel JPEG, as the dataset
     * was made.
     */
    public static Path files(List<Path> samples, int n, boolean squash, Path dir) throws IOException,
            ImageDecodeException {
        Path out = Files.createDirectories(dir.resolve((squash ? "224-" : "full-") + n));
        List<byte[]> bytes = new ArrayList<>();
        for (Path s : samples) {
            bytes.add(squash ? datasetJpeg(s) : Files.readAllBytes(s));
        }
        for (int i = 0; i < n; i++) {
            String name = samples.get(i % samples.size()).getFileName().toString();
            Files.write(out.resolve(String.format("%05d_%s", i, name)), bytes.get(i % samples.size()));
        }
        return out;
    }

    /** The sample squashed to 224x224 grey, written as an RGB JPEG with three equal channels. */
    static byte[] datasetJpeg(Path sample) throws IOException, ImageDecodeException {
        return jpeg(Resampler.resize(ImageDecoder.decodeGrey(sample), 224, 224), BufferedImage.TYPE_3BYTE_BGR);
    }

    /** {@code image} as JPEG (ImageIO's default quality) in a raster of {@code type}: grey or 3-byte colour. */
    static byte[] jpeg(GreyImage image, int type) throws IOException {
        BufferedImage out = new BufferedImage(image.width(), image.height(), type);
        float[] px = image.pixels();
        java.awt.image.WritableRaster r = out.getRaster();
        int bands = r.getNumBands();
        int[] row = new int[image.width() * bands];
        for (int y = 0; y < image.height(); y++) {
            for (int x = 0; x < image.width(); x++) {
                int v = Math.round(Math.max(0, Math.min(1, px[y * image.width() + x])) * 255);
                for (int b = 0; b < bands; b++) {
                    row[x * bands + b] = v;
                }
            }
            r.setPixels(0, y, image.width(), 1, row);
        }
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(out, "jpeg", bytes)) {
            throw new IOException("no JPEG writer");
        }
        return bytes.toByteArray();
    }

    /**
     * Images per second of the batch pipeline over every file in {@code folder} (after one untimed pass over the
     * first few, for the JIT and oneDNN's primitives), with the app's default options: what {@code predict DIR} runs.
     */
    public static double imagesPerSecond(PneumoModel model, Path folder, BatchAnalyser.Options options)
            throws InterruptedException {
        return rate(model, folder, options).imagesPerSecond();
    }

    /**
     * @param imagesPerSecond wall-clock throughput
     * @param cpuMsPerImage   CPU time of the whole process (every thread) per image: on a busy machine, where the
     *                        wall clock says more about the other jobs, cores / this is what a quiet one would reach
     */
    public record Rate(double imagesPerSecond, double cpuMsPerImage) {
    }

    /** {@link #imagesPerSecond} with the process's CPU time per image. */
    public static Rate rate(PneumoModel model, Path folder, BatchAnalyser.Options options)
            throws InterruptedException {
        List<Path> files = BatchInputs.expand(List.of(folder)).files();
        new BatchAnalyser(model, options).run(files.subList(0, Math.min(files.size(), 2 * options.batch())),
                () -> false, r -> { });
        int[] done = {0};
        long cpu0 = processCpuNanos();
        long t0 = System.nanoTime();
        BatchAnalyser.Summary s = new BatchAnalyser(model, options).run(files, () -> false, r -> {
            if (r.outcome() != ImageResult.Outcome.DONE) {
                throw new IllegalStateException("batch bench: " + r.error());
            }
            done[0]++;
        });
        double seconds = (System.nanoTime() - t0) / 1e9;
        long cpu = processCpuNanos() - cpu0;
        if (done[0] != files.size() || s.cancelled()) {
            throw new IllegalStateException("batch bench: " + done[0] + " of " + files.size() + " done");
        }
        return new Rate(files.size() / seconds, cpu0 < 0 ? Double.NaN : cpu / 1e6 / files.size());
    }

    /** CPU time of this process, every thread, native ones included; -1 where the JVM cannot tell. */
    static long processCpuNanos() {
        java.lang.management.OperatingSystemMXBean os = java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        return os instanceof com.sun.management.OperatingSystemMXBean sun ? sun.getProcessCpuTime() : -1;
    }

    /**
     * What a worklist holds after analysing {@code folder}: every file's compact result with its thumbnail (the
     * rows share the same thumbnail bytes). Runs in the probe process whose memory {@link #peakRssKib} measures.
     *
     * @return the results kept
     */
    public static List<ImageResult> worklist(PneumoModel model, Path folder) throws InterruptedException {
        List<Path> files = BatchInputs.expand(List.of(folder)).files();
        List<ImageResult> kept = new ArrayList<>(files.size());
        new BatchAnalyser(model, BatchAnalyser.Options.defaults().withThumbnail(WORKLIST_THUMBNAIL)).run(files,
                () -> false, kept::add);
        return kept;
    }

    /**
     * Runs {@code command} (this build again, see {@link JavaCommand}) with {@code OMP_NUM_THREADS} set, its output
     * discarded, and returns its peak resident memory: {@code VmHWM} polled from {@code /proc} until it exits.
     */
    public static OptionalLong peakRssKib(List<String> command, int threads, long timeoutSeconds)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        Map<String, String> env = pb.environment();
        env.put("OMP_NUM_THREADS", Integer.toString(threads));
        Process p = pb.start();
        Path status = Path.of("/proc", Long.toString(p.pid()), "status");
        long peak = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        while (!p.waitFor(20, TimeUnit.MILLISECONDS)) {
            try {
                OptionalLong now = ProcessMemory.parseVmHwm(Files.readAllLines(status));
                if (now.isPresent()) {
                    peak = Math.max(peak, now.getAsLong());
                }
            } catch (IOException | RuntimeException e) {
                // exited between the check and the read
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IOException("memory probe did not finish in " + timeoutSeconds + " s: " + command);
            }
        }
        if (p.exitValue() != 0) {
            throw new IOException("memory probe exited with " + p.exitValue() + ": " + command);
        }
        return peak < 0 ? OptionalLong.empty() : OptionalLong.of(peak);
    }
}
