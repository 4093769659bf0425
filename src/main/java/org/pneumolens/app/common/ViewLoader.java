package org.pneumolens.app.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;
import org.pneumolens.app.AppContext;

/**
 * Loads FXML views whose controllers take the {@link AppContext} in their constructor. The same factory serves
 * {@code fx:include}d views, so every controller in the window gets the context without static state.
 */
public final class ViewLoader {
    private final AppContext context;

    public ViewLoader(AppContext context) {
        this.context = context;
    }

    /** Loads a view; the FXML must be a classpath resource (absolute path, e.g. "/org/pneumolens/app/MainView.fxml"). */
    public <C> Loaded<C> load(String resource) {
        URL url = ViewLoader.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Missing view " + resource);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(this::createController);
        try {
            Parent root = loader.load();
            return new Loaded<>(root, loader.getController());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load view " + resource, e);
        }
    }

    Object createController(Class<?> type) {
        try {
            Constructor<?> withContext = findConstructor(type, AppContext.class);
            if (withContext != null) {
                return withContext.newInstance(context);
            }
            return type.getDeclaredConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("Controller " + type.getName() + " failed to start", e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Controller " + type.getName()
                    + " needs a public constructor taking AppContext or no arguments", e);
        }
    }

    private static Constructor<?> findConstructor(Class<?> type, Class<?> parameter) {
        try {
            return type.getConstructor(parameter);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    /** A loaded view and its controller. */
    public record Loaded<C>(Parent root, C controller) {
    }
}
