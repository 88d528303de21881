package org.prune4j.core.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ArrayPoolTest {
    @Test
    void handsBackArraysByLengthWithinItsLimit() {
        ArrayPool pool = new ArrayPool(4L * 12);
        float[] a = new float[8], b = new float[4], c = new float[4];
        assertNull(pool.take(8));
        assertTrue(pool.give(a));
        assertTrue(pool.give(b));
        assertFalse(pool.give(c), "12 floats held: a third array is over the limit");
        assertEquals(48, pool.bytes());
        assertNull(pool.take(5), "lengths must match");
        assertSame(b, pool.take(4));
        assertNull(pool.take(4), "c was not kept");
        assertEquals(32, pool.bytes());
        pool.clear();
        assertEquals(0, pool.bytes());
        assertNull(pool.take(8));
        assertThrows(IllegalArgumentException.class, () -> new ArrayPool(-1));
    }
}
