package org.pneumolens.app.worklist;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.prefs.Preferences;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.DragEvent;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import org.pneumolens.app.AppContext;
import org.pneumolens.app.common.ErrorReporter;
import org.pneumolens.app.common.ImageList;
import org.pneumolens.app.common.ImageOpener;
import org.pneumolens.app.common.SavedNotice;
import org.pneumolens.app.common.UiTaskExecutor;
import org.pneumolens.core.batch.Verdict;
import org.pneumolens.core.image.ImageDecoder;

/**
 * The Worklist tab's controller: wires the table and buttons to {@link WorklistViewModel}. Analysis runs on an
 * executor of its own, so the Diagnose view's inference never waits behind a batch of a thousand images.
 */
public final class WorklistController {
    private static final String EXPORT_DIR = "worklist.exportDir";
    private static final List<PseudoClass> VERDICTS = List.of(Verdict.values()).stream()
            .map(v -> PseudoClass.getPseudoClass(v.name().toLowerCase(Locale.ROOT).replace('_', '-'))).toList();

    @FXML private BorderPane worklistRoot;
    @FXML private TableView<WorklistRow> table;
    @FXML private TableColumn<WorklistRow, byte[]> thumbColumn;
    @FXML private TableColumn<WorklistRow, String> fileColumn;
    @FXML private TableColumn<WorklistRow, String> studyColumn;
    @FXML private TableColumn<WorklistRow, Double> probabilityColumn;
    @FXML private TableColumn<WorklistRow, Verdict> verdictColumn;
    @FXML private TableColumn<WorklistRow, WorklistRow.Status> statusColumn;
    @FXML private TableColumn<WorklistRow, String> noteColumn;
    @FXML private ComboBox<Verdict> verdictFilter;
    @FXML private Button cancelButton;
    @FXML private Button csvButton;
    @FXML private Button pdfButton;
    @FXML private Label countsLabel;
    @FXML private Label speedLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressBar progressBar;

    private final WorklistViewModel viewModel;
    private final Preferences prefs = Preferences.userNodeForPackage(WorklistController.class);
    private ImageOpener opener = ImageOpener.NONE;
    private RowFollower follower;

    public WorklistController(AppContext context) {
        this(new WorklistViewModel(new UiTaskExecutor("pneumolens-worklist"), context.models()::getModel,
                WorklistViewModel.Analyser.REAL));
    }

