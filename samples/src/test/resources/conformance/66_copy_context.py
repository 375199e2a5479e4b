# contextvars with asyncio: copy_context() copies the current context;
# ctx.run(fn) runs fn in ctx, and what fn sets stays in ctx afterwards;
# entering a context that is already entered raises RuntimeError;
# create_task(coro, context=ctx) runs every step of the task in ctx, so
# two tasks given the same context see each other's changes, and ctx
# shows them once they are done; a task created without a context runs
# in a copy of the creator's; call_soon/call_later(..., context=ctx) run
# their callback in ctx.
import asyncio
import contextvars

request = contextvars.ContextVar("request", default="none")
count = contextvars.ContextVar("count")


def show(label):
    print(label, "request =", request.get(), "count =", count.get("unset"))


def entries(ctx):
    return sorted((var.name, value) for var, value in ctx.items())


async def worker(name, steps):
    for i in range(steps):
        count.set(count.get(0) + 1)
        show(f"{name} step {i}:")
        await asyncio.sleep(0)
    return count.get()


async def main():
    request.set("main")
    show("main:")

    ctx = contextvars.copy_context()
    print("copy sees request:", ctx[request], "| len", len(ctx), "| count in ctx:", count in ctx)
    token = ctx.run(request.set, "in ctx")
    print("after ctx.run: main sees", request.get(), "| ctx sees", ctx[request])
    print("token.old_value:", token.old_value)

    def nested():
        ctx.run(show, "nested")

    try:
        ctx.run(nested)
    except RuntimeError as e:
        message = str(e)  # names the context by its address: print around it
        print("RuntimeError:", message[:message.index(":")], "...", message[message.index("is already"):])

    # two tasks sharing one context object
    shared = contextvars.Context()
    a = asyncio.create_task(worker("a", 2), context=shared)
    b = asyncio.create_task(worker("b", 2), context=shared)
    print("results:", await a, await b)
    print("shared:", entries(shared))
    show("main after tasks:")

    # a task without a context runs in a copy of the creator's
    count.set(100)
    c = asyncio.create_task(worker("c", 1))
    count.set(200)
    print("c result:", await c, "| main count:", count.get())

    # a task's changes reach ctx only through the context it was given
    ctx2 = ctx.copy()
    await asyncio.create_task(worker("d", 1), context=ctx2)
    print("ctx:", entries(ctx))
    print("ctx2:", entries(ctx2))

    # callbacks with a context
    loop = asyncio.get_running_loop()
    cb_ctx = contextvars.Context()
    done = loop.create_future()
    loop.call_soon(request.set, "from call_soon", context=cb_ctx)
    loop.call_later(0.01, lambda: show("call_later in cb_ctx:"), context=cb_ctx)
    loop.call_later(0.02, done.set_result, None)
    await done
    print("cb_ctx:", entries(cb_ctx))
    show("main at the end:")


asyncio.run(main())
