package org.pneumolens.app;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.Window;
import org.pneumolens.app.common.BackgroundTask;
import org.pneumolens.app.common.DelayedFlag;
import org.pneumolens.app.common.ErrorReporter;
import org.pneumolens.app.common.ImageList;
import org.pneumolens.app.common.ImageOpener;
import org.pneumolens.app.common.LazyTab;
import org.pneumolens.app.common.TaskExecutor;
import org.pneumolens.app.common.TrainingActivity;
import org.pneumolens.app.common.ViewLoader;
import org.pneumolens.app.diagnose.DiagnoseController;
import org.pneumolens.app.diagnose.DiagnoseViewModel;
import org.pneumolens.app.diagnose.SampleImages;
import org.pneumolens.app.model.ModelService;
import org.pneumolens.app.worklist.WorklistController;
import org.pneumolens.core.Notices;
import org.pneumolens.core.Version;

/**
 * The main window: menus, tabs, status bar, and dropping files anywhere on the window. Menu actions that concern
 * an image go to the Diagnose tab's controller; this class holds no state of its own beyond the drag highlight.
 */
public final class MainController implements AppContext.Navigation {
    private static final PseudoClass DRAG_OVER = PseudoClass.getPseudoClass("drag-over");
    private static final String TRAIN_VIEW = "/org/pneumolens/app/train/TrainView.fxml";
    private static final String WORKLIST_VIEW = "/org/pneumolens/app/worklist/WorklistView.fxml";

    @FXML private BorderPane root;
    @FXML private TabPane tabs;
    @FXML private Tab diagnoseTab;
    @FXML private Tab trainTab;
    @FXML private Tab worklistTab;
    @FXML private Menu sampleMenu;
    @FXML private Menu recentMenu;
    @FXML private MenuItem exportItem;
    @FXML private MenuItem exportPdfItem;
    @FXML private MenuItem modelCardItem;
    @FXML private MenuItem helpModelCardItem;
    @FXML private Label statusLabel;
    @FXML private ProgressBar statusProgress;
    @FXML private Label modelStatus;
    @FXML private Hyperlink trainingIndicator;
    /** Injected by FXMLLoader from {@code <fx:include fx:id="diagnose">}. */
    @FXML private DiagnoseController diagnoseController;

    /** Loads the Train tab's view when it is first selected, with the same context as the rest of the window. */
    private final ViewLoader views;
    private final ModelService models;
    private final TrainingActivity training;
    private final QuitGuard quitGuard;
    private final TaskExecutor inference;
    /** Null until the Worklist tab is first selected. */
    private WorklistController worklist;

    public MainController(AppContext context) {
        // The Diagnose tab's controller gets the context through the controller factory of the FXML load.
        this.views = new ViewLoader(context);
        this.models = context.models();
        this.inference = context.inference();
        this.training = context.activity();
        this.quitGuard = new QuitGuard(training, this::window, this::showTrain, () -> {
            window().hide();
            Platform.exit();
        });
    }

