package org.pneumolens.app.diagnose;

import java.nio.IntBuffer;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.List;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.geometry.Point2D;
import javafx.scene.Group;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelBuffer;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.shape.Rectangle;
import javafx.scene.transform.Affine;
import org.pneumolens.core.dicom.DicomImage;
import org.pneumolens.core.dicom.Window;
import org.pneumolens.core.image.GreyImage;

/**
 * A radiograph viewer: the image and its saliency overlay share one transform, so the overlay stays on the same
 * pixels at any zoom and pan. Wheel zooms about the cursor, left-drag pans, right-drag sets window (horizontal)
 * and level (vertical), double-click fits. Window, level and invert are properties for sliders to bind to.
 */
public final class XrayViewer extends Region {
    private static final double MIN_ZOOM = 0.05;
    private static final double MAX_ZOOM = 32;

    private final ImageView imageView = new ImageView();
    private final ImageView overlayView = new ImageView();
    private final Group content = new Group(imageView, overlayView);
    private final Affine transform = new Affine();
    private final DoubleProperty level = new SimpleDoubleProperty(this, "level", 0.5);
    private final DoubleProperty window = new SimpleDoubleProperty(this, "window", 1.0);
    private final BooleanProperty inverted = new SimpleBooleanProperty(this, "inverted", false);
    private final DoubleProperty zoom = new SimpleDoubleProperty(this, "zoom", 1);
    private final ReadOnlyObjectWrapper<WindowScale> scale = new ReadOnlyObjectWrapper<>(this, "scale",
            WindowScale.BYTE);

    private GreyImage grey;
    /** The shown image's DICOM data (windowed from its stored values), or null for other images. */
    private DicomImage dicom;
    private boolean holdRender;
    private WritableImage rendered;
    /** Overlays of the shown image already turned into images: switching class back costs no pixel copy. */
    private final Map<Overlay, WritableImage> overlayImages = new IdentityHashMap<>();
    private boolean fitting = true; // follow the window's size until the user zooms or pans
    private Point2D dragStart;
    private double startLevel;
    private double startWindow;

