# SPDX-License-Identifier: Apache-2.0
# Copyright jasyncio contributors
"""CPython's asyncio on the other end of jasyncio's TLS tests.

    tls_peer.py client CAFILE PORT MODE     connects to 127.0.0.1:PORT, trusting CAFILE
    tls_peer.py server CERTFILE KEYFILE MODE  serves one connection on 127.0.0.1, prints "port N" first

Modes: echo (lines sent back until the end of the stream), bulk (10 MB each way at once, with
drain(), checked by SHA-256), starttls (plain "STARTTLS" line, then writer.start_tls), cut (a TLS
record cut short, then the connection closes), silent (TCP only: never a TLS byte). Each side prints
what it saw, one line each, and "done" at the end.
"""
import asyncio
import hashlib
import os
import socket
import ssl
import sys

BULK = 10_000_000


def bulk_payload():
    block = hashlib.sha256(b"jasyncio").digest() * 1024
    return (block * (BULK // len(block) + 1))[:BULK]


def say(*words):
    print(*words, flush=True)


async def send_bulk(writer):
    data = bulk_payload()
    view = memoryview(data)
    for i in range(0, len(data), 65536):
        writer.write(view[i:i + 65536])
        await writer.drain()


async def read_bulk(reader):
    digest = hashlib.sha256()
    total = 0
    while total < BULK:
        chunk = await reader.read(65536)
        if not chunk:
            break
        digest.update(chunk)
        total += len(chunk)
    return total, digest.hexdigest()


def cut_record(sock):
    """Sends the start of an application data record that announces 100 bytes, then closes."""
    raw = socket.socket(fileno=os.dup(sock.fileno()))
    raw.sendall(bytes([23, 3, 3, 0, 100]) + b"x" * 10)
    raw.close()
    sock.close()


async def client(cafile, port, mode):
    context = ssl.create_default_context(cafile=cafile)
    if mode == "silent":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        data = await reader.read()
        say("the server closed after", len(data), "bytes")
        writer.close()
        return
    if mode == "cut":
        sock = socket.create_connection(("127.0.0.1", port))
        tls = context.wrap_socket(sock, server_hostname="127.0.0.1")
        say("handshake done", tls.version())
        tls.sendall(b"whole line\n")
        echo = b""
        while not echo.endswith(b"\n"):
            echo += tls.recv(100)
        say("echo:", echo.decode().strip())
        cut_record(tls)  # after the echo, so that no write of the server's meets the closed socket
        return
    if mode == "starttls":
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        writer.write(b"STARTTLS\n")
        say("plain:", (await reader.readline()).decode().strip())
        await writer.start_tls(context, server_hostname="127.0.0.1")
    else:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=context)
        except ssl.SSLError as failure:
            say("handshake failed:", type(failure).__name__, failure.reason, failure.verify_message if hasattr(failure, "verify_message") else "")
            return
    transport = writer.transport
    say("tls:", transport.get_extra_info("ssl_object").version(), "peer", dict(x[0] for x in transport.get_extra_info("peercert")["subject"])["commonName"])
    if mode == "bulk":
        sender = asyncio.create_task(send_bulk(writer))
        total, digest = await read_bulk(reader)
        await sender
        say("received", total, "bytes", "intact" if digest == hashlib.sha256(bulk_payload()).hexdigest() else "DAMAGED")
    else:
        for line in (b"hello\n", b"over tls\n"):
            writer.write(line)
            await writer.drain()
            say("echo:", (await reader.readline()).decode().strip())
    writer.close()
    await writer.wait_closed()


async def serve_one(certfile, keyfile, mode):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    loop = asyncio.get_running_loop()
    finished = loop.create_future()

    def report(loop, details):
        failure = details.get("exception")
        say("server error:", type(failure).__name__, getattr(failure, "reason", failure))
        if not finished.done():
            finished.set_result(None)

    loop.set_exception_handler(report)
    loop.slow_callback_duration = 60
    loop.set_debug(True)  # asyncio reports a failed handshake of an incoming connection only in debug mode

    async def handle(reader, writer):
        try:
            if mode == "starttls":
                say("plain:", (await reader.readline()).decode().strip())
                writer.write(b"OK\n")
                await writer.drain()
                await writer.start_tls(context)
            if mode == "silent":
                data = await reader.read()
                say("the client closed after", len(data), "bytes")
            elif mode == "bulk":
                sender = asyncio.create_task(send_bulk(writer))
                total, digest = await read_bulk(reader)
                await sender
                say("received", total, "bytes", "intact" if digest == hashlib.sha256(bulk_payload()).hexdigest() else "DAMAGED")
            else:
                while line := await reader.readline():
                    say("line:", line.decode().strip())
                    writer.write(line)
                    await writer.drain()
                say("end of stream")
            writer.close()
            await writer.wait_closed()
        except Exception as failure:
            say("server error:", type(failure).__name__, failure)
        finally:
            if not finished.done():
                finished.set_result(None)

    server = await asyncio.start_server(handle, "127.0.0.1", 0, ssl=None if mode in ("silent", "starttls") else context)
    say("port", server.sockets[0].getsockname()[1])
    await finished
    server.close()
    await server.wait_closed()


def serve_cut(certfile, keyfile):
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(certfile, keyfile)
    with socket.create_server(("127.0.0.1", 0)) as listener:
        say("port", listener.getsockname()[1])
        sock, _ = listener.accept()
        tls = context.wrap_socket(sock, server_side=True)
        say("handshake done", tls.version())
        tls.sendall(b"whole line\n")
        cut_record(tls)


def main(role, *arguments):
    if role == "client":
        cafile, port, mode = arguments
        asyncio.run(client(cafile, int(port), mode))
    elif arguments[2] == "cut":
        serve_cut(*arguments[:2])
    else:
        asyncio.run(serve_one(*arguments))
    say("done")


main(*sys.argv[1:])
