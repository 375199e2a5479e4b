// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.sleep;

/** An await in a constructor, which cannot suspend. */
public class AwaitInConstructor {
    AwaitInConstructor() {
        await(sleep(0)); // <- constructor
    }
}
