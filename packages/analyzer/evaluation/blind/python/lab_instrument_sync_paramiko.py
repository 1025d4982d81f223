# expect: S025
import logging
from pathlib import Path, PurePosixPath

import paramiko

log = logging.getLogger("lims.instrument_sync")


class InstrumentSync:
    def __init__(self, host: str, username: str, key_path: str):
        self.host = host
        self.username = username
        self.key_path = key_path
        self._client = paramiko.SSHClient()
        self._client.set_missing_host_key_policy(paramiko.AutoAddPolicy)

    def _open_sftp(self):
        self._client.connect(self.host, username=self.username, key_filename=self.key_path, timeout=20)
        return self._client.open_sftp()

    def pull_runs(self, remote_dir: str, local_dir: Path) -> int:
        local_dir.mkdir(parents=True, exist_ok=True)
        sftp = self._open_sftp()
        copied = 0
        try:
            for name in sftp.listdir(remote_dir):
                safe_name = PurePosixPath(name).name
                target = local_dir / safe_name
                if safe_name.endswith(".raw") and not target.exists():
                    sftp.get(f"{remote_dir}/{safe_name}", str(target))
                    copied += 1
        finally:
            sftp.close()
            self._client.close()
        log.info("copied %d runs from %s", copied, self.host)
        return copied
