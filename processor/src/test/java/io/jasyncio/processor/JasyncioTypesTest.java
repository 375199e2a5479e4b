// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jasyncio.Asyncio;
import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import org.junit.jupiter.api.Test;

/** The processor names jasyncio's types by strings, so that it links against nothing; they must be the real names. */
class JasyncioTypesTest {
    @Test
    void namesAreThoseOfTheRealTypes() {
        assertEquals(Async.class.getName(), JasyncioTypes.ASYNC);
        assertEquals(Asyncio.class.getName(), JasyncioTypes.ASYNCIO);
        assertEquals(Coroutine.class.getName(), JasyncioTypes.COROUTINE);
        assertEquals(CancelledError.class.getName(), JasyncioTypes.CANCELLED_ERROR);
    }
}
