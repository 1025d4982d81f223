# expect: safe
import datetime
import os
import subprocess
from pathlib import Path

from cryptography.fernet import Fernet

BACKUP_DIR = Path("/srv/backups/db")
BACKUP_KEY_FILE = os.environ.get("BACKUP_KEY_FILE", "/run/secrets/backup_fernet_key")


def backup_cipher() -> Fernet:
    key = os.environ.get("BACKUP_FERNET_KEY") or Path(BACKUP_KEY_FILE).read_text().strip()
    return Fernet(key)


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
    target.write_bytes(backup_cipher().encrypt(dump_database()))
    target.chmod(0o600)
    return target


def restore(path: Path) -> bytes:
    return backup_cipher().decrypt(path.read_bytes())


if __name__ == "__main__":
    print(write_encrypted_backup())
