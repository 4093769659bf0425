package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.pneumolens.core.train.EpochResult;

class TrainingProgressBridgeTest {
    /** Collects what reaches the "FX" side, and on which thread. */
    private static final class RecordingSink implements TrainingProgressBridge.Sink {
        final List<String> events = new ArrayList<>();
        final List<EpochResult> epochs = new ArrayList<>();

        @Override
        public void message(String text) {
            events.add("message " + text);
        }

        @Override
        public void batch(int epoch, int done, int total) {
            events.add("batch " + epoch + " " + done + "/" + total);
        }

        @Override
        public void epoch(EpochResult result) {
            events.add("epoch " + result.epoch());
            epochs.add(result);
        }
    }

    private static EpochResult result(int epoch, int total) {
        return new EpochResult(epoch, total, 1.0 / epoch, 0.5 + epoch / 100.0, 1.1 / epoch, 0.4 + epoch / 100.0,
                0.6 + epoch / 100.0, 2.5, 1e-3, epoch % 2 == 1);
    }

    @Test
    void nEpochCallbacksFromAnotherThreadGiveExactlyNUpdatesInOrder() throws Exception {
        int n = 7;
        ConcurrentLinkedQueue<Runnable> posted = new ConcurrentLinkedQueue<>();
        RecordingSink sink = new RecordingSink();
        TrainingProgressBridge bridge = new TrainingProgressBridge(sink, posted::add, System::nanoTime);
        List<EpochResult> sent = new ArrayList<>();
        Thread trainer = new Thread(() -> {
            for (int e = 1; e <= n; e++) {
                EpochResult r = result(e, n);
                sent.add(r);
                bridge.epoch(r);
            }
        }, "fake-training-thread");
        trainer.start();
        trainer.join(TimeUnit.SECONDS.toMillis(30));

        assertEquals(n, posted.size(), "one runLater per epoch");
        assertEquals(List.of(), sink.epochs, "nothing reaches the sink before the posted updates run");
        Thread consumer = Thread.currentThread();
        assertNotSame(trainer, consumer);
        posted.forEach(Runnable::run);
        assertEquals(sent, sink.epochs, "same figures, same order");
    }

    @Test
    void batchProgressIsThrottledButTheLastBatchOfAnEpochAlwaysArrives() {
        AtomicLong now = new AtomicLong();
        List<Runnable> posted = new ArrayList<>();
        RecordingSink sink = new RecordingSink();
        TrainingProgressBridge bridge = new TrainingProgressBridge(sink, posted::add, now::get);
        long step = TimeUnit.MILLISECONDS.toNanos(50); // a batch every 50 ms: 4 batches per posting interval
        for (int b = 1; b <= 10; b++) {
            bridge.batch(1, b, 10);
            now.addAndGet(step);
        }
        posted.forEach(Runnable::run);
        // t = 0 (first), 200 ms (batch 5), 400 ms (batch 9), and batch 10 because it ends the epoch.
        assertEquals(List.of("batch 1 1/10", "batch 1 5/10", "batch 1 9/10", "batch 1 10/10"), sink.events);
    }

    @Test
    void messagesAndEpochsKeepTheirRelativeOrder() {
        List<Runnable> posted = new ArrayList<>();
        RecordingSink sink = new RecordingSink();
        TrainingProgressBridge bridge = new TrainingProgressBridge(sink, posted::add, System::nanoTime);
        bridge.message("Decoding 32 training images...");
        bridge.epoch(result(1, 2));
        bridge.message("skipped x.jpeg: broken");
        bridge.epoch(result(2, 2));
        posted.forEach(Runnable::run);
        assertEquals(List.of("message Decoding 32 training images...", "epoch 1", "message skipped x.jpeg: broken",
                "epoch 2"), sink.events);
    }
}
