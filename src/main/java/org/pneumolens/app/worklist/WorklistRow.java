package org.pneumolens.app.worklist;

import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import org.pneumolens.core.batch.ImageResult;
import org.pneumolens.core.batch.Verdict;
import org.pneumolens.core.dicom.DicomHeader;

/**
 * One worklist row, immutable: replaced, never changed, when its file's analysis moves on.
 *
 * @param study       the DICOM study facts that identify no one (modality, body part, view, study date), or ""
 * @param probability P(positive class), NaN until analysed or when the file failed
 * @param verdict     null until analysed
 * @param note        why not judged or why it failed, else ""
 * @param thumbnail   small PNG bytes, or null
 */
public record WorklistRow(int index, Path file, String study, double probability, Verdict verdict, Status status,
                          String note, byte[] thumbnail) {

    public enum Status {
        QUEUED("Queued"), ANALYSING("Analysing"), DONE("Done"), FAILED("Failed");

        private final String display;

        Status(String display) {
            this.display = display;
        }

        public String display() {
            return display;
        }
    }

    /** Most suspicious first: highest P(positive) first, unanalysed and failed rows last, then in file order. */
    public static final Comparator<WorklistRow> TRIAGE = Comparator
            .comparingDouble((WorklistRow r) -> Double.isNaN(r.probability()) ? 1 : -r.probability())
            .thenComparingInt(WorklistRow::index);

    static WorklistRow queued(int index, Path file) {
        return new WorklistRow(index, file, "", Double.NaN, null, Status.QUEUED, "", null);
    }

    WorklistRow analysing() {
        return status == Status.QUEUED ? new WorklistRow(index, file, study, probability, verdict, Status.ANALYSING,
                note, thumbnail) : this;
    }

    static WorklistRow of(ImageResult r) {
        if (r.outcome() != ImageResult.Outcome.DONE) {
            return new WorklistRow(r.index(), r.file(), "", Double.NaN, Verdict.FAILED, Status.FAILED,
                    String.valueOf(r.error()), null);
        }
        DicomHeader h = r.source() == null ? null : r.source().header();
        String study = h == null ? "" : h.fields(false).stream()
                .filter(f -> List.of("Modality", "Body part", "View position", "Study date").contains(f.label()))
                .map(DicomHeader.Field::value).collect(Collectors.joining(" "));
        return new WorklistRow(r.index(), r.file(), study, r.positiveProbability(), r.verdict(), Status.DONE,
                r.check().ok() ? "" : r.check().mainReason(), r.thumbnail());
    }

    public String fileName() {
        return String.valueOf(file.getFileName());
    }
}
