// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.names;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * Methods whose frame classes the weaver once named {@code Owner$method$Frame}, a name that javac
 * also gives other classes: a user's nested class {@code run$Frame} was the frame of {@code run()},
 * and {@code a$b()} here and {@code b()} of the nested class {@code a} shared {@code Clash$a$b$Frame}.
 * The two keep different values across their awaits, so that sharing a frame class fails. The
 * overloads of {@code over} keep values of other sorts each.
 */
public class Clash {
    /** A user's class with the old name of the frame of {@link #run()}. */
    public static final class run$Frame {
        public static String owner() {
            return "user";
        }
    }

    @Async
    public static Coroutine<String> run() {
        int count = 2;
        await(sleep(0));
        return result("run " + count + " " + run$Frame.owner());
    }

    @Async
    public static Coroutine<String> a$b() {
        long big = 1L << 40;
        await(sleep(0));
        return result("a$b " + big);
    }

    /** A nested class whose method {@code b()} had the frame class name of {@link Clash#a$b()}. */
    public static final class a {
        @Async
        public static Coroutine<String> b() {
            int small = 7;
            String text = "x";
            await(sleep(0));
            return result("a.b " + small + text);
        }
    }

    @Async
    public static Coroutine<String> over(int number) {
        double half = number / 2.0;
        await(sleep(0));
        return result("int " + half);
    }

    @Async
    public static Coroutine<String> over(String text) {
        String twice = text + text;
        await(sleep(0));
        return result("String " + twice);
    }

    @Async
    public static Coroutine<String> over(long number, float scale) {
        float scaled = number * scale;
        await(sleep(0));
        return result("long " + scaled + " " + number);
    }
}
