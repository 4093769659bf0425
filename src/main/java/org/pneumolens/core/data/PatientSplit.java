package org.pneumolens.core.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Splits images into train and validation by patient (all images of a patient land on one side), stratified by
 * class and seeded. A patient is assigned to the class of their first image; the Kermany data has no patient
 * in both classes.
 */
public final class PatientSplit {
    private PatientSplit() {
    }

    public record Split(ImageSet train, ImageSet val) {
    }

    public static Split split(ImageSet set, double valFraction, long seed) {
        if (!(valFraction > 0 && valFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be in (0, 1), was " + valFraction);
        }
        Map<String, List<LabeledImage>> byPatient = new LinkedHashMap<>();
        for (LabeledImage img : set.images()) {
            byPatient.computeIfAbsent(img.patientId(), k -> new ArrayList<>()).add(img);
        }
        List<List<List<LabeledImage>>> patientsPerClass = new ArrayList<>();
        for (int c = 0; c < set.classes().size(); c++) {
            patientsPerClass.add(new ArrayList<>());
        }
        for (List<LabeledImage> imgs : byPatient.values()) {
            patientsPerClass.get(imgs.get(0).label()).add(imgs);
        }
        Random rnd = new Random(seed);
        List<LabeledImage> train = new ArrayList<>();
        List<LabeledImage> val = new ArrayList<>();
        for (List<List<LabeledImage>> patients : patientsPerClass) {
            Collections.shuffle(patients, rnd);
            int images = patients.stream().mapToInt(List::size).sum();
            double target = images * valFraction;
            int taken = 0;
            for (List<LabeledImage> p : patients) {
                // Fill validation up to the target image count, but keep at least one patient for training.
                if (taken < target && taken + p.size() < images) {
                    val.addAll(p);
                    taken += p.size();
                } else {
                    train.addAll(p);
                }
            }
        }
        return new Split(set.withImages(train), set.withImages(val));
    }
}
