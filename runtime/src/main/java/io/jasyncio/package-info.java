// SPDX-License-Identifier: Apache-2.0
// Copyright jasyncio contributors

/**
 * jasyncio's runtime, asyncio for Java: the event loop, futures, tasks and what is built on them.
 * {@link io.jasyncio.Asyncio} is the module-level API ({@code run}, {@code createTask},
 * {@code gather}, {@code sleep}, {@code await}, ...) that programs import statically.
 *
 * <p>The files follow asyncio's own split. A reader new to the code meets them in this order:
 * <ol>
 *   <li>The loop: {@code EventLoop} (asyncio's {@code base_events}), its ready queue
 *       ({@code ReadyQueue}, a {@code ChunkedFifo}) and its timers ({@code TimerQueue}, with its
 *       FIFO lane {@code TimerLane}), {@code Handle} and {@code TimerHandle}, {@code Clock} and the
 *       tests' {@code FakeClock}; {@code SelectorEventLoop} adds I/O, {@code SocketOperation} its
 *       {@code sock_*} coroutines.</li>
 *   <li>Futures: {@code Future}, {@code Awaitable}, {@code InvalidStateException},
 *       {@code CompletionStages} (the bridges to {@code CompletionStage}).</li>
 *   <li>Tasks and coroutines: {@code Coroutine} (what woven {@code @Async} methods subclass),
 *       {@code Task}, {@code TaskExtras} (the state few tasks need), {@code TaskRegistry}
 *       ({@code allTasks()}), {@code CancelledError}, {@code Sleep}, {@code CompletedCoroutine},
 *       {@code StackTraces}, and {@code WovenCodeSupport}, the runtime's side of
 *       {@link io.jasyncio.internal.WovenCode}.</li>
 *   <li>Combinators, as in asyncio's {@code tasks}: {@code Gather}, {@code Wait}
 *       ({@code ReturnWhen}, {@code DoneAndPending}), {@code AsCompleted}, {@code WaitFor},
 *       {@code Shield}, {@code CancelAndWait}, {@code ReleaseWaiter}, {@code ToThread} and
 *       {@code DefaultExecutor}.</li>
 *   <li>Timeouts and task groups: {@code Timeout}, {@code TimeoutException}, {@code TaskGroup},
 *       {@code ExceptionGroup}.</li>
 *   <li>Running a program: {@code Runner}, with {@code InterruptHandler} for Ctrl-C and
 *       {@code KeyboardInterrupt}.</li>
 *   <li>Context variables: {@code ContextVar}, {@code Context}.</li>
 *   <li>Diagnostics: {@code NeverRetrievedReport}, {@code NeverAwaitedReport}, {@code Cleaners},
 *       {@code Throwables}, {@code Unwoven} and {@code NotWovenError}.</li>
 * </ol>
 * Locks, queues and streams have packages of their own ({@code io.jasyncio.locks},
 * {@code io.jasyncio.queues}, {@code io.jasyncio.streams}); {@code io.jasyncio.internal} is the
 * contract with the weaver.
 */
package io.jasyncio;
