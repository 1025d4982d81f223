import asyncio
import time


async def poll():
    # ruleid: P004
    time.sleep(1)
    # ok: P004
    await asyncio.sleep(1)


def sync_poll():
    # ok: P004
    time.sleep(1)
