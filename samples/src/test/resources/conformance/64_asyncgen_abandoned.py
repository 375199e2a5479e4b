# Leaving an async for early (break) does not close the generator: it stays
# suspended at its yield, and iterating it again goes on from there. Nothing
# runs its finally block until it is closed, here by shutdown_asyncgens()
# at the end of asyncio.run(), since the program keeps a reference to it.
import asyncio

keep = []


async def numbers():
    print("numbers: start")
    try:
        i = 0
        while True:
            print("numbers: yield", i)
            yield i
            i += 1
    finally:
        print("numbers: finally")


async def main():
    gen = numbers()
    keep.append(gen)
    async for n in gen:
        print("got", n)
        if n == 1:
            break
    print("after break")
    await asyncio.sleep(0)
    print("still suspended, no finally yet")
    async for n in gen:
        print("again got", n)
        if n == 3:
            break
    print("main returns")


asyncio.run(main())
print("run() returned")
