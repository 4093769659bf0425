package org.pneumolens.core.engine;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

class Nd4jStartTest {
    @Test
    void afterTheStartTheBlasTableExistsAndLaterStartsChangeNothing() {
        Nd4jStart.run();
        var blas = Nd4j.factory().blas();
        assertNotNull(blas);
        Nd4jStart.run();
        assertSame(blas, Nd4j.factory().blas(), "built once: a second build would look the symbols up again");
    }
}
