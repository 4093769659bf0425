package org.pneumolens.app.common;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The outcome rule every view-model relies on, with the current-thread executor: no toolkit. */
class BackgroundTaskTest {
    private final List<String> events = new ArrayList<>();
    private final CurrentThreadTaskExecutor executor = new CurrentThreadTaskExecutor();

    private <V> BackgroundTask<V> recorded(BackgroundTask<V> task) {
        return task.onMessage(m -> events.add("message " + m))
                .onProgress((done, total) -> events.add("progress " + done + "/" + total))
                .onSuccess(v -> events.add("success " + v))
                .onFailure(e -> events.add("failure " + e.getMessage()))
                .onCancelled(() -> events.add("cancelled"));
    }

    @Test
    void callbacksArriveInOrderBeforeExecuteReturns() {
        executor.execute(recorded(new BackgroundTask<String>() {
            @Override
            protected String call() {
                updateMessage("reading");
                updateProgress(1, 2);
                return "done";
            }
        }));

        assertEquals(List.of("message reading", "progress 1/2", "success done"), events);
    }

    @Test
    void aThrowIsAFailureUnlessTheTaskWasCancelled() {
        executor.execute(recorded(BackgroundTask.of(() -> {
            throw new IllegalStateException("broken");
        })));
        BackgroundTask<Object> cancelledMidway = new BackgroundTask<>() {
            @Override
            protected Object call() {
                cancel(); // as Stop pressed while the work runs
                throw new IllegalStateException("stopped");
            }
        };
        executor.execute(recorded(cancelledMidway));

        assertEquals(List.of("failure broken", "cancelled"), events);
    }

    @Test
    void interruptionAndCancellationExceptionsAreCancelsEvenWithoutCancel() {
        executor.execute(recorded(BackgroundTask.of(() -> {
            throw new InterruptedException("executor shut down");
        })));
        executor.execute(recorded(BackgroundTask.of(() -> {
            throw new CancellationException();
        })));

        assertEquals(List.of("cancelled", "cancelled"), events);
    }

    @Test
    void aValueReturnedAfterCancelIsStillASuccess() {
        executor.execute(recorded(new BackgroundTask<String>() {
            @Override
            protected String call() {
                cancel();
                return "best epoch so far";
            }
        }));

        assertEquals(List.of("success best epoch so far"), events);
    }

    @Test
    void aTaskCancelledBeforeItRunsDoesNoWork() {
        BackgroundTask<String> task = recorded(BackgroundTask.of(() -> {
            events.add("worked");
            return "x";
        }));
        task.cancel();

        executor.execute(task);

        assertEquals(List.of("cancelled"), events);
    }

    @Test
    void theUiTaskExecutorRunsOffTheCallingThreadAndPostsCallbacksThroughItsUiThread() throws Exception {
        List<Runnable> posted = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        UiTaskExecutor pool = new UiTaskExecutor("test-pool", r -> {
            posted.add(r);
            ran.countDown();
        });
        Thread[] worker = new Thread[1];
        try {
            pool.execute(recorded(BackgroundTask.of(() -> {
                worker[0] = Thread.currentThread();
                return "v";
            })));
            ran.await(60, java.util.concurrent.TimeUnit.SECONDS);
        } finally {
            pool.shutdown();
        }

        assertEquals(List.of(), events, "nothing runs until the UI thread takes it");
        posted.forEach(Runnable::run);
        assertEquals(List.of("success v"), events);
        assertEquals(true, worker[0].isDaemon());
        assertEquals("test-pool", worker[0].getName());
    }

    @Test
    void aShutDownExecutorReportsNewTasksCancelled() {
        UiTaskExecutor pool = new UiTaskExecutor("test-closed", Runnable::run);
        pool.shutdown();

        pool.execute(recorded(BackgroundTask.of(() -> "never")));

        assertEquals(List.of("cancelled"), events);
    }
}
