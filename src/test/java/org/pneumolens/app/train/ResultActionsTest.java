package org.pneumolens.app.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.TestData;
import org.pneumolens.app.common.CurrentThreadTaskExecutor;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.core.model.ModelFile;
import org.pneumolens.core.train.TrainingResult;

/** Naming a model on save: a default that differs between runs, a safe file name, the name in the file. */
class ResultActionsTest {
    @Test
    void theSuggestedNameCarriesTheRunsDateAndTimeAndTheFileNameIsSafe(@TempDir Path tmp) throws Exception {
        CurrentThreadTaskExecutor now = new CurrentThreadTaskExecutor();
        AppContext context = new AppContext(new ModelService(now), now, now, AppContext.Navigation.NONE);
        var model = TestData.bundledModel();
        var result = new SimpleObjectProperty<TrainingResult>(
                new TrainingResult(model, List.of(), 1, null, false, false));
        ResultActions actions = new ResultActions(context, result);

        String name = actions.suggestedModelName();
        String date = Instant.parse(model.metadata().createdAt()).toString().substring(0, 4);
        assertTrue(name.contains(date) && name.matches(".*\\d\\d:\\d\\d\\)$"), name);
        assertNotEquals(model.metadata().name(), name);
        String file = ResultActions.fileNameFor(name);
        assertTrue(file.matches("[A-Za-z0-9.-]+\\.zip"), file);
        assertEquals("pneumolens-model.zip", ResultActions.fileNameFor("///"));

        Path target = tmp.resolve(file);
        boolean[] done = new boolean[1];
        actions.save(target, "My pneumonia model", ok -> done[0] = ok);

        assertTrue(done[0]);
        assertTrue(actions.savedProperty().get());
        assertEquals("My pneumonia model", ModelFile.load(target).metadata().name());
    }
}
