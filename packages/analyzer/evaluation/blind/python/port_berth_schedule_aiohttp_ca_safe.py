# expect: safe
import asyncio
import os
import ssl

import aiohttp

TERMINAL_API = os.environ.get("TERMINAL_API", "https://tos.harbor-authority.example/api")
TIMEOUT = aiohttp.ClientTimeout(total=15)


async def fetch_berth_schedule(session, terminal):
    async with session.get(f"{TERMINAL_API}/terminals/{terminal}/berths") as resp:
        resp.raise_for_status()
        return await resp.json()


async def main(terminals):
    tls = ssl.create_default_context(cafile=os.environ.get("HARBOR_CA_BUNDLE"))
    connector = aiohttp.TCPConnector(ssl=tls, limit=4)
    headers = {"Authorization": f"Bearer {os.environ['TOS_API_TOKEN']}"}
    async with aiohttp.ClientSession(
        connector=connector, headers=headers, timeout=TIMEOUT
    ) as session:
        schedules = await asyncio.gather(
            *(fetch_berth_schedule(session, t) for t in terminals)
        )
    for terminal, schedule in zip(terminals, schedules):
        for call in schedule.get("calls", []):
            print(f"{terminal} berth {call['berth']}: {call['vessel']} ETA {call['eta']}")


if __name__ == "__main__":
    asyncio.run(main(os.environ.get("TERMINALS", "T1,T2,T5").split(",")))
