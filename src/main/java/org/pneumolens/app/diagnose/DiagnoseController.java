package org.pneumolens.app.diagnose;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javafx.beans.binding.Bindings;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Slider;
import javafx.scene.control.Spinner;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Window;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.AppSettings;
import org.pneumolens.app.common.DelayedFlag;
import org.pneumolens.app.common.ErrorReporter;
import org.pneumolens.app.common.SavedNotice;
import org.pneumolens.app.common.UserMessages;
import org.pneumolens.app.common.RecentFiles;
import org.pneumolens.core.dicom.Dicom;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.PneumoModel;

/**
 * Wires the Diagnose view's nodes to its {@link DiagnoseViewModel}; owns only what is purely visual (the viewer's
 * zoom, pan and window/level). File choosers and dialogs live here because they need a window.
 */
public final class DiagnoseController {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");
    private final DiagnoseViewModel viewModel;
    private final WindowPresets presets = new WindowPresets();
    /** The image whose presets the toolbar holds: a new one (by identity) resets them. */
    private LoadedImage shownImage;

    @FXML private BorderPane diagnoseRoot;
    @FXML private XrayViewer viewer;
    @FXML private Region placeholder;
    @FXML private ProgressIndicator progress;
    @FXML private HBox errorBanner;
    @FXML private Label errorLabel;
    @FXML private Label imageInfo;
    @FXML private Label zoomLabel;
    @FXML private Slider windowSlider;
    @FXML private Slider levelSlider;
    @FXML private Spinner<Integer> windowField;
    @FXML private Spinner<Integer> levelField;
    @FXML private ComboBox<WindowPresets.Preset> presetChoice;
    @FXML private ToggleButton invertToggle;
    @FXML private Label staleLabel;
    @FXML private VBox refusalBox;
    @FXML private Label refusalTitle;
    @FXML private Label refusalReasons;
    @FXML private CheckBox showAnywayToggle;
    @FXML private Label refusalWarning;
    @FXML private Label checkNoteLabel;
    @FXML private Label modelCheckLabel;
    @FXML private TitledPane dicomPane;
    @FXML private GridPane dicomFields;
    @FXML private CheckBox showIdentifiersToggle;
    @FXML private Label dicomNotes;
    @FXML private VBox resultBox;
    @FXML private Label verdictLabel;
    @FXML private Label verdictReason;
    @FXML private VBox probabilityBox;
    @FXML private Label thresholdLabel;
    @FXML private CheckBox overlayToggle;
    @FXML private ChoiceBox<String> overlayClassChoice;
    @FXML private Slider opacitySlider;
    @FXML private Label opacityLabel;
    @FXML private Region legendBar;
    @FXML private Label modelNameLabel;
    @FXML private Label modelFiguresLabel;
    @FXML private Hyperlink modelCardLink;

    public DiagnoseController(AppContext context) {
        this(new DiagnoseViewModel(context.models(), context.inference(), RecentFiles.atDefaultLocation()));
    }

    DiagnoseController(DiagnoseViewModel viewModel) {
        this.viewModel = viewModel;
    }

