// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.List;
import java.util.function.Supplier;

/**
 * Generic, varargs, interface default and static, inner and anonymous class methods, a generic override
 * (called through its bridge), and an anonymous class built from an awaited value.
 */
public class MethodKindsBox {
    interface Greeter {
        String name();

        @Async
        default Coroutine<String> greet() {
            return result("hello " + await(later(name())) + await(suffix()));
        }

        @Async
        static Coroutine<String> suffix() {
            return result(await(later("!")));
        }
    }

    abstract static class Base {
        final String given;

        Base(String given) {
            this.given = given;
        }

        abstract Coroutine<String> describe();
    }

    final class Inner {
        @Async
        Coroutine<String> outerName() {
            return result(await(later(label)));
        }
    }

    private final String label = "outer";

    /** A generic override: javac copies {@code @Async} onto the bridge {@code Object get()}, which must stay a plain call. */
    static final class Later implements Supplier<Coroutine<String>> {
        @Override
        @Async
        public Coroutine<String> get() {
            return result(await(later("bridged")));
        }
    }

    @Async
    static <T extends Comparable<T>> Coroutine<T> max(List<T> values) {
        T best = null;
        for (T value : values) {
            T awaited = await(later(value));
            if (best == null || awaited.compareTo(best) > 0) {
                best = awaited;
            }
        }
        return result(best);
    }

    @Async
    static Coroutine<Integer> count(String... words) {
        return result(await(later(words.length)));
    }

    @Async
    public static Coroutine<String> box() {
        Greeter greeter = () -> "world";
        Base anonymous = new Base(await(later("given"))) {
            @Override
            @Async
            Coroutine<String> describe() {
                return result(await(later(given)) + "!");
            }
        };
        String text = await(greeter.greet()) + " " + await(max(List.of(3, 9, 4))) + " " + await(count("a", "b", "c"))
                + " " + await(new MethodKindsBox().new Inner().outerName()) + " " + await(anonymous.describe());
        Supplier<Coroutine<String>> throughTheBridge = new Later();
        text += " " + await(throughTheBridge.get());
        return result(text.equals("hello world! 9 3 outer given! bridged") ? "OK" : text);
    }
}
