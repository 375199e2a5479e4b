// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors
package io.jasyncio.agent.refused;

import static io.jasyncio.Asyncio.await;
import static io.jasyncio.Asyncio.result;
import static io.jasyncio.Asyncio.sleep;

import io.jasyncio.Coroutine;
import io.jasyncio.annotations.Async;

/**
 * A method whose woven form outgrows the JVM's 64 KB of code: 40 live locals saved and restored at
 * each of 120 awaits (found by the fuzzer). Its source is long by necessity.
 */
public class ManyAwaits {
    @Async
    static <T> Coroutine<T> later(T value) {
        await(sleep(0));
        return result(value);
    }

    @Async
    static Coroutine<Integer> sum() {
        int v0 = 0; // <- too large
        int v1 = 1;
        int v2 = 2;
        int v3 = 3;
        int v4 = 4;
        int v5 = 5;
        int v6 = 6;
        int v7 = 7;
        int v8 = 8;
        int v9 = 9;
        int v10 = 10;
        int v11 = 11;
        int v12 = 12;
        int v13 = 13;
        int v14 = 14;
        int v15 = 15;
        int v16 = 16;
        int v17 = 17;
        int v18 = 18;
        int v19 = 19;
        int v20 = 20;
        int v21 = 21;
        int v22 = 22;
        int v23 = 23;
        int v24 = 24;
        int v25 = 25;
        int v26 = 26;
        int v27 = 27;
        int v28 = 28;
        int v29 = 29;
        int v30 = 30;
        int v31 = 31;
        int v32 = 32;
        int v33 = 33;
        int v34 = 34;
        int v35 = 35;
        int v36 = 36;
        int v37 = 37;
        int v38 = 38;
        int v39 = 39;
        v0 += await(later(0));
        v1 += await(later(1));
        v2 += await(later(2));
        v3 += await(later(3));
        v4 += await(later(4));
        v5 += await(later(5));
        v6 += await(later(6));
        v7 += await(later(7));
        v8 += await(later(8));
        v9 += await(later(9));
        v10 += await(later(10));
        v11 += await(later(11));
        v12 += await(later(12));
        v13 += await(later(13));
        v14 += await(later(14));
        v15 += await(later(15));
        v16 += await(later(16));
        v17 += await(later(17));
        v18 += await(later(18));
        v19 += await(later(19));
        v20 += await(later(20));
        v21 += await(later(21));
        v22 += await(later(22));
        v23 += await(later(23));
        v24 += await(later(24));
        v25 += await(later(25));
        v26 += await(later(26));
        v27 += await(later(27));
        v28 += await(later(28));
        v29 += await(later(29));
        v30 += await(later(30));
        v31 += await(later(31));
        v32 += await(later(32));
        v33 += await(later(33));
        v34 += await(later(34));
        v35 += await(later(35));
        v36 += await(later(36));
        v37 += await(later(37));
        v38 += await(later(38));
        v39 += await(later(39));
        v0 += await(later(40));
        v1 += await(later(41));
        v2 += await(later(42));
        v3 += await(later(43));
        v4 += await(later(44));
        v5 += await(later(45));
        v6 += await(later(46));
        v7 += await(later(47));
        v8 += await(later(48));
        v9 += await(later(49));
        v10 += await(later(50));
        v11 += await(later(51));
        v12 += await(later(52));
        v13 += await(later(53));
        v14 += await(later(54));
        v15 += await(later(55));
        v16 += await(later(56));
        v17 += await(later(57));
        v18 += await(later(58));
        v19 += await(later(59));
        v20 += await(later(60));
        v21 += await(later(61));
        v22 += await(later(62));
        v23 += await(later(63));
        v24 += await(later(64));
        v25 += await(later(65));
        v26 += await(later(66));
        v27 += await(later(67));
        v28 += await(later(68));
        v29 += await(later(69));
        v30 += await(later(70));
        v31 += await(later(71));
        v32 += await(later(72));
        v33 += await(later(73));
        v34 += await(later(74));
        v35 += await(later(75));
        v36 += await(later(76));
        v37 += await(later(77));
        v38 += await(later(78));
        v39 += await(later(79));
        v0 += await(later(80));
        v1 += await(later(81));
        v2 += await(later(82));
        v3 += await(later(83));
        v4 += await(later(84));
        v5 += await(later(85));
        v6 += await(later(86));
        v7 += await(later(87));
        v8 += await(later(88));
        v9 += await(later(89));
        v10 += await(later(90));
        v11 += await(later(91));
        v12 += await(later(92));
        v13 += await(later(93));
        v14 += await(later(94));
        v15 += await(later(95));
        v16 += await(later(96));
        v17 += await(later(97));
        v18 += await(later(98));
        v19 += await(later(99));
        v20 += await(later(100));
        v21 += await(later(101));
        v22 += await(later(102));
        v23 += await(later(103));
        v24 += await(later(104));
        v25 += await(later(105));
        v26 += await(later(106));
        v27 += await(later(107));
        v28 += await(later(108));
        v29 += await(later(109));
        v30 += await(later(110));
        v31 += await(later(111));
        v32 += await(later(112));
        v33 += await(later(113));
        v34 += await(later(114));
        v35 += await(later(115));
        v36 += await(later(116));
        v37 += await(later(117));
        v38 += await(later(118));
        v39 += await(later(119));
        return result(v0 + v1 + v2 + v3 + v4 + v5 + v6 + v7 + v8 + v9 + v10 + v11 + v12 + v13 + v14 + v15 + v16 + v17 + v18 + v19 + v20 + v21 + v22 + v23 + v24 + v25 + v26 + v27 + v28 + v29 + v30 + v31 + v32 + v33 + v34 + v35 + v36 + v37 + v38 + v39);
    }
}