    WorklistController(WorklistViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public WorklistViewModel viewModel() {
        return viewModel;
    }

    /** The list as shown, for the Diagnose tab's PageDown / PageUp. */
    public ImageList imageList() {
        return follower;
    }

    /** Where opening a row goes (the main window's Diagnose tab). */
    public void setOpener(ImageOpener opener) {
        this.opener = opener;
    }

    @FXML
    private void initialize() {
        thumbColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().thumbnail()));
        thumbColumn.setCellFactory(c -> new ThumbnailCell());
        fileColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().fileName()));
        studyColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().study()));
        probabilityColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().probability()));
        probabilityColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(Double p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null || p.isNaN() ? null : org.pneumolens.core.calibration.ProbabilityDisplay.percent(p));
            }
        });
        // Not analysed (NaN) sorts below every probability, so "most suspicious first" puts them last.
        probabilityColumn.setComparator(Comparator.comparingDouble(p -> p.isNaN() ? -1 : p));
        verdictColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().verdict()));
        verdictColumn.setCellFactory(c -> new VerdictCell());
        verdictColumn.setComparator(Comparator.nullsLast(Comparator.naturalOrder()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().status()));
        statusColumn.setCellFactory(c -> new TableCell<>() {
            @Override
            protected void updateItem(WorklistRow.Status s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : s.display());
            }
        });
        noteColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().note()));

        SortedList<WorklistRow> sorted = new SortedList<>(viewModel.rows());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        probabilityColumn.setSortType(TableColumn.SortType.DESCENDING);
        table.getSortOrder().add(probabilityColumn); // the triage view: most suspicious first
        table.setRowFactory(t -> {
            TableRow<WorklistRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    table.getSelectionModel().clearAndSelect(row.getIndex());
                    follower.openSelected();
                }
            });
            return row;
        });
        table.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        follower = new RowFollower(new TableRows(), () -> opener);
        table.getSelectionModel().selectedItemProperty().addListener((o, old, row) -> follower.selectionChanged());
        viewModel.rows().addListener((javafx.collections.ListChangeListener<WorklistRow>) c -> {
            if (viewModel.rows().isEmpty()) {
                follower.stop();
            }
        });

        List<Verdict> choices = new ArrayList<>();
        choices.add(null);
        choices.addAll(List.of(Verdict.values()));
        verdictFilter.getItems().setAll(choices);
        verdictFilter.setConverter(new StringConverter<>() {
            @Override
            public String toString(Verdict v) {
                return v == null ? "All verdicts" : v.display();
            }

            @Override
            public Verdict fromString(String s) {
                return null;
            }
        });
        verdictFilter.valueProperty().bindBidirectional(viewModel.filterProperty());

        countsLabel.textProperty().bind(viewModel.countsProperty());
        speedLabel.textProperty().bind(viewModel.speedProperty());
        statusLabel.textProperty().bind(viewModel.statusProperty());
        progressBar.progressProperty().bind(viewModel.progressProperty());
        progressBar.visibleProperty().bind(viewModel.runningProperty());
        cancelButton.disableProperty().bind(viewModel.runningProperty().not());
        var noRows = Bindings.isEmpty(viewModel.rows()).or(viewModel.runningProperty());
        csvButton.disableProperty().bind(noRows);
        pdfButton.disableProperty().bind(noRows);

        worklistRoot.addEventHandler(DragEvent.DRAG_OVER, e -> {
            if (e.getDragboard().hasFiles()) {
                e.acceptTransferModes(TransferMode.COPY);
                e.consume();
            }
        });
        worklistRoot.addEventHandler(DragEvent.DRAG_DROPPED, e -> {
            if (e.getDragboard().hasFiles()) {
                viewModel.analyse(e.getDragboard().getFiles().stream().map(File::toPath).toList());
                e.setDropCompleted(true);
                e.consume();
            }
        });
    }

    /**
     * J / K step down / up like Down / Up; Enter opens the selected row in the Diagnose tab, which from then on
     * follows the selection (see {@link RowFollower}).
     */
    private void onKey(KeyEvent e) {
        int i = table.getSelectionModel().getSelectedIndex();
        if (e.getCode() == KeyCode.J) {
            table.getSelectionModel().clearAndSelect(Math.min(table.getItems().size() - 1, i + 1));
        } else if (e.getCode() == KeyCode.K) {
            table.getSelectionModel().clearAndSelect(Math.max(0, i - 1));
        } else if (e.getCode() == KeyCode.ENTER && table.getSelectionModel().getSelectedItem() != null) {
            follower.openSelected();
        } else {
            return;
        }
        table.scrollTo(table.getSelectionModel().getSelectedIndex());
        e.consume();
    }

    @FXML
    private void openFolder() {
        DirectoryChooser c = new DirectoryChooser();
        c.setTitle("Open a folder of radiographs");
        File dir = c.showDialog(worklistRoot.getScene().getWindow());
        if (dir != null) {
            viewModel.analyse(List.of(dir.toPath()));
        }
    }

    @FXML
    private void openFiles() {
        FileChooser c = new FileChooser();
        c.setTitle("Open radiographs");
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter("Images and DICOM",
                ImageDecoder.EXTENSIONS.stream().sorted().map(x -> "*." + x).toList()));
        List<File> files = c.showOpenMultipleDialog(worklistRoot.getScene().getWindow());
        if (files != null && !files.isEmpty()) {
            viewModel.analyse(files.stream().map(File::toPath).toList());
        }
    }

    @FXML
    private void cancel() {
        viewModel.cancel();
    }

    @FXML
    private void exportCsv() {
        Path target = chooseTarget("worklist.csv", "CSV", "*.csv");
        if (target != null) {
            viewModel.exportCsv(target, this::saved, this::failed);
        }
    }

    @FXML
    private void exportPdf() {
        Path target = chooseTarget("worklist-report.pdf", "PDF", "*.pdf");
        if (target != null) {
            viewModel.exportPdf(target, this::saved, this::failed);
        }
    }

    /** A save dialog in the last export folder, else the user's Documents folder. */
    private Path chooseTarget(String name, String kind, String pattern) {
        FileChooser c = new FileChooser();
        c.setTitle("Export " + kind);
        c.setInitialFileName(name);
        c.getExtensionFilters().add(new FileChooser.ExtensionFilter(kind, pattern));
        Path dir = Path.of(prefs.get(EXPORT_DIR, defaultFolder().toString()));
        if (Files.isDirectory(dir)) {
            c.setInitialDirectory(dir.toFile());
        }
        File f = c.showSaveDialog(worklistRoot.getScene().getWindow());
        if (f == null) {
            return null;
        }
        if (f.getParentFile() != null) {
            prefs.put(EXPORT_DIR, f.getParentFile().getAbsolutePath());
        }
        return f.toPath();
    }

    static Path defaultFolder() {
        Path home = Path.of(System.getProperty("user.home"));
        Path docs = home.resolve("Documents");
        return Files.isDirectory(docs) ? docs : home;
    }

    private void saved(Path file) {
        SavedNotice.show(worklistRoot.getScene().getWindow(), file);
    }

    private void failed(Throwable e) {
        ErrorReporter.error(worklistRoot.getScene().getWindow(), "Export failed", "The export could not be written",
                String.valueOf(e.getMessage()));
    }

    /** The table's rows in the order shown (sorted, filtered) and its selection. */
    private final class TableRows implements RowFollower.Rows {
        @Override
        public int size() {
            return table.getItems().size();
        }

        @Override
        public int selected() {
            return table.getSelectionModel().getSelectedIndex();
        }

        @Override
        public void select(int index) {
            table.getSelectionModel().clearAndSelect(index);
            table.scrollTo(index);
        }

        @Override
        public Path file(int index) {
            return table.getItems().get(index).file();
        }
    }

    private static final class ThumbnailCell extends TableCell<WorklistRow, byte[]> {
        private final ImageView view = new ImageView();

        ThumbnailCell() {
            // Shown at 56 px: dense rows; the 96 px thumbnail keeps it sharp on a high-density screen.
            view.setFitWidth(56);
            view.setFitHeight(56);
            view.setPreserveRatio(true);
            view.setSmooth(true);
        }

        @Override
        protected void updateItem(byte[] png, boolean empty) {
            super.updateItem(png, empty);
            if (empty || png == null) {
                setGraphic(null);
                return;
            }
            view.setImage(new Image(new ByteArrayInputStream(png)));
            setGraphic(view);
        }
    }

    private static final class VerdictCell extends TableCell<WorklistRow, Verdict> {
        VerdictCell() {
            getStyleClass().add("verdict-cell");
        }

        @Override
        protected void updateItem(Verdict v, boolean empty) {
            super.updateItem(v, empty);
            for (int i = 0; i < VERDICTS.size(); i++) {
                pseudoClassStateChanged(VERDICTS.get(i), !empty && v != null && v.ordinal() == i);
            }
            setText(empty || v == null ? null : v.display());
        }
    }
}
