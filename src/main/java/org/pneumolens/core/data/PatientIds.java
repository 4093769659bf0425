package org.pneumolens.core.data;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Patient id from a Kermany file name, so that validation splits never put one patient on both sides:
 * {@code person12_virus_3.jpeg → person12}, {@code IM-0115-0001.jpeg → IM-0115},
 * {@code NORMAL2-IM-0522-0001.jpeg → NORMAL2-IM-0522}. Other names are their own patient (file stem).
 */
public final class PatientIds {
    private static final Pattern PERSON = Pattern.compile("^(person\\d+)[_-].*", Pattern.CASE_INSENSITIVE);
    private static final Pattern IM = Pattern.compile("^((?:NORMAL2-)?IM-\\d+)(?:-.*|\\..*)?$", Pattern.CASE_INSENSITIVE);

    private PatientIds() {
    }

    public static String of(String fileName) {
        Matcher m = PERSON.matcher(fileName);
        if (m.matches()) {
            return m.group(1).toLowerCase(Locale.ROOT);
        }
        m = IM.matcher(fileName);
        if (m.matches()) {
            return m.group(1).toUpperCase(Locale.ROOT);
        }
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
