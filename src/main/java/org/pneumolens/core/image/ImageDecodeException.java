package org.pneumolens.core.image;

import java.io.IOException;

/** A file that cannot be read as an image; the message is meant for the user. */
public class ImageDecodeException extends IOException {
    public ImageDecodeException(String message) {
        super(message);
    }

    public ImageDecodeException(String message, Throwable cause) {
        super(message, cause);
    }
}