    @FXML
    private void initialize() {
        windowSlider.valueProperty().bindBidirectional(viewer.windowProperty());
        levelSlider.valueProperty().bindBidirectional(viewer.levelProperty());
        invertToggle.selectedProperty().bindBidirectional(viewer.invertedProperty());
        WindowLevelFields.bind(windowField, viewer.windowProperty(), viewer.scaleProperty(), true);
        WindowLevelFields.bind(levelField, viewer.levelProperty(), viewer.scaleProperty(), false);
        windowSlider.minProperty().bind(viewer.scaleProperty().map(WindowScale::minWidthFraction));
        presetChoice.setItems(presets.list());
        presetChoice.setOnAction(e -> {
            WindowPresets.Preset p = presetChoice.getValue();
            if (p != null) {
                applyPreset(p);
            }
        });
        zoomLabel.textProperty().bind(Bindings.format(Locale.ROOT, "%.0f %%", viewer.zoomProperty().multiply(100)));

        overlayToggle.selectedProperty().bindBidirectional(viewModel.overlayVisibleProperty());
        opacitySlider.valueProperty().bindBidirectional(viewModel.overlayOpacityProperty());
        opacityLabel.textProperty().bind(Bindings.format(Locale.ROOT, "%.0f %%", opacitySlider.valueProperty().multiply(100)));
        overlayClassChoice.valueProperty().bindBidirectional(viewModel.overlayClassProperty());
        var state = viewModel.stateProperty();
        overlayClassChoice.disableProperty().bind(state.map(s -> s.overlay() == null));
        viewer.overlayView().opacityProperty().bind(viewModel.overlayOpacityProperty());
        viewer.overlayView().visibleProperty().bind(viewModel.overlayVisibleProperty());
        legendBar.setBackground(Legend.background());

        progress.visibleProperty().bind(DelayedFlag.of(viewModel.busyProperty(), DelayedFlag.BUSY_FEEDBACK)
                .or(viewModel.models().loadingProperty()));
        errorLabel.textProperty().bind(viewModel.errorProperty());
        errorBanner.visibleProperty().bind(viewModel.errorProperty().isNotEmpty());
        modelNameLabel.textProperty().bind(viewModel.modelNameProperty());
        modelFiguresLabel.textProperty().bind(viewModel.modelFiguresProperty());
        modelCardLink.disableProperty().bind(viewModel.models().modelProperty().isNull());
        placeholder.visibleProperty().bind(Bindings.createBooleanBinding(
                () -> state.get().diagnosis() == null && !progress.isVisible(), state, progress.visibleProperty()));
        verdictLabel.textProperty().bind(state.map(DiagnoseState::verdict));
        verdictReason.textProperty().bind(state.map(DiagnoseState::reason));
        thresholdLabel.textProperty().bind(state.map(DiagnoseState::threshold));
        imageInfo.textProperty().bind(state.map(DiagnoseState::imageInfo));
        imageInfo.visibleProperty().bind(imageInfo.textProperty().isNotEmpty());
        staleLabel.textProperty().bind(state.map(DiagnoseState::staleNote));
        staleLabel.visibleProperty().bind(staleLabel.textProperty().isNotEmpty());
        staleLabel.managedProperty().bind(staleLabel.visibleProperty());

        bindRefusal(state);
        bindDicomHeader(state);
        modelCheckLabel.textProperty().bind(viewModel.modelCheckProperty());

        state.addListener((obs, old, s) -> show(s));
        show(state.get());
    }

    /** The input check's amber panel in place of the verdict, and the toggle that shows the output anyway. */
    private void bindRefusal(javafx.beans.value.ObservableValue<DiagnoseState> state) {
        refusalBox.visibleProperty().bind(state.map(s -> s.refusal() != null));
        refusalBox.managedProperty().bind(refusalBox.visibleProperty());
        refusalTitle.textProperty().bind(state.map(s -> s.refusal() == null ? "" : s.refusal().title()));
        refusalReasons.textProperty().bind(state.map(s -> s.refusal() == null ? ""
                : String.join("\n", s.refusal().reasons().stream().map(r -> "\u2022 " + r).toList())));
        refusalWarning.textProperty().bind(state.map(s -> s.refusal() == null ? "" : s.refusal().warning()));
        refusalWarning.visibleProperty().bind(state.map(s -> s.refusal() != null && s.refusal().shownAnyway()));
        refusalWarning.managedProperty().bind(refusalWarning.visibleProperty());
        showAnywayToggle.selectedProperty().bindBidirectional(viewModel.showRefusedOutputProperty());
        resultBox.visibleProperty().bind(state.map(s -> !s.outputHidden()));
        resultBox.managedProperty().bind(resultBox.visibleProperty());
        // No overlay while the output is hidden: its controls wait for "Show the model's output anyway".
        overlayToggle.disableProperty().bind(state.map(DiagnoseState::outputHidden));
        opacitySlider.disableProperty().bind(state.map(DiagnoseState::outputHidden));
        checkNoteLabel.textProperty().bind(state.map(DiagnoseState::checkNote));
        checkNoteLabel.visibleProperty().bind(checkNoteLabel.textProperty().isNotEmpty());
        checkNoteLabel.managedProperty().bind(checkNoteLabel.visibleProperty());
    }

    /**
     * The image of a state. A new DICOM image brings its header's presets and opens at the first (the file's own
     * window); back to a JPEG or PNG after one, the standard presets and the full range.
     */
    private void showImage(DiagnoseState s) {
        Diagnosis d = s.diagnosis();
        if (d == null) {
            viewer.show(null, null, s.overlay(), null);
            shownImage = null;
            return;
        }
        WindowPresets.Preset initial = null;
        if (d.loaded() != shownImage) {
            boolean wasDicom = shownImage != null && shownImage.isDicom();
            shownImage = d.loaded();
            if (d.dicom() != null) {
                presets.useDicom(d.dicom(), WindowScale.of(d.dicom()));
                initial = presets.list().get(0);
            } else if (wasDicom) {
                presets.useStandard();
                initial = WindowPresets.DEFAULT;
            }
            presetChoice.getSelectionModel().clearSelection();
        }
        viewer.show(d.image(), d.dicom(), d.loaded().shown(), s.overlay(), initial);
        showHeader(d);
    }

