package org.pneumolens.app.train;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Spinner;
import javafx.scene.input.DragEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import javafx.util.Duration;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.AppSettings;
import org.pneumolens.app.common.TrainingActivity;

/** Wires TrainView.fxml to a {@link TrainViewModel}; holds no state of its own besides the view helpers. */
public final class TrainController {
    @FXML private Pane trainRoot;
    @FXML private Button chooseFolderButton;
    @FXML private Label folderLabel;
    @FXML private Label datasetErrorLabel;
    @FXML private Label countsLabel;
    @FXML private Label validationLabel;
    @FXML private VBox classStrips;
    @FXML private Label warningsLabel;
    @FXML private Label skippedLabel;
    @FXML private ListView<String> skippedList;
    @FXML private javafx.scene.layout.VBox inputCheckSection;
    @FXML private Label inputCheckLabel;
    @FXML private Label inputCheckBlocker;
    @FXML private javafx.scene.control.CheckBox leaveOutCheck;
    @FXML private Pane settingsPane;
    @FXML private Spinner<Integer> epochsSpinner;
    @FXML private Spinner<Integer> batchSpinner;
    @FXML private Spinner<Double> learningRateSpinner;
    @FXML private Spinner<Integer> inputSizeSpinner;
    @FXML private Spinner<Integer> patienceSpinner;
    @FXML private CheckBox augmentationCheck;
    @FXML private CheckBox classWeightsCheck;
    @FXML private Button startButton;
    @FXML private Button stopButton;
    @FXML private Label trainStatusLabel;
    @FXML private Label trainErrorLabel;
    @FXML private Label epochProgressLabel;
    @FXML private ProgressBar epochProgressBar;
    @FXML private Label runProgressLabel;
    @FXML private ProgressBar runProgressBar;
    @FXML private Label elapsedLabel;
    @FXML private Label remainingLabel;
    @FXML private LineChart<Number, Number> accuracyChart;
    @FXML private LineChart<Number, Number> lossChart;
    @FXML private Pane resultsPane;
    @FXML private GridPane confusionGrid;
    @FXML private GridPane classFiguresGrid;
    @FXML private LineChart<Number, Number> rocChart;
    @FXML
    private LineChart<Number, Number> reliabilityChart;
    @FXML private Label trainThresholdLabel;
    @FXML private Button saveButton;
    @FXML private Button useButton;
    @FXML private ListView<String> logList;

    private final TrainViewModel vm;
    private final TrainDialogs dialogs;
    private final Timeline clock = new Timeline(new KeyFrame(Duration.seconds(1), e -> tick()));
    private final CellImagesWindow cellImages;

    public TrainController(AppContext context) {
        this(new TrainViewModel(context), TrainDialogs.standard(AppSettings.atDefaultLocation()));
        context.activity().connect(new TrainingActivity.Actions() {
            @Override
            public void stop() {
                vm.stop();
            }

            @Override
            public void save(Consumer<Boolean> done) {
                saveWithDialog(done);
            }
        });
    }

