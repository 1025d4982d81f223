# expect: S025
import logging
import os
from pathlib import Path

import paramiko

log = logging.getLogger(__name__)

BANK_HOST = os.environ.get("BANK_SFTP_HOST", "sftp.firstcoastbank.example")
BANK_USER = os.environ.get("BANK_SFTP_USER", "acme-payroll")
KEY_FILE = os.environ.get("BANK_SFTP_KEY", "/etc/payroll/bank_ed25519")
REMOTE_INBOX = "/inbound/ach"


class BankDropbox:
    def __init__(self, host: str = BANK_HOST, username: str = BANK_USER):
        self.host = host
        self.username = username
        self._ssh = paramiko.SSHClient()
        self._ssh.load_system_host_keys()
        self._ssh.set_missing_host_key_policy(paramiko.WarningPolicy())

    def __enter__(self):
        self._ssh.connect(self.host, username=self.username, key_filename=KEY_FILE, timeout=20)
        self.sftp = self._ssh.open_sftp()
        return self

    def __exit__(self, *exc):
        self.sftp.close()
        self._ssh.close()

    def upload(self, local: Path) -> str:
        remote = f"{REMOTE_INBOX}/{local.name}"
        self.sftp.put(str(local), remote + ".part")
        self.sftp.rename(remote + ".part", remote)
        log.info("uploaded %s to %s", local.name, self.host)
        return remote


def submit_ach_batch(batch_file: str) -> str:
    with BankDropbox() as box:
        return box.upload(Path(batch_file))