    private void bindDicomHeader(javafx.beans.value.ObservableValue<DiagnoseState> state) {
        dicomPane.visibleProperty().bind(state.map(s -> s.diagnosis() != null && s.diagnosis().dicom() != null));
        dicomPane.managedProperty().bind(dicomPane.visibleProperty());
        showIdentifiersToggle.selectedProperty().bindBidirectional(viewModel.showIdentifiersProperty());
        dicomNotes.visibleProperty().bind(dicomNotes.textProperty().isNotEmpty());
        dicomNotes.managedProperty().bind(dicomNotes.visibleProperty());
        viewModel.showIdentifiersProperty().addListener((obs, old, show) -> showHeader(viewModel.getDiagnosis()));
    }

    /** One row per header field; identifiers only while "Show patient identifiers" is on. */
    private void showHeader(Diagnosis d) {
        dicomFields.getChildren().clear();
        if (d == null || d.dicom() == null) {
            return;
        }
        var header = d.dicom().header();
        int row = 0;
        for (var f : DicomHeaderRows.of(header, viewModel.showIdentifiersProperty().get())) {
            Label name = new Label(f.label());
            name.getStyleClass().add("header-name");
            Label value = new Label(f.value());
            value.setWrapText(true);
            value.getStyleClass().add(f.identifying() ? "header-identifier" : "header-value");
            value.setId("dicom-" + f.label().replace(' ', '-'));
            dicomFields.addRow(row++, name, value);
        }
        showIdentifiersToggle.setDisable(!DicomHeaderRows.hidesSomething(header));
        dicomNotes.setText(String.join("\n", d.dicom().notes()));
    }

    /** What bindings cannot express: the image, rows and verdict style of a new state, each set once. */
    private void show(DiagnoseState s) {
        ResultPanel.verdict(verdictLabel, s.kind());
        resultBox.pseudoClassStateChanged(STALE, s.stale());
        viewer.pseudoClassStateChanged(STALE, s.stale());
        probabilityBox.getChildren().setAll(ResultPanel.rows(s.rows()));
        showImage(s);
        List<String> classes = s.classes();
        if (!overlayClassChoice.getItems().equals(classes)) {
            overlayClassChoice.getItems().setAll(classes); // may clear the bound value: put it back
            overlayClassChoice.setValue(s.overlayClass());
        }
    }

    public DiagnoseViewModel viewModel() {
        return viewModel;
    }

