# expect: S036
import json
import os
import time

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

TELEMETRY_KEY = bytes.fromhex("6f1d2a9c4b7e3f8051a2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718")
NONCE_SIZE = 12


class TelemetryPacker:
    def __init__(self, meter_id: str, key: bytes = TELEMETRY_KEY):
        self.meter_id = meter_id
        self._aead = AESGCM(key)

    def pack(self, readings: list) -> bytes:
        payload = json.dumps(
            {"meter": self.meter_id, "ts": int(time.time()), "readings": readings}
        ).encode()
        nonce = os.urandom(NONCE_SIZE)
        return nonce + self._aead.encrypt(nonce, payload, self.meter_id.encode())

    def unpack(self, blob: bytes) -> dict:
        nonce, ciphertext = blob[:NONCE_SIZE], blob[NONCE_SIZE:]
        return json.loads(self._aead.decrypt(nonce, ciphertext, self.meter_id.encode()))


def upload_interval(meter_id, readings, transport):
    packer = TelemetryPacker(meter_id)
    transport.publish(f"meters/{meter_id}/interval", packer.pack(readings))
