# asend(value) resumes the generator with value as the result of the
# suspended yield; anext() sends None; a generator that has not started
# accepts only None; asend() on an ended generator raises
# StopAsyncIteration; steps run inline in the awaiting task, and only
# suspend when the generator awaits something that is not done.
import asyncio


async def accumulator():
    total = 0
    while True:
        value = yield total
        print("accumulator: got", value)
        if value is None:
            break
        await asyncio.sleep(0)
        total += value
    print("accumulator: done at", total)


async def other():
    for i in range(3):
        print("other: step", i)
        await asyncio.sleep(0)


async def main():
    acc = accumulator()
    try:
        await acc.asend(5)
    except TypeError as e:
        print("asend to unstarted:", e)
    t = asyncio.create_task(other())
    print("asend None ->", await acc.asend(None))
    print("asend 10 ->", await acc.asend(10))
    print("asend 32 ->", await acc.asend(32))
    try:
        await anext(acc)
    except StopAsyncIteration:
        print("anext -> StopAsyncIteration")
    try:
        await acc.asend(1)
    except StopAsyncIteration:
        print("asend after the end -> StopAsyncIteration")
    await t


asyncio.run(main())
