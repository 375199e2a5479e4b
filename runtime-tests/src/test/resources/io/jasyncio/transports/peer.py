# SPDX-License-Identifier: Apache-2.0
# Copyright jasyncio contributors
"""CPython's side of ProtocolTraceTest: scripted peers, and CPython protocols that record the calls
they receive, so that a jasyncio protocol's trace can be compared with CPython's for one exchange.

  peer.py serve SCENARIO COUNT          scripted server for COUNT connections; prints its port first
  peer.py connect SCENARIO PORT         scripted client
  peer.py record SCENARIO KIND PORT     CPython's recording protocol (KIND: plain or buffered) as client
  peer.py record-server SCENARIO KIND   the same as server of one connection; prints its port first

The recording protocols print their trace, one call a line, once the connection is lost. Their
behaviour for each scenario is the one RecordingProtocol has in Java.
"""
import asyncio
import sys

BIG = 32 * 1024 * 1024


class Recorder:
    """What both kinds of recording protocol do: trace each call and react as the scenario says."""

    def __init__(self, scenario, done):
        self.scenario = scenario
        self.done = done
        self.trace = []
        self.transport = None

    def connection_made(self, transport):
        self.transport = transport
        self.trace.append("connection_made")
        peer = transport.get_extra_info("peername")
        self.trace.append("peername host=%s" % peer[0])
        self.trace.append("sockname host=%s" % transport.get_extra_info("sockname")[0])
        self.trace.append("socket present=%s" % (transport.get_extra_info("socket") is not None))
        self.trace.append("unknown extra=%s" % transport.get_extra_info("no such name", "default"))
        if self.scenario == "pause-reading":
            transport.pause_reading()
            self.trace.append("is_reading=%s" % transport.is_reading())
            asyncio.get_running_loop().call_later(0.2, self.resume)
        elif self.scenario == "flow":
            transport.write(b"x" * BIG)
            self.trace.append("buffered after write=%s" % (transport.get_write_buffer_size() > 0))

    def resume(self):
        self.trace.append("resume_reading")
        self.transport.resume_reading()
        self.trace.append("is_reading=%s" % self.transport.is_reading())

    def data(self, data):
        self.trace.append("data %r" % data)
        if self.scenario == "lockstep" and data == b"hello\n":
            self.transport.writelines([b"pi", b"ng\n"])
        elif self.scenario == "pause-reading":
            self.transport.close()
        elif self.scenario == "serve" and data == b"ping\n":
            self.transport.write(b"pong\n")
        elif self.scenario == "abort" and data == b"hello\n":
            self.transport.write(b"y" * BIG)
            self.trace.append("buffered before abort=%s" % (self.transport.get_write_buffer_size() > 0))
            self.transport.abort()
            self.trace.append("is_closing=%s" % self.transport.is_closing())

    def eof_received(self):
        self.trace.append("eof_received")
        if self.scenario == "serve":
            self.transport.write(b"bye\n")
            self.transport.close()
            self.trace.append("is_closing=%s" % self.transport.is_closing())
            return True
        return None

    def connection_lost(self, exc):
        self.trace.append("connection_lost %r" % (exc,))
        self.done.set_result(None)

    def pause_writing(self):
        self.trace.append("pause_writing")

    def resume_writing(self):
        low, high = self.transport.get_write_buffer_limits()
        self.trace.append("resume_writing at or below low=%s" % (self.transport.get_write_buffer_size() <= low))
        if self.scenario == "flow":
            self.transport.write_eof()
            self.trace.append("can_write_eof=%s" % self.transport.can_write_eof())


class Plain(Recorder, asyncio.Protocol):
    def data_received(self, data):
        self.data(data)


class Buffered(Recorder, asyncio.BufferedProtocol):
    def __init__(self, scenario, done):
        super().__init__(scenario, done)
        self.buffer = bytearray(100)

    def get_buffer(self, sizehint):
        self.trace.append("get_buffer %d" % sizehint)
        return self.buffer

    def buffer_updated(self, nbytes):
        self.data(bytes(self.buffer[:nbytes]))


async def scripted_server(reader, writer, scenario):
    if scenario in ("lockstep", "abort"):
        writer.write(b"hello\n")
        if scenario == "lockstep":
            await reader.readline()
            writer.write(b"pong\n")
            writer.write_eof()
        try:
            await reader.read()
        except ConnectionError:
            pass  # the recorder aborted
    elif scenario == "pause-reading":
        writer.write(b"one\n")
        await reader.read()
    elif scenario == "flow":
        await asyncio.sleep(0.5)  # the recorder's buffer fills meanwhile
        count = len(await reader.read())
        writer.write(b"received %d\n" % count)
    writer.close()


async def scripted_client(port, scenario):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    if scenario == "serve":
        writer.write(b"ping\n")
        await reader.readline()
        writer.write_eof()
        await reader.read()
    writer.close()
    await writer.wait_closed()


async def serve(scenario, count):
    finished = asyncio.Queue()

    async def handle(reader, writer):
        await scripted_server(reader, writer, scenario)
        await finished.put(None)

    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    for _ in range(count):
        await finished.get()
    server.close()
    await server.wait_closed()


def recorder_class(kind):
    return {"plain": Plain, "buffered": Buffered}[kind]


async def record(scenario, kind, port):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    _, protocol = await loop.create_connection(lambda: recorder_class(kind)(scenario, done), "127.0.0.1", port)
    await done
    print("\n".join(protocol.trace), flush=True)


async def record_server(scenario, kind):
    loop = asyncio.get_running_loop()
    done = loop.create_future()
    protocols = []

    def factory():
        protocols.append(recorder_class(kind)(scenario, done))
        return protocols[-1]

    server = await loop.create_server(factory, "127.0.0.1", 0)
    print(server.sockets[0].getsockname()[1], flush=True)
    await done
    server.close()
    await server.wait_closed()
    print("\n".join(protocols[0].trace), flush=True)


def main(args):
    command, scenario = args[0], args[1]
    if command == "serve":
        asyncio.run(serve(scenario, int(args[2])))
    elif command == "connect":
        asyncio.run(scripted_client(int(args[2]), scenario))
    elif command == "record":
        asyncio.run(record(scenario, args[2], int(args[3])))
    elif command == "record-server":
        asyncio.run(record_server(scenario, args[2]))
    else:
        raise SystemExit("unknown command " + command)


if __name__ == "__main__":
    main(sys.argv[1:])
