# async for over a StreamReader yields its lines (readline() until b''):
# the loop waits while no whole line is buffered, a last line without a
# newline comes out at EOF, and a reader that fails makes the loop raise.
import asyncio


async def feeder(reader, chunks):
    for chunk in chunks:
        await asyncio.sleep(0)
        print("feed", chunk)
        reader.feed_data(chunk)
    await asyncio.sleep(0)
    print("feed EOF")
    reader.feed_eof()


async def main():
    reader = asyncio.StreamReader()
    task = asyncio.create_task(
        feeder(reader, [b"alpha\nbe", b"ta\n", b"\ngam", b"ma"]))
    count = 0
    async for line in reader:
        count += 1
        print("line", count, line)
    print("lines:", count)
    await task

    failing = asyncio.StreamReader()
    failing.feed_data(b"first\n")
    failing.set_exception(ValueError("connection lost"))
    try:
        async for line in failing:
            print("never", line)
    except ValueError as e:
        print("async for raised", repr(e))


asyncio.run(main())
