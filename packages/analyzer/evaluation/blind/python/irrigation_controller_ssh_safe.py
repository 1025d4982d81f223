# expect: safe
import os

import paramiko

CONTROLLER_PORT = 22


class IrrigationController:
    def __init__(self, host: str):
        self.host = host
        self.client = paramiko.SSHClient()

    def __enter__(self):
        self.client.load_system_host_keys()
        self.client.set_missing_host_key_policy(paramiko.RejectPolicy())
        self.client.connect(
            self.host,
            port=CONTROLLER_PORT,
            username=os.environ["IRRIGATION_USER"],
            key_filename=os.environ["IRRIGATION_KEY_FILE"],
            timeout=15,
        )
        return self

    def __exit__(self, *exc):
        self.client.close()

    def run(self, command: str) -> str:
        _, stdout, stderr = self.client.exec_command(command, timeout=10)
        return (stdout.read() + stderr.read()).decode(errors="replace").strip()

    def set_zone_minutes(self, zone: int, minutes: int) -> str:
        return self.run(f"zone {int(zone)} duration {int(minutes)}")


def apply_schedule(host: str, schedule: dict) -> None:
    with IrrigationController(host) as ctl:
        for zone, minutes in sorted(schedule.items()):
            print(f"zone {zone}: {ctl.set_zone_minutes(zone, minutes)}")
