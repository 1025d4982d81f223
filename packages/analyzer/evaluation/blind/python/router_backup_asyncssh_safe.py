# expect: safe
import asyncio
import os
from datetime import datetime
from pathlib import Path

import asyncssh

BACKUP_DIR = Path(os.environ.get("NETCFG_BACKUP_DIR", "/var/backups/netcfg"))
KNOWN_HOSTS = os.environ.get("NETCFG_KNOWN_HOSTS", "/etc/netcfg/known_hosts")
CLIENT_KEY = os.environ.get("NETCFG_KEY", "/etc/netcfg/id_ed25519")


def load_inventory(path: str) -> list:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


async def pull_running_config(host: str, username: str) -> str:
    async with asyncssh.connect(
        host,
        username=username,
        client_keys=[CLIENT_KEY],
        known_hosts=KNOWN_HOSTS,
        connect_timeout=15,
    ) as conn:
        result = await conn.run("show running-config", check=True, timeout=60)
    return result.stdout


async def backup_all(inventory_file: str) -> None:
    username = os.environ["NETCFG_USER"]
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    hosts = load_inventory(inventory_file)
    configs = await asyncio.gather(*(pull_running_config(h, username) for h in hosts))
    for host, config in zip(hosts, configs):
        (BACKUP_DIR / f"{host}-{stamp}.cfg").write_text(config, encoding="utf-8")


if __name__ == "__main__":
    asyncio.run(backup_all(os.environ.get("NETCFG_INVENTORY", "/etc/netcfg/routers.txt")))
