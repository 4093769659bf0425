package org.pneumolens.core.calibration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Two halves of a labelled set with no patient in both, stratified by class and seeded: each class's patients
 * (in a seeded shuffle) fill the first half up to half of that class's images. A patient counts for the class of
 * their first image.
 */
final class PatientHalves {
    private PatientHalves() {
    }

    /** Per image: true when it is in the first half. */
    static boolean[] split(List<String> patients, boolean[] positive, long seed) {
        Map<String, List<Integer>> byPatient = groups(patients);
        List<List<List<Integer>>> perClass = List.of(new ArrayList<>(), new ArrayList<>());
        for (List<Integer> imgs : byPatient.values()) {
            perClass.get(positive[imgs.get(0)] ? 1 : 0).add(imgs);
        }
        Random rnd = new Random(seed);
        boolean[] first = new boolean[patients.size()];
        for (List<List<Integer>> group : perClass) {
            Collections.shuffle(group, rnd);
            int images = group.stream().mapToInt(List::size).sum();
            int taken = 0;
            for (List<Integer> p : group) {
                if (taken + p.size() / 2.0 <= images / 2.0) {
                    p.forEach(i -> first[i] = true);
                    taken += p.size();
                }
            }
        }
        return first;
    }

    /** Image indices by patient, in order of first appearance. */
    static Map<String, List<Integer>> groups(List<String> patients) {
        Map<String, List<Integer>> byPatient = new LinkedHashMap<>();
        for (int i = 0; i < patients.size(); i++) {
            byPatient.computeIfAbsent(patients.get(i), k -> new ArrayList<>()).add(i);
        }
        return byPatient;
    }
}
