package org.pneumolens.app;

import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;

/** Placeholder window until the Diagnose tab lands. */
public final class PneumoLensApp extends Application {
    public static void launchWith(String[] args) {
        Application.launch(PneumoLensApp.class, args);
    }

    @Override
    public void start(Stage stage) {
        stage.setTitle("PneumoLens");
        stage.setScene(new Scene(new Label("PneumoLens"), 800, 600));
        stage.show();
    }
}
