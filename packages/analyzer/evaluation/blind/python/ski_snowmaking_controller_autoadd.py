# expect: S025
import logging
import os

import paramiko

log = logging.getLogger(__name__)

SSH_USER = os.environ.get("SNOWMAKING_SSH_USER", "snowops")
SSH_KEY = os.path.expanduser(os.environ.get("SNOWMAKING_SSH_KEY", "~/.ssh/snowmaking_ed25519"))


class SnowGunController:
    def __init__(self, host, port=22):
        self.host = host
        self.port = port
        self._client = paramiko.SSHClient()
        self._client.set_missing_host_key_policy(paramiko.AutoAddPolicy())

    def __enter__(self):
        self._client.connect(
            self.host, port=self.port, username=SSH_USER, key_filename=SSH_KEY, timeout=10
        )
        return self

    def __exit__(self, *exc_info):
        self._client.close()

    def set_output(self, gun_id: int, percent: int) -> str:
        if not 0 <= percent <= 100:
            raise ValueError("output must be between 0 and 100 percent")
        command = f"snowctl set {int(gun_id)} --output {int(percent)}"
        _, stdout, stderr = self._client.exec_command(command, timeout=30)
        if stdout.channel.recv_exit_status() != 0:
            raise RuntimeError(stderr.read().decode().strip())
        log.info("gun %s on %s set to %s%%", gun_id, self.host, percent)
        return stdout.read().decode().strip()


def apply_night_plan(plan):
    for host, guns in plan.items():
        with SnowGunController(host) as ctl:
            for gun_id, percent in guns.items():
                ctl.set_output(gun_id, percent)
