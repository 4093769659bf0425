package org.pneumolens.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.diagnose.DiagnoseTask;
import org.pneumolens.core.model.PneumoModel;

/** The warm-up of a loaded model runs once it is in place, on the executor, and a failing one changes nothing. */
class ModelServiceWarmUpTest {
    @Test
    void aLoadedModelIsWarmedUpAfterItIsInPlace() {
        List<PneumoModel> warmed = new ArrayList<>();
        ModelService[] models = new ModelService[1];
        models[0] = new ModelService(new CurrentThreadTaskExecutor(), m -> {
            assertSame(m, models[0].getModel(), "the model is in place before its warm-up");
            DiagnoseTask.warmUp(m); // an open's whole path, on a synthetic image
            warmed.add(m);
        });
        List<Throwable> errors = new ArrayList<>();
        models[0].loadBundled(errors::add);

        assertEquals(List.of(), errors);
        assertEquals(List.of(models[0].getModel()), warmed);
    }

    @Test
    void aFailingWarmUpLeavesTheModelInPlace() {
        ModelService models = new ModelService(new CurrentThreadTaskExecutor(), m -> {
            throw new IllegalStateException("no");
        });
        List<Throwable> errors = new ArrayList<>();
        models.loadBundled(errors::add);

        assertEquals(List.of(), errors, "a warm-up failure is not the model's");
        assertEquals("Model ready: " + models.nameProperty().get(), models.statusProperty().get());
    }
}
