package org.pneumolens.core.batch;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.pneumolens.core.check.CheckResult;
import org.pneumolens.core.check.ImageSignals;
import org.pneumolens.core.check.Screening;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.dicom.DicomDecoder;
import org.pneumolens.core.dicom.DicomHeader;
import org.pneumolens.core.engine.ChannelsLastForward;
import org.pneumolens.core.image.ImageDecodeException;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.image.ImageLimits;
import org.pneumolens.core.image.Preprocessing;
import org.pneumolens.core.model.ModelOutputException;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Analyses many files as {@link Screening#predict(PneumoModel, Path)} does one: a small pool decodes and
 * preprocesses files while the calling thread runs batched forward passes, joined by a bounded queue, so at most
 * {@code queue + decoders} decoded files exist at once whatever the count. Each file gets exactly one
 * {@link ImageResult}, in the order given; a bad file never stops the batch. Full-size images are dropped as soon
 * as the network input, the check's signals and the thumbnail are taken from them.
 */
public final class BatchAnalyser {
    private static final Logger LOG = LoggerFactory.getLogger(BatchAnalyser.class);

    /**
     * @param decoders  decoding threads
     * @param batch     images per forward pass
     * @param thumbnail longest side of the PNG thumbnail in pixels; 0 for none
     */
    public record Options(int decoders, int batch, int thumbnail) {
        public Options {
            if (decoders < 1 || batch < 1 || thumbnail < 0 || thumbnail > 512) {
                throw new IllegalArgumentException("decoders and batch >= 1, thumbnail in [0, 512]");
            }
        }

        /**
         * Two decoders at most (the forward pass wants the other cores), batches of 32, no thumbnails. On 2 cores
         * the bundled network's forward pass costs ~25 ms of CPU per image in batches of 16, ~16 in batches of 32
         * and ~15 in batches of 64 (docs/performance.md), more than decoding a full-size radiograph (~12 ms): 32
         * takes most of the gain with half the activations of 64.
         */
        public static Options defaults() {
            return new Options(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() - 1)), 32, 0);
        }

        public Options withThumbnail(int size) {
            return new Options(decoders, batch, size);
        }
    }

    /** Called on the analysing thread. */
    public interface Listener {
        void result(ImageResult result);

        default void progress(BatchProgress progress) {
        }
    }

    /** How the batch ended: counts of each outcome, and whether it was cancelled before the end. */
    public record Summary(int total, int done, int failed, int internalErrors, boolean cancelled, double seconds) {
    }

    private final PneumoModel model;
    private final Options options;

    public BatchAnalyser(PneumoModel model, Options options) {
        this.model = model;
        this.options = options;
    }

    /** What the decoding threads hand over: everything later steps need, nothing full-size. */
    private record Decoded(int index, Path file, float[] input, ImageSignals signals, SourceFacts source,
                           String headerRefusal, byte[] thumbnail, ImageResult failure) {
    }

    /**
     * Runs the batch on the calling thread (decoding on the pool). Returns early, with {@code cancelled} set,
     * once {@code cancelled} answers true; the files not reached by then get no result.
     */
    public Summary run(List<Path> files, BooleanSupplier cancelled, Listener listener) throws InterruptedException {
        long start = System.nanoTime();
        int total = files.size();
        AtomicInteger threadNo = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(options.decoders(), r -> {
            Thread t = new Thread(r, "pneumolens-batch-decode-" + threadNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        // Futures in file order; the bound holds decoded files to a couple of batches.
        BlockingQueue<Future<Decoded>> queue = new ArrayBlockingQueue<>(2 * options.batch());
        Thread feeder = new Thread(() -> {
            try {
                for (int i = 0; i < total && !cancelled.getAsBoolean(); i++) {
                    int index = i;
                    Path file = files.get(i);
                    queue.put(pool.submit(() -> decode(index, file)));
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.RejectedExecutionException e) {
                // the pool was shut down: the batch is over
            }
        }, "pneumolens-batch-feed");
        feeder.setDaemon(true);
        feeder.start();
        int done = 0;
        int failed = 0;
        int internal = 0;
        BatchProgress.Clock clock = new BatchProgress.Clock(total, start);
        try {
            int next = 0;
            while (next < total) {
                if (cancelled.getAsBoolean()) {
                    return new Summary(total, done, failed, internal, true, seconds(start));
                }
                List<Decoded> chunk = new ArrayList<>();
                while (chunk.size() < options.batch() && next < total) {
                    Future<Decoded> f = queue.poll(100, TimeUnit.MILLISECONDS);
                    if (f == null) {
                        if (cancelled.getAsBoolean()) {
                            return new Summary(total, done, failed, internal, true, seconds(start));
                        }
                        continue;
                    }
                    chunk.add(take(f, next, files.get(next)));
                    next++;
                    // Full batches even when the decoders are behind: a smaller pass costs more CPU per image, and
                    // on a busy machine that CPU is what the decoders wait for.
                }
                for (ImageResult r : infer(chunk)) {
                    switch (r.outcome()) {
                        case DONE -> done++;
                        case FAILED -> failed++;
                        case INTERNAL_ERROR -> internal++;
                        default -> throw new IllegalStateException();
                    }
                    listener.result(r);
                }
                listener.progress(clock.at(next));
            }
            return new Summary(total, done, failed, internal, false, seconds(start));
        } finally {
            feeder.interrupt();
            pool.shutdownNow();
            ChannelsLastForward.releaseBatchBuffers(); // this thread's reused maps: ~52 MB, not needed until the next batch
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static Decoded take(Future<Decoded> f, int index, Path file) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            // decode() catches everything but errors it must not swallow; report the file and go on
            return failure(index, file, ImageResult.Outcome.INTERNAL_ERROR, unexpected(file, e.getCause()));
        }
    }

    private static Decoded failure(int index, Path file, ImageResult.Outcome outcome, String error) {
        return new Decoded(index, file, null, null, null, null, null, ImageResult.failed(index, file, outcome, error));
    }

    private static String unexpected(Path file, Throwable e) {
        LOG.error("unexpected failure on {}", ImageLimits.printable(file.toString()), e);
        return ImageLimits.printable(file.toString()) + ": unexpected failure (" + ImageLimits.printable(String.valueOf(e))
                + ")";
    }

    private Decoded decode(int index, Path file) {
        String shown = ImageLimits.printable(file.toString());
        try {
            Preprocessing prep = model.preprocessing();
            int ds = prep.datasetSize();
            // A large grey JPEG is decoded at a reduced scale that still covers the dataset size and the
            // thumbnail (ReducedJpeg; decision 0014); it has no colour for the check to measure. Anything else goes
            // through the one full decode, then straight to the dataset size (no full-size float image).
            int need = Math.max(ds, options.thumbnail());
            Screening.ReducedInput reduced = Screening.reducedInput(prep, file, need);
            boolean small = reduced != null;
            BufferedImage decoded = small ? null : ImageDecoder.decode(file);
            int width = small ? reduced.jpeg().width() : decoded.getWidth();
            int height = small ? reduced.jpeg().height() : decoded.getHeight();
            Screening.ModelInput in = small ? reduced.model()
                    : Screening.ModelInput.of(prep, decoded, width, height, ImageDecoder.toGreyResized(decoded, ds, ds));
            SourceFacts source;
            String refusal = null;
            if (Dicom.isDicom(file)) {
                DicomHeader h = DicomDecoder.readHeader(file);
                source = SourceFacts.dicom(width, height, h);
                refusal = h.notChestReason().orElse(null);
            } else {
                source = new SourceFacts(SourceFacts.sniffFormat(file), width, height, null);
            }
            byte[] thumb = options.thumbnail() <= 0 ? null : small ? Thumbnails.png(reduced.jpeg().image(), options.thumbnail())
                    : Thumbnails.png(decoded, options.thumbnail());
            return new Decoded(index, file, in.input(), in.signals(), source, refusal, thumb, null);
        } catch (ImageDecodeException e) {
            return failure(index, file, ImageResult.Outcome.FAILED, ImageLimits.printable(e.getMessage()));
        } catch (OutOfMemoryError e) {
            // Recoverable here: what the failed decode allocated is garbage now.
            return failure(index, file, ImageResult.Outcome.FAILED, shown + ": not enough memory to read this image");
        } catch (StackOverflowError | RuntimeException | java.io.IOException e) {
            return failure(index, file, ImageResult.Outcome.INTERNAL_ERROR, unexpected(file, e));
        }
    }

    private List<ImageResult> infer(List<Decoded> chunk) {
        List<Decoded> ok = chunk.stream().filter(d -> d.failure() == null).toList();
        ImageResult[] out = new ImageResult[chunk.size()];
        if (!ok.isEmpty()) {
            float[][] inputs = ok.stream().map(Decoded::input).toArray(float[][]::new);
            PneumoModel.Forward f;
            try {
                f = model.forward(inputs); // [n, classes] probabilities and [n, d] features
            } catch (RuntimeException | OutOfMemoryError e) {
                f = null; // the whole pass failed: each file below is retried alone, so one bad input costs one
            }
            for (int i = 0; i < ok.size(); i++) {
                Decoded d = ok.get(i);
                out[chunk.indexOf(d)] = f != null ? judge(d, f.probabilities()[i], f.features()[i]) : alone(d);
            }
        }
        for (int i = 0; i < chunk.size(); i++) {
            if (chunk.get(i).failure() != null) {
                out[i] = chunk.get(i).failure();
            }
        }
        return List.of(out);
    }

    private ImageResult alone(Decoded d) {
        try {
            PneumoModel.Forward f = model.forward(new float[][]{d.input()});
            return judge(d, f.probabilities()[0], f.features()[0]);
        } catch (OutOfMemoryError e) {
            return ImageResult.failed(d.index(), d.file(), ImageResult.Outcome.FAILED,
                    ImageLimits.printable(d.file().toString()) + ": not enough memory to analyse this image");
        } catch (RuntimeException e) {
            return ImageResult.failed(d.index(), d.file(), ImageResult.Outcome.INTERNAL_ERROR, unexpected(d.file(), e));
        }
    }

    private ImageResult judge(Decoded d, double[] probabilities, float[] features) {
        Prediction p;
        try {
            p = model.label(probabilities);
        } catch (ModelOutputException e) {
            return ImageResult.failed(d.index(), d.file(), ImageResult.Outcome.FAILED,
                    ImageLimits.printable(d.file().toString()) + ": " + e.getMessage());
        }
        CheckResult check = Screening.check(model, d.signals(), features);
        if (d.headerRefusal() != null) {
            check = check.refusedBecause(d.headerRefusal());
        }
        return new ImageResult(d.index(), d.file(), ImageResult.Outcome.DONE, p, check, d.source(), d.thumbnail(),
                null);
    }
}
