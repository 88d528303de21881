package org.prune4j.core.kernels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link ConvGeometry#adjoint}: the convolution whose forward is a stride-1 layer's input gradient. */
class ConvGeometryAdjointTest {
    @Test
    void sameLayerSwapsChannelsAndKeepsItsPlanes() {
        ConvGeometry g = new ConvGeometry(7, 16, 32, 30, 24, 3, 5, 1, 1, 1, 2, 1, 1, 1);
        ConvGeometry a = g.adjoint();
        assertEquals(new ConvGeometry(7, 24, 32, 30, 16, 3, 5, 1, 1, 1, 2, 1, 1, 1), a);
        assertEquals(g.inH(), a.outH());
        assertEquals(g.inW(), a.outW());
    }

    @Test
    void validLayerGetsTheFullPadding() {
        // A "valid" 3x3 layer shrinks 8 -> 6; its adjoint pads by 2 and grows 6 -> 8.
        ConvGeometry a = new ConvGeometry(2, 4, 8, 8, 5, 3, 3, 1, 1, 0, 0, 1, 1, 1).adjoint();
        assertEquals(2, a.padH());
        assertEquals(8, a.outH());
        assertEquals(5, a.inChannels());
        assertEquals(4, a.outChannels());
    }

    @Test
    void otherLayersAreRejectedWithTheReason() {
        for (ConvGeometry g : new ConvGeometry[] {
                new ConvGeometry(2, 4, 8, 8, 4, 3, 3, 2, 2, 1, 1, 1, 1, 1),
                new ConvGeometry(2, 4, 8, 8, 4, 3, 3, 1, 1, 2, 2, 2, 2, 1),
                new ConvGeometry(2, 4, 8, 8, 4, 3, 3, 1, 1, 1, 1, 1, 1, 2),
                new ConvGeometry(2, 4, 8, 8, 4, 3, 3, 1, 1, 3, 3, 1, 1, 1)}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, g::adjoint, g.toString());
            assertTrue(e.getMessage().contains("stride 1, dilation 1, one group"), e.getMessage());
        }
    }
}
