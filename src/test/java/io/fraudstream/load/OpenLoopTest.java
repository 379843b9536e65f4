package io.fraudstream.load;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class OpenLoopTest {
    @Test
    void aRateGivenTwiceSendsOtherIdsInItsSecondStep() {
        assertNotEquals(OpenLoop.prefix(1, 2000), OpenLoop.prefix(2, 2000));
        assertEquals(17, OpenLoop.sequence(OpenLoop.prefix(2, 2000), OpenLoop.prefix(2, 2000) + "17"));
        assertEquals(-1, OpenLoop.sequence(OpenLoop.prefix(1, 2000), OpenLoop.prefix(2, 2000) + "17"));
        assertEquals(-1, OpenLoop.sequence(OpenLoop.prefix(1, 2000), OpenLoop.prefix(11, 2000) + "17"));
    }

    @Test
    void anIdOfAnotherShapeIsNoneOfTheStep() {
        assertEquals(-1, OpenLoop.sequence(OpenLoop.prefix(0, 500), OpenLoop.prefix(0, 500) + "x"));
        assertEquals(-1, OpenLoop.sequence(OpenLoop.prefix(0, 500), "tx-1"));
    }
}