    @FXML
    private void initialize() {
        DiagnoseViewModel vm = diagnoseController.viewModel();
        bindStatusBar(vm);
        exportItem.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.getDiagnosis() == null,
                vm.stateProperty()));
        exportPdfItem.disableProperty().bind(Bindings.createBooleanBinding(() -> vm.getDiagnosis() == null
                || !vm.getDiagnosis().hasPrediction(), vm.stateProperty()));
        modelCardItem.disableProperty().bind(models.modelProperty().isNull());
        helpModelCardItem.disableProperty().bind(models.modelProperty().isNull());
        // Listing the samples opens the jar as a file system (~0.1 s on a cold start): off the FX thread, so that it
        // does not delay the first frame. The menu is never empty meanwhile (see fillRecent on why that matters).
        sampleMenu.getItems().setAll(disabledItem("Looking for samples..."));
        inference.execute(BackgroundTask.of(SampleImages::list)
                .onSuccess(samples -> sampleMenu.getItems().setAll(sampleItems(samples))));
        vm.recentFiles().addListener((javafx.collections.ListChangeListener<Path>) c -> fillRecent());
        fillRecent();
        LazyTab.fillOnFirstSelect(trainTab, () -> views.load(TRAIN_VIEW).root());
        LazyTab.fillOnFirstSelect(worklistTab, () -> {
            ViewLoader.Loaded<WorklistController> w = views.load(WORKLIST_VIEW);
            w.controller().setOpener(new ImageOpener() {
                @Override
                public void openInDiagnose(Path file) {
                    MainController.this.openInDiagnose(file);
                }

                @Override
                public void loadInDiagnose(Path file) {
                    diagnoseController.viewModel().open(file);
                }
            });
            worklist = w.controller();
            return w.root();
        });

        root.addEventHandler(DragEvent.DRAG_OVER, this::onDragOver);
        root.addEventHandler(DragEvent.DRAG_EXITED, e -> root.pseudoClassStateChanged(DRAG_OVER, false));
        root.addEventHandler(DragEvent.DRAG_DROPPED, this::onDragDropped);
        root.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
    }

    /**
     * The status bar is the window's: what the model is doing, and what the Diagnose tab last did while that tab
     * is in front (the Train tab has its own status line).
     */
    private void bindStatusBar(DiagnoseViewModel vm) {
        ReadOnlyBooleanProperty busyShown = DelayedFlag.of(vm.busyProperty(), DelayedFlag.BUSY_FEEDBACK);
        StringBinding diagnoseLine = Bindings.when(busyShown).then(vm.activityProperty()).otherwise(vm.statusProperty());
        BooleanBinding diagnoseActive = diagnoseTab.selectedProperty().and(diagnoseLine.isNotEmpty());
        statusLabel.textProperty().bind(Bindings.when(models.loadingProperty().not().and(diagnoseActive))
                .then(diagnoseLine).otherwise(models.statusProperty()));
        statusProgress.visibleProperty().bind(models.loadingProperty()
                .or(diagnoseTab.selectedProperty().and(busyShown)));
        statusProgress.managedProperty().bind(statusProgress.visibleProperty());
        modelStatus.textProperty().bind(models.nameProperty().concat("  |"));
        bindTrainingIndicator();
    }

    /** While a run goes on, the Diagnose tab says so (a link to the Train tab) and the Train tab's header spins. */
    private void bindTrainingIndicator() {
        trainingIndicator.textProperty().bind(training.summaryProperty());
        trainingIndicator.visibleProperty().bind(training.runningProperty().and(diagnoseTab.selectedProperty()));
        trainingIndicator.managedProperty().bind(trainingIndicator.visibleProperty());
        ProgressIndicator spinner = new ProgressIndicator();
        spinner.getStyleClass().add("tab-spinner");
        spinner.setId("trainTabSpinner");
        trainTab.graphicProperty().bind(Bindings.when(training.runningProperty()).then((Node) spinner)
                .otherwise((Node) null));
    }

    @FXML
    private void showTrainTab() {
        showTrain();
    }

    /** After the window is shown: load the bundled model and open an image named on the command line. */
    public void start(List<String> args) {
        DiagnoseViewModel vm = diagnoseController.viewModel();
        vm.useBundledModel();
        args.stream().filter(a -> !a.startsWith("-")).findFirst().map(Path::of).ifPresent(vm::open);
    }

    public DiagnoseController diagnose() {
        return diagnoseController;
    }

    private void onDragOver(DragEvent e) {
        if (e.getDragboard().hasFiles()) {
            e.acceptTransferModes(TransferMode.COPY);
            root.pseudoClassStateChanged(DRAG_OVER, true);
        }
        e.consume();
    }

    private void onDragDropped(DragEvent e) {
        root.pseudoClassStateChanged(DRAG_OVER, false);
        List<Path> files = e.getDragboard().hasFiles()
                ? e.getDragboard().getFiles().stream().map(File::toPath).toList() : List.of();
        showDiagnose();
        e.setDropCompleted(diagnoseController.viewModel().drop(files));
        e.consume();
    }

    /** The Diagnose tab's keys (listed in {@link Shortcuts}); not while typing, nor arrows a control uses. */
    private void onKey(KeyEvent e) {
        Node focus = root.getScene().getFocusOwner();
        if (!diagnoseTab.isSelected() || e.isShortcutDown() || e.isAltDown() || focus instanceof TextInputControl) {
            return;
        }
        DiagnoseController d = diagnoseController;
        if (e.getCode().isArrowKey()) {
            if (Shortcuts.usesArrows(focus)) {
                return;
            }
            double step = e.isShiftDown() ? 10 * Shortcuts.PAN_STEP : Shortcuts.PAN_STEP;
            switch (e.getCode()) {
                case LEFT -> d.pan(step, 0);
                case RIGHT -> d.pan(-step, 0);
                case UP -> d.pan(0, step);
                default -> d.pan(0, -step);
            }
            e.consume();
            return;
        }
        switch (e.getCode()) {
            case PLUS, EQUALS, ADD -> d.zoomIn();
            case MINUS, SUBTRACT -> d.zoomOut();
            case DIGIT0, NUMPAD0 -> d.fit();
            case O -> d.toggleOverlay();
            case I -> d.toggleInvert();
            case R -> d.resetView();
            case C -> d.cycleEvidenceClass(e.isShiftDown() ? -1 : 1);
            case PAGE_DOWN, J -> worklist().step(1);
            case PAGE_UP, K -> worklist().step(-1);
            default -> {
                return;
            }
        }
        e.consume();
    }

    /** "PneumoLens - name.jpeg" while an image is open; "(not judged: ...)" after it when the input check refused it. */
    public javafx.beans.value.ObservableValue<String> titleProperty() {
        return diagnoseController.viewModel().stateProperty().map(s -> s.diagnosis() == null ? "PneumoLens"
                : "PneumoLens - " + s.diagnosis().name() + (s.refusal() == null ? ""
                        : " (not judged" + (s.refusal().shownAnyway() ? ", output shown anyway" : "") + ")"));
    }

    @FXML
    private void userGuide() {
        HelpPages.userGuide(window());
    }

    @FXML
    private void keyboardShortcuts() {
        Shortcuts.show(window());
    }

    private List<MenuItem> sampleItems(List<SampleImages.Sample> samples) {
        List<MenuItem> items = samples.stream().map(s -> {
            MenuItem item = new MenuItem(s.displayName());
            item.setMnemonicParsing(false); // sample names contain underscores, which would become mnemonics
            item.setOnAction(e -> {
                showDiagnose();
                diagnoseController.viewModel().openSample(s);
            });
            return item;
        }).toList();
        return items.isEmpty() ? List.of(disabledItem("No samples in this build")) : items;
    }

    private static MenuItem disabledItem(String text) {
        MenuItem item = new MenuItem(text);
        item.setDisable(true);
        return item;
    }

    /**
     * Rebuilt whenever the list changes. Never empty and never disabled: a menu that had no items when the menu
     * bar was first shown does not open its submenu once items arrive, so an empty list shows a disabled line.
     */
    private void fillRecent() {
        List<Path> recent = diagnoseController.viewModel().recentFiles();
        if (recent.isEmpty()) {
            MenuItem none = new MenuItem("No recent images");
            none.setDisable(true);
            recentMenu.getItems().setAll(none);
            return;
        }
        recentMenu.getItems().setAll(recent.stream().map(p -> {
            MenuItem item = new MenuItem(p.getFileName() + "  (" + p.getParent() + ")");
            item.setMnemonicParsing(false);
            item.setDisable(!Files.isRegularFile(p));
            item.setOnAction(e -> {
                showDiagnose();
                diagnoseController.viewModel().open(p);
            });
            return item;
        }).toList());
    }

    private Window window() {
        return root.getScene().getWindow();
    }

    @FXML
    private void open() {
        showDiagnose();
        diagnoseController.openWithChooser(window());
    }

    @FXML
    private void exportReport() {
        diagnoseController.exportWithChooser(window());
    }

    @FXML
    private void exportPdfReport() {
        diagnoseController.exportPdfWithChooser(window());
    }

    @FXML
    private void quit() {
        quitGuard.quit();
    }

    /** For the window's close button: true when it may close now (asks first when work would be lost). */
    public boolean mayClose() {
        return quitGuard.mayQuitNow();
    }

    /** The Worklist as shown, for paging through it from the Diagnose tab; empty until that tab was opened. */
    ImageList worklist() {
        return worklist == null ? ImageList.NONE : worklist.imageList();
    }

    /** The window closed: the worklist's executor ends with the inference and training ones. */
    public void shutdown() {
        if (worklist != null) {
            worklist.viewModel().shutdown();
        }
    }

    /** Tests: what quitting does instead of ending the toolkit. */
    void exitWith(Runnable action) {
        quitGuard.exitWith(action);
    }

    @FXML
    private void loadModel() {
        diagnoseController.loadModelWithChooser(window());
    }

    @FXML
    private void showModelCard() {
        diagnoseController.showModelCard();
    }

    @FXML
    private void useBundledModel() {
        diagnoseController.viewModel().useBundledModel();
    }

    @FXML
    private void about() {
        ErrorReporter.info(window(), "About PneumoLens", "PneumoLens " + Version.get(),
                "Classifies pediatric chest X-rays as NORMAL or PNEUMONIA with a convolutional network and shows "
                        + "where it looked (Grad-CAM).\n\n" + Notices.RESEARCH_USE + "\n\n"
                        + "Sample images and training data: Kermany et al. (2018), Mendeley Data, "
                        + "doi:10.17632/rscbjbr9sj.2, CC BY 4.0.");
    }

    /** A worklist row opened: the Diagnose tab shows it. */
    private void openInDiagnose(Path file) {
        showDiagnose();
        diagnoseController.viewModel().open(file);
    }

    @Override
    public void showDiagnose() {
        tabs.getSelectionModel().select(diagnoseTab);
    }

    @Override
    public void showTrain() {
        tabs.getSelectionModel().select(trainTab);
    }

    @Override
    public void openImage(Path file) {
        showDiagnose();
        diagnoseController.viewModel().open(file);
    }
}
