# athrow(exc) raises exc at the suspended yield: a generator that catches it
# yields its next value, which athrow() returns; one that does not ends with
# it; athrow() on a generator that has not started ends it at once without
# running it; on an ended generator it returns None (3.11); an exception
# raised by the generator reaches the awaiting anext(), after which the
# generator is exhausted.
import asyncio


async def resilient():
    n = 0
    while True:
        try:
            yield n
            n += 1
        except ValueError as e:
            print("resilient: caught", repr(e))
            await asyncio.sleep(0)
            yield -1


async def failing():
    yield "one"
    await asyncio.sleep(0)
    raise KeyError("broken")


async def main():
    g = resilient()
    print("anext ->", await anext(g))
    print("anext ->", await anext(g))
    print("athrow ValueError ->", await g.athrow(ValueError("bad value")))
    print("anext ->", await anext(g))
    try:
        await g.athrow(KeyError("not caught"))
    except KeyError as e:
        print("athrow KeyError raised", repr(e))
    try:
        await anext(g)
    except StopAsyncIteration:
        print("anext -> StopAsyncIteration")
    print("athrow on ended ->", await g.athrow(ValueError("late")))

    fresh = resilient()
    try:
        await fresh.athrow(ValueError("at start"))
    except ValueError as e:
        print("athrow unstarted raised", repr(e))
    try:
        await anext(fresh)
    except StopAsyncIteration:
        print("anext after -> StopAsyncIteration")

    f = failing()
    print("anext ->", await anext(f))
    try:
        await anext(f)
    except KeyError as e:
        print("anext raised", repr(e))
    try:
        await anext(f)
    except StopAsyncIteration:
        print("anext after the error -> StopAsyncIteration")


asyncio.run(main())
