// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.sleep;

/** An await in a plain method, which is neither @Async nor an async lambda. */
public class AwaitOutsideAsync {
    static void plain() {
        await(sleep(0)); // <- plain await
    }
}
