package org.pneumolens.core.data;

import java.io.IOException;

/** A dataset folder that cannot be used; the message is meant for the user. */
public class DatasetException extends IOException {
    public DatasetException(String message) {
        super(message);
    }
}
