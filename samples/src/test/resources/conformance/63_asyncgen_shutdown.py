# At the end of asyncio.run(), after main() returns, the tasks left are
# cancelled and awaited first; then shutdown_asyncgens() closes the async
# generators left suspended, running their finally blocks (which may
# await) in tasks of the loop; one that ran to its end, and one never
# iterated, have nothing to close.
import asyncio

keep = []


async def stream(name, n):
    print(name, "start")
    try:
        for i in range(n):
            yield f"{name}{i}"
            await asyncio.sleep(0)
    finally:
        print(name, "finally")
        await asyncio.sleep(0)
        print(name, "finally after await")


async def worker():
    try:
        print("worker: waiting")
        await asyncio.sleep(10)
    finally:
        print("worker: cancelled, cleaning up")
        await asyncio.sleep(0)
        print("worker: cleaned up")


async def main():
    suspended = stream("s", 5)
    keep.append(suspended)
    print("anext ->", await anext(suspended))
    print("anext ->", await anext(suspended))
    finished = stream("f", 1)
    keep.append(finished)
    async for item in finished:
        print("async for ->", item)
    keep.append(stream("never", 1))
    asyncio.create_task(worker())
    await asyncio.sleep(0)
    print("main returns")


asyncio.run(main())
print("run() returned")
