# expect: safe
import os
import subprocess
import tempfile

from celery import shared_task

PRINTER = os.environ.get("LABEL_PRINTER", "zebra-dock-3")

ZPL_TEMPLATE = """^XA
^FO40,40^A0N,40,40^FD{name}^FS
^FO40,100^A0N,30,30^FD{street}^FS
^FO40,140^A0N,30,30^FD{city} {postcode}^FS
^FO40,220^BCN,100,Y,N,N^FD{tracking}^FS
^XZ
"""


def render_label(shipment: dict) -> str:
    clean = {k: str(v).replace("^", " ").replace("~", " ") for k, v in shipment.items()}
    return ZPL_TEMPLATE.format(**clean)


@shared_task(bind=True, max_retries=3, default_retry_delay=20)
def print_shipping_label(self, shipment: dict) -> int:
    prefix = f"label-{int(shipment['order_id'])}-"
    with tempfile.NamedTemporaryFile("w", prefix=prefix, suffix=".zpl", encoding="ascii",
                                     errors="replace") as fh:
        fh.write(render_label(shipment))
        fh.flush()
        try:
            subprocess.run(["lp", "-d", PRINTER, "-o", "raw", fh.name], check=True, timeout=30)
        except subprocess.CalledProcessError as exc:
            raise self.retry(exc=exc)
    return int(shipment["order_id"])
