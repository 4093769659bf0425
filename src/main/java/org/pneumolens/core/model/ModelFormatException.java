package org.pneumolens.core.model;

import java.io.IOException;

/** A file that is not a usable PneumoLens model; the message says why, for the user. */
public class ModelFormatException extends IOException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
