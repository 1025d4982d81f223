# expect: safe
import asyncio
import re
import subprocess

import tornado.web

FIRMWARE_DIR = "/opt/firmware/releases"
BOARDS = {"sprinkler-v2": "esp32", "soil-probe": "esp32c3", "gate-relay": "esp8266"}
VERSION_RE = re.compile(r"\d+\.\d+\.\d+")
PORT_RE = re.compile(r"/dev/tty(USB|ACM)\d{1,2}")


def build_flash_command(board: str, port: str, version: str) -> list[str]:
    image = f"{FIRMWARE_DIR}/{board}/{version}/firmware.bin"
    return ["esptool.py", "--chip", BOARDS[board], "--port", port, "--baud", "460800", "write_flash", "0x10000", image]


class FlashHandler(tornado.web.RequestHandler):
    async def post(self):
        board = self.get_body_argument("board")
        port = self.get_body_argument("port", "/dev/ttyUSB0")
        version = self.get_body_argument("version")
        if board not in BOARDS or not VERSION_RE.fullmatch(version):
            raise tornado.web.HTTPError(400, reason="unknown board or version")
        if not PORT_RE.fullmatch(port):
            raise tornado.web.HTTPError(400, reason="unsupported serial port")
        argv = build_flash_command(board, port, version)
        loop = asyncio.get_running_loop()
        result = await loop.run_in_executor(
            None, lambda: subprocess.run(argv, capture_output=True, text=True, timeout=300)
        )
        if result.returncode != 0:
            self.set_status(500)
            self.write({"ok": False, "log": result.stderr[-2000:]})
            return
        self.write({"ok": True, "board": board, "version": version, "log": result.stdout[-2000:]})
