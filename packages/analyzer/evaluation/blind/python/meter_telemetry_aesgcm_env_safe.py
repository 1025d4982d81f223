# expect: safe
import base64
import json
import os
import time

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_SIZE = 12


def load_telemetry_key() -> bytes:
    key = base64.b64decode(os.environ["METER_TELEMETRY_KEY"])
    if len(key) != 32:
        raise RuntimeError("METER_TELEMETRY_KEY must decode to 32 bytes")
    return key


class TelemetryPacker:
    def __init__(self, meter_id: str, key: bytes):
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
    packer = TelemetryPacker(meter_id, load_telemetry_key())
    transport.publish(f"meters/{meter_id}/interval", packer.pack(readings))
