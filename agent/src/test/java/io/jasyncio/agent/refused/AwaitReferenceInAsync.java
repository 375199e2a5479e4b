// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.result;

import io.jasyncio.Asyncio;
import io.jasyncio.Coroutine;
import io.jasyncio.Future;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.stream.Stream;

/**
 * A method reference to await in an @Async method: the method's own awaits suspend it, but the
 * stream calls the reference from its own code, outside the coroutine.
 */
public class AwaitReferenceInAsync {
    @Async
    static Coroutine<Integer> count() {
        List<Integer> values = Stream.<Future<Integer>>empty().map(Asyncio::await).toList(); // <- reference in async
        return result(values.size());
    }
}