    /** File > Open...: a chooser filtered to the image types the decoder reads. */
    public void openWithChooser(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Open chest X-ray");
        // "All files" is how a DICOM file with no extension (a PACS export) is chosen: it opens by its preamble.
        chooser.getExtensionFilters().addAll(
                new FileChooser.ExtensionFilter("Images (PNG, JPEG, BMP, GIF, DICOM)", patterns(ImageDecoder.EXTENSIONS)),
                new FileChooser.ExtensionFilter("DICOM (*.dcm, *.dicom)", patterns(Dicom.EXTENSIONS)),
                new FileChooser.ExtensionFilter("All files", "*"));
        if (!viewModel.recentFiles().isEmpty() && viewModel.recentFiles().get(0).getParent() != null) {
            File dir = viewModel.recentFiles().get(0).getParent().toFile();
            if (dir.isDirectory()) {
                chooser.setInitialDirectory(dir);
            }
        }
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            viewModel.open(file.toPath());
        }
    }

    private static List<String> patterns(java.util.Set<String> extensions) {
        return extensions.stream().sorted().flatMap(e -> Stream.of("*." + e, "*." + e.toUpperCase(Locale.ROOT))).toList();
    }

    /** Model > Load model...: a PneumoLens model zip. */
    public void loadModelWithChooser(Window owner) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Load PneumoLens model");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PneumoLens model (*.zip)", "*.zip"));
        File file = chooser.showOpenDialog(owner);
        if (file != null) {
            viewModel.loadModel(file.toPath());
        }
    }

    /** File > Export report...: a PNG of what is on screen. */
    public void exportWithChooser(Window owner) {
        Path target = chooseReport(owner, "png", "PNG image");
        if (target != null) {
            ReportExporter.export(viewModel, look(), target, owner);
        }
    }

    /** File > Export report as PDF: the page is taken from what is on screen now, written off the FX thread. */
    public void exportPdfWithChooser(Window owner) {
        PdfExporter.Page page = PdfExporter.page(viewModel, look());
        if (page == null) {
            ErrorReporter.info(owner, "Export report as PDF", "Nothing to report yet",
                    "The report needs the model's result for the open image.");
            return;
        }
        Path target = chooseReport(owner, "pdf", "PDF document");
        if (target != null) {
            PdfExporter.export(viewModel.executor(), page, target, saved -> SavedNotice.show(owner, saved),
                    e -> ErrorReporter.error(owner, "Export failed", "The report could not be saved",
                            UserMessages.describe(e)));
        }
    }

    /** The viewer's window/level and inversion as shown (for DICOM, the window in the file's units). */
    private ReportExporter.Look look() {
        return new ReportExporter.Look(viewer.levelProperty().get(), viewer.windowProperty().get(),
                viewer.invertedProperty().get(), viewer.currentDicomWindow());
    }

    /** A save dialog starting beside the image (or in the last report folder, or Documents); the folder is kept. */
    private Path chooseReport(Window owner, String extension, String kind) {
        Diagnosis d = viewModel.getDiagnosis();
        if (d == null) {
            return null;
        }
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Export report");
        chooser.setInitialFileName(d.name().replaceFirst("\\.[^.]+$", "") + "-report." + extension);
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, "*." + extension));
        AppSettings settings = AppSettings.atDefaultLocation();
        chooser.setInitialDirectory(SavedNotice.reportFolder(
                java.util.Optional.of(settings.folder(AppSettings.REPORT_FOLDER)), d.file()).toFile());
        File file = chooser.showSaveDialog(owner);
        if (file == null) {
            return null;
        }
        settings.put(AppSettings.REPORT_FOLDER, file.getAbsoluteFile().getParent());
        return file.getName().toLowerCase(Locale.ROOT).endsWith("." + extension) ? file.toPath()
                : file.toPath().resolveSibling(file.getName() + "." + extension);
    }

    @FXML
    public void showModelCard() {
        PneumoModel model = viewModel.models().getModel();
        if (model != null) {
            ModelCardDialog.show(diagnoseRoot.getScene().getWindow(), model, viewModel.models().sourceProperty().get());
        }
    }

    @FXML
    private void dismissError() {
        viewModel.dismissError();
    }

    @FXML
    public void fit() {
        viewer.fit();
    }

    @FXML
    public void zoomIn() {
        viewer.zoomBy(1.25);
    }

    @FXML
    public void zoomOut() {
        viewer.zoomBy(1 / 1.25);
    }

    @FXML
    public void resetView() {
        viewer.reset();
        if (viewModel.getDiagnosis() != null && viewModel.getDiagnosis().dicom() != null) {
            applyPreset(presets.list().get(0)); // a DICOM file's own window, as it opened
        }
        presetChoice.getSelectionModel().clearSelection();
    }

    /** O: overlay on/off. */
    public void toggleOverlay() {
        viewModel.overlayVisibleProperty().set(!viewModel.overlayVisibleProperty().get());
    }

    /** I: invert the grey scale. */
    public void toggleInvert() {
        viewer.invertedProperty().set(!viewer.invertedProperty().get());
    }

    /** C / Shift+C: the overlay shows the next (or previous) class's evidence. */
    public void cycleEvidenceClass(int step) {
        List<String> classes = viewModel.stateProperty().get().classes();
        if (classes.isEmpty()) {
            return;
        }
        int at = Math.max(0, classes.indexOf(viewModel.overlayClassProperty().get()));
        viewModel.overlayClassProperty().set(classes.get(Math.floorMod(at + step, classes.size())));
    }

    /** Arrow keys: move the image by {@code dx, dy} pixels of the view. */
    public void pan(double dx, double dy) {
        viewer.panBy(dx, dy);
    }

    public void applyPreset(WindowPresets.Preset p) {
        viewer.windowProperty().set(p.windowFraction());
        viewer.levelProperty().set(p.levelFraction());
    }

    /** The viewer's presets; more can be added (e.g. from a DICOM header). */
    public WindowPresets presets() {
        return presets;
    }
}