    TrainController(TrainViewModel vm, TrainDialogs dialogs) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.cellImages = new CellImagesWindow(vm::openImage);
        clock.setCycleCount(Animation.INDEFINITE);
    }

    TrainViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        bindDataset();
        DatasetScreenView.bind(inputCheckSection, inputCheckLabel, leaveOutCheck, inputCheckBlocker, vm.screen(), vm);
        SettingsForm.bind(vm.settings(), epochsSpinner, batchSpinner, learningRateSpinner, inputSizeSpinner,
                patienceSpinner, augmentationCheck, classWeightsCheck);
        settingsPane.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.statusProperty().get().running(),
                vm.statusProperty()));
        startButton.disableProperty().bind(vm.canStartProperty().not());
        stopButton.disableProperty().bind(vm.canStopProperty().not());
        trainStatusLabel.textProperty().bind(vm.messageProperty());
        bindShown(trainErrorLabel, vm.errorProperty().isNotEmpty());
        trainErrorLabel.textProperty().bind(vm.errorProperty());
        RunProgress run = vm.progress();
        epochProgressBar.progressProperty().bind(run.epochProgressProperty());
        epochProgressLabel.textProperty().bind(run.epochProgressTextProperty());
        runProgressBar.progressProperty().bind(run.runProgressProperty());
        runProgressLabel.textProperty().bind(run.runProgressTextProperty());
        elapsedLabel.textProperty().bind(Bindings.concat("Elapsed ", run.elapsedProperty()));
        remainingLabel.textProperty().bind(Bindings.when(run.remainingProperty().isEmpty()).then("")
                .otherwise(Bindings.concat("Remaining ", run.remainingProperty())));
        EpochCharts charts = new EpochCharts(accuracyChart, lossChart);
        charts.bind(vm.history());
        vm.statusProperty().addListener((obs, old, now) -> {
            if (now == TrainStatus.TRAINING && old != TrainStatus.TRAINING) {
                charts.expect(vm.settings().epochsProperty().get());
            }
            if (now.running()) {
                clock.play();
            } else {
                clock.stop();
            }
        });
        Bindings.bindContent(logList.getItems(), vm.log());
        vm.log().addListener((ListChangeListener<String>) c -> logList.scrollTo(vm.log().size() - 1));
        bindResults();
    }

    private void bindDataset() {
        DatasetViewModel ds = vm.dataset();
        folderLabel.textProperty().bind(Bindings.createStringBinding(() -> ds.folderProperty().get() == null
                ? "No folder chosen. Choose one, or drop a folder here." : ds.folderProperty().get().toString()
                + (ds.scanningProperty().get() ? "  (scanning...)" : ""), ds.folderProperty(), ds.scanningProperty()));
        chooseFolderButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> vm.statusProperty().get().running(), vm.statusProperty()));
        bindShown(datasetErrorLabel, ds.errorProperty().isNotEmpty());
        datasetErrorLabel.textProperty().bind(ds.errorProperty());
        ds.summaryProperty().addListener((obs, old, s) -> showSummary(s));
        showSummary(ds.summaryProperty().get());
    }

    private void showSummary(DatasetSummary s) {
        countsLabel.setText(s == null ? "" : s.counts());
        var data = vm.dataset().getDataset();
        classStrips.getChildren().setAll(s == null || data == null ? List.of() : ClassStrips.of(data.train()));
        validationLabel.setText(s == null ? "" : s.validation());
        List<String> warnings = s == null ? List.of() : s.warnings();
        warningsLabel.setText(String.join("\n", warnings.stream().map(w -> "\u26a0 " + w).toList()));
        warningsLabel.setVisible(!warnings.isEmpty());
        warningsLabel.setManaged(!warnings.isEmpty());
        List<String> skipped = s == null ? List.of() : s.skipped();
        skippedList.getItems().setAll(skipped);
        skippedLabel.setText("Skipped files (" + skipped.size() + ")");
        for (Node n : List.of(skippedLabel, skippedList)) {
            n.setVisible(!skipped.isEmpty());
            n.setManaged(!skipped.isEmpty());
        }
    }

    private void bindResults() {
        ResultsView results = new ResultsView(confusionGrid, classFiguresGrid, rocChart, reliabilityChart,
                trainThresholdLabel, this::showCell);
        vm.resultProperty().addListener((obs, old, r) -> results.show(r));
        bindShown(resultsPane, vm.resultProperty().isNotNull());
        var busy = Bindings.createBooleanBinding(() -> vm.resultProperty().get() == null
                        || vm.statusProperty().get().running() || vm.results().savingProperty().get(),
                vm.resultProperty(), vm.statusProperty(), vm.results().savingProperty());
        saveButton.disableProperty().bind(busy);
        useButton.disableProperty().bind(busy);
    }

    /** A matrix cell was clicked: its validation images as thumbnails, each openable in the Diagnose tab. */
    private void showCell(int actual, int predicted) {
        var r = vm.resultProperty().get();
        if (r != null) {
            cellImages.show(window(), CellImages.of(r, actual, predicted));
        }
    }

    private static void bindShown(Node node, ObservableBooleanValue shown) {
        node.visibleProperty().bind(shown);
        node.managedProperty().bind(shown);
    }

    private void tick() {
        vm.tick();
    }

    private Window window() {
        return trainRoot.getScene() == null ? null : trainRoot.getScene().getWindow();
    }

    @FXML
    private void onChooseFolder() {
        Path current = vm.dataset().folderProperty().get();
        dialogs.chooseDatasetFolder(window(), current).ifPresent(vm.dataset()::choose);
    }

    @FXML
    private void onStart() {
        vm.start();
    }

    @FXML
    private void onStop() {
        vm.stop();
    }

    @FXML
    private void onSave() {
        saveWithDialog(ok -> { });
    }

    /** Asks for the model's name, then for the file (named after the model). */
    private void saveWithDialog(Consumer<Boolean> done) {
        Optional<String> name = dialogs.nameModel(window(), vm.results().suggestedModelName());
        Optional<Path> file = name.flatMap(n -> dialogs.chooseModelFile(window(), ResultActions.fileNameFor(n)));
        if (file.isPresent()) {
            vm.results().save(file.get(), name.get(), done);
        } else {
            done.accept(false);
        }
    }

    @FXML
    private void onUse() {
        vm.results().useInDiagnose();
    }

    @FXML
    private void onDragOver(DragEvent e) {
        if (!vm.statusProperty().get().running() && droppedFolder(e) != null) {
            e.acceptTransferModes(TransferMode.COPY_OR_MOVE);
        }
        e.consume();
    }

    @FXML
    private void onDragDropped(DragEvent e) {
        File dir = droppedFolder(e);
        if (dir != null && !vm.statusProperty().get().running()) {
            vm.dataset().choose(dir.toPath());
        }
        e.setDropCompleted(dir != null);
        e.consume();
    }

    private static File droppedFolder(DragEvent e) {
        var files = e.getDragboard().hasFiles() ? e.getDragboard().getFiles() : List.<File>of();
        return files.size() == 1 && files.get(0).isDirectory() ? files.get(0) : null;
    }
}
