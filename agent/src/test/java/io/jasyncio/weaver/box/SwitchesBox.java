// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.concurrent.TimeUnit;

/** switch on int, String and enum, statements and expressions, with awaits in the selector and the arms. */
public class SwitchesBox {
    @Async
    static Coroutine<String> onInt(int value) {
        String text;
        switch (await(later(value))) {
            case 1:
                text = await(later("one"));
                break;
            case 2:
            case 3:
                text = "few" + await(later(value));
                break;
            default:
                text = "many";
        }
        return result(text);
    }

    @Async
    static Coroutine<Integer> onString(String value) {
        int length = switch (value) {
            case "a" -> await(later(1));
            case "bb" -> {
                int partial = await(later(1));
                yield partial + await(later(1));
            }
            default -> 0;
        };
        return result(length);
    }

    @Async
    static Coroutine<String> onEnum(TimeUnit unit) {
        return result(switch (unit) {
            case SECONDS -> await(later("s"));
            case MILLISECONDS -> "ms";
            default -> await(later("other"));
        });
    }

    @Async
    public static Coroutine<String> box() {
        String text = await(onInt(1)) + await(onInt(3)) + await(onInt(9)) + await(onString("a")) + await(onString("bb"))
                + await(onString("z")) + await(onEnum(TimeUnit.SECONDS)) + await(onEnum(TimeUnit.MILLISECONDS))
                + await(onEnum(TimeUnit.DAYS));
        return result(text.equals("onefew3many120smsother") ? "OK" : text);
    }
}
