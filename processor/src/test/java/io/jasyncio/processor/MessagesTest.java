// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.processor;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The processor explains a refusal in the weaver's words: each message that both give is, word for
 * word, a message of the table "What cannot be woven" in {@code agent/WEAVING.md}.
 */
class MessagesTest {
    private static final Path WEAVING = Path.of("..", "agent", "WEAVING.md");

    @Test
    void messagesSharedWithTheWeaverAreThoseOfWeavingMd() throws IOException {
        String weaving = Files.readString(WEAVING);
        for (String message : List.of(Messages.AWAIT_IN_PLAIN_METHOD, Messages.AWAIT_IN_CONSTRUCTOR,
                Messages.AWAIT_IN_STATIC_INITIALISER, Messages.SYNCHRONIZED_ASYNC_METHOD,
                Messages.AWAIT_IN_SYNCHRONIZED_BLOCK,
                Messages.ASYNC_WITHOUT_BODY, Messages.AWAIT_REFERENCE, Messages.asyncReturnType("TYPE"),
                Messages.EMIT_OUTSIDE_GENERATOR)) {
            assertTrue(weaving.contains("| " + message + " |"), () -> "not in " + WEAVING + "'s table: " + message);
        }
    }
}
