// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import io.jasyncio.Asyncio;
import io.jasyncio.Future;
import java.util.List;
import java.util.stream.Stream;

/** A method reference to await in a plain method: the stream would call await outside any coroutine. */
public class AwaitReference {
    static List<Integer> plain() {
        return Stream.<Future<Integer>>empty().map(Asyncio::await).toList(); // <- await reference
    }
}
