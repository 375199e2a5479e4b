// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.streams;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jasyncio.CancelledError;
import io.jasyncio.Coroutine;
import io.jasyncio.EventLoop;
import io.jasyncio.LoopTestSupport;
import io.jasyncio.Task;
import java.net.SocketException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * {@link StreamReader} fed by hand, without sockets: every read, at the end of the stream, across
 * chunks, over the limit, failed and cancelled, as asyncio 3.11's {@code test_streams.py} pins them.
 */
class StreamReaderTest extends LoopTestSupport {
    private final StreamReader reader = new StreamReader();

    private static byte[] bytes(String text) {
        return text.getBytes(US_ASCII);
    }

    private static String text(byte[] data) {
        return new String(data, US_ASCII);
    }

    /** Feeds each chunk in an iteration of its own, then the end of the stream if {@code eof}. */
    private static void feedLater(EventLoop loop, StreamReader reader, boolean eof, String... chunks) {
        Runnable feedRest = () -> { };
        if (eof) {
            feedRest = reader::feedEof;
        }
        for (int i = chunks.length - 1; i >= 0; i--) {
            byte[] chunk = bytes(chunks[i]);
            Runnable then = feedRest;
            feedRest = () -> {
                reader.feedData(chunk);
                loop.callSoon(then);
            };
        }
        loop.callSoon(feedRest);
    }

    private static String read(EventLoop loop, Coroutine<byte[]> read) {
        return text(loop.runUntilComplete(read));
    }

    // ---------------------------------------------------------------------------------------------
    // readline

    @Test
    void readlineReturnsEachLineWithItsNewline() throws Exception {
        runTest(loop -> {
            reader.feedData(bytes("one\ntwo\n"));
            assertEquals("one\n", read(loop, reader.readline()));
            assertEquals("two\n", read(loop, reader.readline()));
        });
    }

