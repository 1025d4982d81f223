# expect: S021
import os
import telnetlib
from datetime import datetime
from pathlib import Path

BACKUP_DIR = Path(os.environ.get("NETCFG_BACKUP_DIR", "/var/backups/netcfg"))
PROMPT = b"#"


def load_inventory(path: str) -> list:
    with open(path, encoding="utf-8") as fh:
        return [line.strip() for line in fh if line.strip() and not line.startswith("#")]


def pull_running_config(host: str, username: str, password: str, timeout: int = 15) -> str:
    with telnetlib.Telnet(host, 23, timeout=timeout) as tn:
        tn.read_until(b"Username: ", timeout)
        tn.write(username.encode("ascii") + b"\n")
        tn.read_until(b"Password: ", timeout)
        tn.write(password.encode("ascii") + b"\n")
        tn.read_until(PROMPT, timeout)
        tn.write(b"terminal length 0\n")
        tn.read_until(PROMPT, timeout)
        tn.write(b"show running-config\n")
        output = tn.read_until(b"end\r\n", timeout * 4)
        tn.write(b"exit\n")
    return output.decode("ascii", errors="replace")


def backup_all(inventory_file: str) -> None:
    username = os.environ["NETCFG_USER"]
    password = os.environ["NETCFG_PASSWORD"]
    stamp = datetime.now().strftime("%Y%m%d-%H%M")
    BACKUP_DIR.mkdir(parents=True, exist_ok=True)
    for host in load_inventory(inventory_file):
        config = pull_running_config(host, username, password)
        (BACKUP_DIR / f"{host}-{stamp}.cfg").write_text(config, encoding="utf-8")


if __name__ == "__main__":
    backup_all(os.environ.get("NETCFG_INVENTORY", "/etc/netcfg/routers.txt"))
