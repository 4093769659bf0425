package org.pneumolens.core.dicom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.pneumolens.core.image.ImageDecoder;
import org.pneumolens.core.model.BundledModel;
import org.pneumolens.core.model.PneumoModel;
import org.pneumolens.core.model.Prediction;

/** With the bundled model, a lossless DICOM of a radiograph gets the prediction of the image it was made from. */
class DicomPredictionTest {
    private static final double TOLERANCE = 0.02;
    static PneumoModel model;

    @BeforeAll
    static void load() throws Exception {
        model = BundledModel.load();
    }

    private static double pneumonia(Path file) throws IOException {
        Prediction p = model.predict(ImageDecoder.decodeGrey(file));
        return p.probability("PNEUMONIA");
    }

    @Test
    void fullSizeLosslessDicomPredictsAsTheSampleJpeg() throws IOException {
        double jpeg = pneumonia(Path.of("sample-images/PNEUMONIA_person148_virus_298.jpeg"));
        double dicom = pneumonia(DicomCorpusTest.DIR.resolve("FULL_person148_jpeg_lossless_sv1.dcm"));
        assertEquals(jpeg, dicom, TOLERANCE, "sample JPEG " + jpeg + ", its lossless DICOM " + dicom);
    }

    static Stream<DicomCorpusTest.Entry> losslessForms() throws IOException {
        return DicomCorpusTest.decoded().filter(e -> e.lossless() && e.stored().matches("[AB]_source.png"));
    }

    @ParameterizedTest
    @MethodSource("losslessForms")
    void everyLosslessFormPredictsAsItsSource(DicomCorpusTest.Entry e) throws IOException {
        double source = pneumonia(DicomCorpusTest.DIR.resolve(e.stored()));
        double dicom = pneumonia(DicomCorpusTest.DIR.resolve(e.file()));
        assertEquals(source, dicom, TOLERANCE, e.file());
    }
}
