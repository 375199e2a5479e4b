// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.weaver.box;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.weaver.box.Suspend.later;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;
import java.util.Arrays;
import java.util.List;

/** Array element stores and compound assignments with awaits on either side, for-each, multi-dimensional arrays. */
public class ArraysBox {
    @Async
    public static Coroutine<String> box() {
        int[] numbers = new int[4];
        numbers[0] = await(later(5));
        numbers[await(later(1))] = 6;
        numbers[2] += await(later(7));
        numbers[await(later(3))] += await(later(8));
        long[] wide = {1L, 2L};
        wide[1] *= await(later(10L));
        int sum = 0;
        for (int value : numbers) {
            sum += value + await(later(0));
        }
        StringBuilder words = new StringBuilder();
        for (String word : List.of("p", "q")) {
            words.append(await(later(word)));
        }
        int[][] grid = new int[await(later(2))][await(later(3))];
        grid[1][await(later(2))] = await(later(9));
        String[][] jagged = {{"a"}, {await(later("b")), "c"}};
        String text = Arrays.toString(numbers) + Arrays.toString(wide) + sum + words + Arrays.deepToString(grid)
                + Arrays.deepToString(jagged);
        return result(text.equals("[5, 6, 7, 8][1, 20]26pq[[0, 0, 0], [0, 0, 9]][[a], [b, c]]") ? "OK" : text);
    }
}
