package org.pneumolens.core.data;

import java.util.List;

/**
 * A training set and, when the folder had one, its own validation set ({@code val/}). Without one the caller
 * carves validation out of {@code train} with {@link PatientSplit}.
 */
public record Dataset(ImageSet train, ImageSet val) {
    public boolean hasVal() {
        return val != null;
    }

    public List<String> classes() {
        return train.classes();
    }
}
