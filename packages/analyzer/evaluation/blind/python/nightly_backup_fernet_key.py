# expect: S036
import datetime
import subprocess
from pathlib import Path

from cryptography.fernet import Fernet

BACKUP_DIR = Path("/srv/backups/db")
BACKUP_KEY = b"FWcCPOwdWHZJjO7zVNv2vDYQ561n2fSew4oN4VoFanE="


def dump_database() -> bytes:
    result = subprocess.run(
        ["pg_dump", "--format=custom", "--no-owner", "app"],
        check=True,
        capture_output=True,
    )
    return result.stdout


def write_encrypted_backup():
    stamp = datetime.date.today().isoformat()
    target = BACKUP_DIR / f"app-{stamp}.dump.enc"
    token = Fernet(BACKUP_KEY).encrypt(dump_database())
    target.write_bytes(token)
    target.chmod(0o600)
    return target


def restore(path: Path) -> bytes:
    return Fernet(BACKUP_KEY).decrypt(path.read_bytes())


if __name__ == "__main__":
    print(write_encrypted_backup())
