# aclose() throws GeneratorExit at the suspended yield: finally blocks run,
# innermost first, and may await; closing a generator that has not started,
# or has ended, runs nothing; a generator that yields while closing makes
# aclose() raise RuntimeError, and anext() after the end raises
# StopAsyncIteration.
import asyncio


async def numbers():
    print("numbers: start")
    try:
        try:
            for i in range(10):
                yield i
        finally:
            print("numbers: inner finally")
            await asyncio.sleep(0)
            print("numbers: inner finally after await")
    finally:
        print("numbers: outer finally")


async def stubborn():
    try:
        yield "first"
    finally:
        print("stubborn: finally yields")
        yield "second"


async def ticker():
    n = 0
    while True:
        n += 1
        print("ticker: tick", n)
        await asyncio.sleep(0)


async def main():
    t = asyncio.create_task(ticker())
    g = numbers()
    print("created, nothing ran")
    print("anext ->", await anext(g))
    print("anext ->", await anext(g))
    print("aclose ->", await g.aclose())
    print("aclose again ->", await g.aclose())
    try:
        await anext(g)
    except StopAsyncIteration:
        print("anext after aclose -> StopAsyncIteration")

    fresh = numbers()
    print("aclose unstarted ->", await fresh.aclose())
    try:
        await anext(fresh)
    except StopAsyncIteration:
        print("anext after aclose unstarted -> StopAsyncIteration")

    s = stubborn()
    print("anext ->", await anext(s))
    try:
        await s.aclose()
    except RuntimeError as e:
        print("aclose -> RuntimeError:", e)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError:
        print("ticker cancelled")


asyncio.run(main())