    public XrayViewer() {
        getStyleClass().add("xray-viewer");
        imageView.setId("imageView");
        overlayView.setId("overlayView");
        imageView.setSmooth(true);
        overlayView.setSmooth(true);
        overlayView.setMouseTransparent(true);
        content.getTransforms().add(transform);
        content.setManaged(false);
        getChildren().add(content);
        Rectangle clip = new Rectangle();
        clip.widthProperty().bind(widthProperty());
        clip.heightProperty().bind(heightProperty());
        setClip(clip);
        level.addListener(o -> rerender());
        window.addListener(o -> rerender());
        inverted.addListener(o -> rerender());
        widthProperty().addListener(o -> refit());
        heightProperty().addListener(o -> refit());
        addEventHandler(ScrollEvent.SCROLL, this::onScroll);
        addEventHandler(MouseEvent.MOUSE_PRESSED, this::onPress);
        addEventHandler(MouseEvent.MOUSE_DRAGGED, this::onDrag);
        addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2) {
                fit();
            }
        });
    }

    /**
     * Shows an image and the coloured map drawn over it, in one step: the overlay is set once, already sized to
     * this image. A different size (a new radiograph) is fitted to the view. A null overlay hides it.
     */
    public void show(GreyImage image, Overlay overlay) {
        show(image, null, overlay, null);
    }

    /**
     * Shows an image; a DICOM one ({@code dicomImage} not null) is windowed from its stored values, in its own units
     * ({@link #scaleProperty()}). {@code initial}, when not null, sets window and level first (one render).
     */
    public void show(GreyImage image, DicomImage dicomImage, Overlay overlay, WindowPresets.Preset initial) {
        show(image, dicomImage, null, overlay, initial);
    }

    /**
     * The same, with the image already drawn at the default look ({@link LoadedImage#shown()}, null if not): a new
     * image at that look is then wrapped as it is, no pixel drawn or copied on the FX thread. The same image again
     * (another overlay class, a stale mark) is not drawn again.
     */
    public void show(GreyImage image, DicomImage dicomImage, int[] drawn, Overlay overlay,
                     WindowPresets.Preset initial) {
        boolean newImage = image != grey || dicomImage != dicom;
        boolean newSize = grey == null || image == null
                || grey.width() != image.width() || grey.height() != image.height();
        if (image != grey) {
            overlayImages.clear();
        }
        grey = image;
        if (dicomImage != dicom) {
            dicom = dicomImage;
            scale.set(dicom == null ? WindowScale.BYTE : WindowScale.of(dicom));
        }
        if (initial != null) {
            holdRender = true;
            window.set(initial.windowFraction());
            level.set(initial.levelFraction());
            holdRender = false;
        }
        if (newImage && drawn != null && dicom == null && image != null && drawn.length == image.pixels().length
                && GreyRenderer.isDefault(level.get(), window.get(), inverted.get())) {
            rendered = null; // the next window/level change draws into an image of the viewer's own
            imageView.setImage(wrap(drawn, image.width(), image.height()));
        } else if (newImage || initial != null) {
            rerender();
        }
        setOverlay(overlay);
        if (newSize) {
            fit();
        }
    }

    /** The coloured map drawn over the whole image, stretched to the image's pixel size; null hides it. */
    private void setOverlay(Overlay overlay) {
        if (overlay == null || grey == null) {
            overlayView.setImage(null);
            return;
        }
        overlayView.setFitWidth(grey.width());
        overlayView.setFitHeight(grey.height());
        overlayView.setImage(overlayImages.computeIfAbsent(overlay, XrayViewer::toImage));
    }

    /**
     * The overlay's premultiplied ARGB pixels as an image, shared, not copied: no colour mapping and no pixel loop
     * on the FX thread (the colours were mapped on the inference thread; the render thread reads the array).
     */
    static WritableImage toImage(Overlay overlay) {
        return wrap(overlay.argb(), overlay.width(), overlay.height());
    }

    /** An image over premultiplied ARGB pixels that nothing writes any more; JavaFX draws from the array itself. */
    private static WritableImage wrap(int[] argbPre, int width, int height) {
        return new WritableImage(new PixelBuffer<>(width, height, IntBuffer.wrap(argbPre),
                PixelFormat.getIntArgbPreInstance()));
    }

    public ImageView overlayView() {
        return overlayView;
    }

    public ImageView imageView() {
        return imageView;
    }

    public void fit() {
        fitting = true;
        if (grey == null || getWidth() <= 0 || getHeight() <= 0) {
            return;
        }
        double z = Math.min(getWidth() / grey.width(), getHeight() / grey.height());
        setView(z, (getWidth() - grey.width() * z) / 2, (getHeight() - grey.height() * z) / 2);
    }

    /** Zooms by a factor about the view's centre (buttons, + and - keys). */
    public void zoomBy(double factor) {
        zoomAbout(factor, getWidth() / 2, getHeight() / 2);
    }

    /** The share of the full window or level range a drag of {@code pixels} moves, on a screen that wide/high. */
    static double dragFraction(double pixels, double screenPixels) {
        return pixels / Math.max(200, screenPixels);
    }

    private javafx.geometry.Rectangle2D screenSize() {
        var screens = getScene() == null || getScene().getWindow() == null ? List.<javafx.stage.Screen>of()
                : javafx.stage.Screen.getScreensForRectangle(getScene().getWindow().getX(),
                getScene().getWindow().getY(), 1, 1);
        return (screens.isEmpty() ? javafx.stage.Screen.getPrimary() : screens.get(0)).getVisualBounds();
    }

    /** Moves the image by this many pixels of the view (arrow keys). */
    public void panBy(double dx, double dy) {
        if (grey != null) {
            setView(zoom.get(), transform.getTx() + dx, transform.getTy() + dy);
            fitting = false;
        }
    }

    /** Back to the full grey range, not inverted, fitted. */
    public void reset() {
        level.set(0.5);
        window.set(1.0);
        inverted.set(false);
        fit();
    }

    private void zoomAbout(double factor, double x, double y) {
        double z = Math.max(MIN_ZOOM, Math.min(MAX_ZOOM, zoom.get() * factor));
        double f = z / zoom.get();
        // Keep the image point under (x, y) in place: t' = p - (p - t) * f.
        setView(z, x - (x - transform.getTx()) * f, y - (y - transform.getTy()) * f);
        fitting = false;
    }

    private void setView(double z, double tx, double ty) {
        zoom.set(z);
        transform.setToTransform(z, 0, tx, 0, z, ty);
    }

    private void refit() {
        if (fitting) {
            fit();
        }
    }

    private void rerender() {
        if (holdRender) {
            return;
        }
        if (grey == null) {
            imageView.setImage(null);
            rendered = null;
            return;
        }
        rendered = dicom != null && dicom.width() == grey.width() && dicom.height() == grey.height()
                ? DicomRendering.render(dicom, currentDicomWindow(), inverted.get(), rendered)
                : GreyRenderer.render(grey, level.get(), window.get(), inverted.get(), rendered);
        if (imageView.getImage() != rendered) {
            imageView.setImage(rendered);
        }
    }

    private void onScroll(ScrollEvent e) {
        if (grey != null && e.getDeltaY() != 0) {
            zoomAbout(e.getDeltaY() > 0 ? 1.15 : 1 / 1.15, e.getX(), e.getY());
            e.consume();
        }
    }

    private void onPress(MouseEvent e) {
        dragStart = new Point2D(e.getX(), e.getY());
        startLevel = level.get();
        startWindow = window.get();
        requestFocus();
    }

    private void onDrag(MouseEvent e) {
        if (grey == null || dragStart == null) {
            return;
        }
        double dx = e.getX() - dragStart.getX();
        double dy = e.getY() - dragStart.getY();
        if (e.getButton() == MouseButton.SECONDARY) {
            // About one screen width of drag spans the whole window range, one screen height the whole level range,
            // whatever the size of the view (a small view would otherwise make the drag jumpy).
            double w = startWindow + dragFraction(dx, screenSize().getWidth());
            window.set(Math.max(scale.get().minWidthFraction(), Math.min(1, w)));
            level.set(Math.max(0, Math.min(1, startLevel - dragFraction(dy, screenSize().getHeight()))));
        } else if (e.getButton() == MouseButton.PRIMARY) {
            setView(zoom.get(), transform.getTx() + dx, transform.getTy() + dy);
            dragStart = new Point2D(e.getX(), e.getY());
            fitting = false;
        }
        e.consume();
    }

    /** The DICOM window (in the file's units) the current window and level fractions stand for; null if not DICOM. */
    public Window currentDicomWindow() {
        if (dicom == null) {
            return null;
        }
        return DicomRendering.window(dicom, scale.get(), level.get(), window.get());
    }

    /** The units window and level are in: 0-255, or the shown DICOM file's own values. */
    public ReadOnlyObjectProperty<WindowScale> scaleProperty() {
        return scale.getReadOnlyProperty();
    }

    public DoubleProperty levelProperty() {
        return level;
    }

    public DoubleProperty windowProperty() {
        return window;
    }

    public BooleanProperty invertedProperty() {
        return inverted;
    }

    public DoubleProperty zoomProperty() {
        return zoom;
    }
}