    @Test
    void readlineWaitsForALineFedInChunks() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, false, "li", "ne", " one\nrest");
            assertEquals("line one\n", read(loop, reader.readline()));
            assertEquals("rest", text(loop.runUntilComplete(reader.read(100))));
        });
    }

    @Test
    void readlineReturnsThePartialLineAtTheEndThenEmpty() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, true, "last\npartial");
            assertEquals("last\n", read(loop, reader.readline()));
            assertEquals("partial", read(loop, reader.readline()));
            assertTrue(reader.atEof());
            assertEquals("", read(loop, reader.readline()));
        });
    }

    @Test
    void readlineDropsALineOverTheLimitUpToItsNewline() throws Exception {
        StreamReader limited = new StreamReader(4);
        runTest(loop -> {
            limited.feedData(bytes("toolong\nok\n"));
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(limited.readline()));
            assertEquals("Separator is found, but chunk is longer than limit", tooLong.getMessage());
            assertEquals(7, assertInstanceOf(LimitOverrunException.class, tooLong.getCause()).consumed());
            assertEquals("ok\n", read(loop, limited.readline()));
        });
    }

    @Test
    void readlineDropsTheWholeBufferWhenTheLineHasNotEndedWithinTheLimit() throws Exception {
        StreamReader limited = new StreamReader(4);
        runTest(loop -> {
            limited.feedData(bytes("longer than the limit"));
            IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                    () -> loop.runUntilComplete(limited.readline()));
            assertEquals("Separator is not found, and chunk exceed the limit", tooLong.getMessage());
            limited.feedData(bytes("end\nnext\n"));
            assertEquals("end\n", read(loop, limited.readline()), "the rest of the long line is read as a line");
            assertEquals("next\n", read(loop, limited.readline()));
        });
    }

    @Test
    void aLineOfExactlyTheLimitIsAccepted() throws Exception {
        StreamReader limited = new StreamReader(4);
        runTest(loop -> {
            limited.feedData(bytes("four\n"));
            assertEquals("four\n", read(loop, limited.readline()));
        });
    }

    // ---------------------------------------------------------------------------------------------
    // readuntil

    @Test
    void readuntilFindsASeparatorSplitAcrossChunks() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, false, "head|", "|tail|", "|");
            assertEquals("head||", read(loop, reader.readuntil(bytes("||"))));
            assertEquals("tail||", read(loop, reader.readuntil(bytes("||"))));
        });
    }

    @Test
    void readuntilAtTheEndThrowsIncompleteReadWithTheRestTakenAndNoExpectedCount() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, true, "no separ", "ator");
            IncompleteReadException ended = assertThrows(IncompleteReadException.class,
                    () -> loop.runUntilComplete(reader.readuntil(bytes("\r\n"))));
            assertEquals("no separator", text(ended.partial()));
            assertNull(ended.expected());
            assertEquals("the stream ended after 12 bytes, before the separator", ended.getMessage());
            assertTrue(reader.atEof(), "the partial data was taken");
        });
    }

    @Test
    void readuntilOverTheLimitThrowsLimitOverrunAndLeavesTheData() throws Exception {
        StreamReader limited = new StreamReader(5);
        runTest(loop -> {
            feedLater(loop, limited, false, "abc", "defgh");
            LimitOverrunException overrun = assertThrows(LimitOverrunException.class,
                    () -> loop.runUntilComplete(limited.readuntil(bytes("!"))));
            assertEquals("Separator is not found, and chunk exceed the limit", overrun.getMessage());
            assertEquals(8, overrun.consumed());
            assertEquals("abcdefgh", text(loop.runUntilComplete(limited.read(100))), "nothing was taken");
        });
    }

    @Test
    void readuntilWithTheSeparatorBeyondTheLimitReportsWhereItIs() throws Exception {
        StreamReader limited = new StreamReader(5);
        runTest(loop -> {
            limited.feedData(bytes("abcdefg!"));
            LimitOverrunException overrun = assertThrows(LimitOverrunException.class,
                    () -> loop.runUntilComplete(limited.readuntil(bytes("!"))));
            assertEquals("Separator is found, but chunk is longer than limit", overrun.getMessage());
            assertEquals(7, overrun.consumed());
            assertEquals("abcdefg", text(loop.runUntilComplete(limited.readexactly(overrun.consumed()))));
            assertEquals("!", read(loop, limited.readuntil(bytes("!"))));
        });
    }

    @Test
    void anEmptySeparatorIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> reader.readuntil(new byte[0]));
        assertEquals("Separator should be at least one-byte string", refused.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // readexactly

    @Test
    void readexactlyCollectsBytesAcrossChunks() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, false, "ab", "c", "defg");
            assertEquals("abcde", read(loop, reader.readexactly(5)));
            assertEquals("fg", read(loop, reader.readexactly(2)));
            assertEquals("", read(loop, reader.readexactly(0)));
        });
    }

    @Test
    void readexactlyEndingMidReadThrowsIncompleteReadWithThePartialBytes() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, true, "abc", "d");
            IncompleteReadException ended = assertThrows(IncompleteReadException.class,
                    () -> loop.runUntilComplete(reader.readexactly(10)));
            assertEquals("abcd", text(ended.partial()));
            assertEquals(10, ended.expected());
            assertEquals("4 bytes read on a total of 10 expected bytes", ended.getMessage());
            assertTrue(reader.atEof());
        });
    }

    @Test
    void aNegativeCountIsRefused() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> reader.readexactly(-1));
        assertEquals("readexactly size can not be less than zero", refused.getMessage());
    }

    // ---------------------------------------------------------------------------------------------
    // read

    @Test
    void readReturnsWhatIsThereUpToTheCountWithoutWaitingForMore() throws Exception {
        runTest(loop -> {
            reader.feedData(bytes("abcdef"));
            assertEquals("abcd", read(loop, reader.read(4)));
            assertEquals("ef", read(loop, reader.read(4)), "what is there, not 4 bytes");
            feedLater(loop, reader, true, "ghi");
            assertEquals("ghi", read(loop, reader.read(4)));
            assertEquals("", read(loop, reader.read(4)), "the end of the stream");
            assertEquals("", read(loop, reader.read(0)));
        });
    }

    @Test
    void readWithoutACountWaitsForTheEndOfTheStream() throws Exception {
        runTest(loop -> {
            feedLater(loop, reader, true, "a\n", "b\n", "c");
            assertEquals("a\nb\nc", read(loop, reader.read()));
            assertEquals("", read(loop, reader.read(-1)));
        });
    }

    @Test
    void atEofIsTheEndOfTheStreamWithNothingLeft() throws Exception {
        runTest(loop -> {
            assertFalse(reader.atEof());
            reader.feedData(bytes("x"));
            reader.feedEof();
            assertFalse(reader.atEof(), "a byte is left");
            assertEquals("x", read(loop, reader.read(1)));
            assertTrue(reader.atEof());
        });
    }

    @Test
    void feedingAfterTheEndIsRefused() {
        reader.feedEof();
        reader.feedEof(); // idempotent
        assertThrows(IllegalStateException.class, () -> reader.feedData(bytes("late")));
    }

    @Test
    void aLimitBelowOneIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new StreamReader(0));
    }

    // ---------------------------------------------------------------------------------------------
    // Failures, concurrency, cancellation

    @Test
    void anExceptionFailsTheWaitingReadAndEveryLaterOne() throws Exception {
        SocketException reset = new SocketException("Connection reset");
        runTest(loop -> {
            reader.feedData(bytes("partial"));
            Task<byte[]> waiting = loop.createTask(reader.readline());
            runOnce(loop);
            reader.setException(reset);
            assertSame(reset, assertThrows(SocketException.class, () -> loop.runUntilComplete(waiting)));
            assertSame(reset, assertThrows(SocketException.class, () -> loop.runUntilComplete(reader.read(1))));
            assertSame(reset, reader.exception());
        });
    }

    @Test
    void aSecondReadWhileOneWaitsIsRefused() throws Exception {
        runTest(loop -> {
            Task<byte[]> first = loop.createTask(reader.readline());
            runOnce(loop);
            IllegalStateException refused = assertThrows(IllegalStateException.class,
                    () -> loop.runUntilComplete(reader.readexactly(1)));
            assertEquals("readexactly() called while another coroutine is already waiting for incoming data",
                    refused.getMessage());
            reader.feedData(bytes("line\n"));
            assertEquals("line\n", text(loop.runUntilComplete(first)));
        });
    }

    @Test
    void aCancelledReadTakesNothingAndTheReaderStaysUsable() throws Exception {
        runTest(loop -> {
            Task<byte[]> exactly = loop.createTask(reader.readexactly(10));
            runOnce(loop);
            reader.feedData(bytes("abcd")); // fewer than asked for: it waits again
            runOnce(loop);
            exactly.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(exactly));
            Task<byte[]> all = loop.createTask(reader.read());
            runOnce(loop);
            reader.feedData(bytes("ef\n"));
            runOnce(loop);
            all.cancel();
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(all));
            assertEquals("abcdef\n", read(loop, reader.readline()), "the cancelled reads took nothing");
        });
    }

    @Test
    void aReadCancelledAfterItWasWokenLetsTheNextReadWait() throws Exception {
        runTest(loop -> {
            Task<byte[]> first = loop.createTask(reader.readline());
            runOnce(loop);
            reader.feedData(bytes("no newline yet"));
            first.cancel(); // woken by the data, cancelled before it ran
            assertThrows(CancelledError.class, () -> loop.runUntilComplete(first));
            Task<byte[]> second = loop.createTask(reader.readline());
            runOnce(loop);
            reader.feedData(bytes("\n"));
            assertEquals("no newline yet\n", text(loop.runUntilComplete(second)));
        });
    }

    @Test
    void toStringShowsTheStateAsAsyncioDoes() throws Exception {
        StreamReader limited = new StreamReader(10);
        limited.feedData(bytes("abc"));
        limited.feedEof();
        assertEquals("StreamReader[3 bytes eof limit=10]", limited.toString());
        assertEquals("StreamReader[0 bytes]", reader.toString());
    }

    @Test
    void largeDataSurvivesGrowingAndSlidingTheBuffer() throws Exception {
        byte[] data = new byte[300_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i * 31 + 7);
        }
        runTest(loop -> {
            for (int offset = 0; offset < data.length; offset += 1000) {
                reader.feedData(Arrays.copyOfRange(data, offset, offset + 1000));
                if (offset % 3000 == 0) {
                    loop.runUntilComplete(reader.read(1));
                    loop.runUntilComplete(reader.read(999));
                }
            }
            reader.feedEof();
            byte[] rest = loop.runUntilComplete(reader.read());
            assertArrayEquals(Arrays.copyOfRange(data, data.length - rest.length, data.length), rest);
            assertEquals(data.length - 100 * 1000, rest.length);
        });
    }
}
