# expect: S021
import os
import telnetlib

CONTROLLER_PORT = 23
PROMPT = b"IRR> "


class IrrigationController:
    def __init__(self, host: str):
        self.host = host
        self.conn = None

    def __enter__(self):
        self.conn = telnetlib.Telnet(self.host, CONTROLLER_PORT, timeout=15)
        self.conn.read_until(b"login: ")
        self.conn.write(os.environ["IRRIGATION_USER"].encode() + b"\n")
        self.conn.read_until(b"Password: ")
        self.conn.write(os.environ["IRRIGATION_PASSWORD"].encode() + b"\n")
        self.conn.read_until(PROMPT, timeout=10)
        return self

    def __exit__(self, *exc):
        self.conn.write(b"exit\n")
        self.conn.close()

    def run(self, command: str) -> str:
        self.conn.write(command.encode() + b"\n")
        output = self.conn.read_until(PROMPT, timeout=10).decode(errors="replace")
        return output.removesuffix(PROMPT.decode()).strip()

    def set_zone_minutes(self, zone: int, minutes: int) -> str:
        return self.run(f"zone {int(zone)} duration {int(minutes)}")


def apply_schedule(host: str, schedule: dict) -> None:
    with IrrigationController(host) as ctl:
        for zone, minutes in sorted(schedule.items()):
            print(f"zone {zone}: {ctl.set_zone_minutes(zone, minutes)}")
