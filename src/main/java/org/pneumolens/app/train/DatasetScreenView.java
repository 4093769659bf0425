package org.pneumolens.app.train;

import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.layout.Region;

/** The Train tab's input-check lines under the dataset summary: what the check refuses, "leave them out", why Start is off. */
final class DatasetScreenView {
    private DatasetScreenView() {
    }

    static void bind(Region section, Label summary, CheckBox leaveOut, Label blocker, DatasetScreen screen,
                     TrainViewModel vm) {
        blocker.textProperty().bind(screen.blockerProperty());
        blocker.visibleProperty().bind(screen.blockerProperty().isNotEmpty());
        blocker.managedProperty().bind(blocker.visibleProperty());
        summary.textProperty().bind(screen.summaryProperty());
        section.visibleProperty().bind(screen.summaryProperty().isNotEmpty());
        section.managedProperty().bind(section.visibleProperty());
        leaveOut.selectedProperty().bindBidirectional(screen.leaveOutProperty());
        leaveOut.visibleProperty().bind(screen.anyRefusedProperty());
        leaveOut.managedProperty().bind(leaveOut.visibleProperty());
        leaveOut.disableProperty().bind(vm.statusProperty().map(TrainStatus::running));
    }
}
