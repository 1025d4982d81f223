# expect: safe
import logging
import subprocess
from datetime import date
from pathlib import Path

log = logging.getLogger("photodesk.archive")

INCOMING = Path("/srv/photodesk/incoming")
ARCHIVE_HOST = "archive.newsroom.internal"
DESKS = ("metro", "sports", "politics", "features")


def archive_desk(desk: str, day: date) -> bool:
    day_dir = INCOMING / desk / day.isoformat()
    if not day_dir.is_dir():
        log.info("nothing to archive for %s on %s", desk, day)
        return True
    files = sorted(str(p) for pattern in ("*.jpg", "*.cr3") for p in day_dir.glob(pattern))
    if not files:
        return True
    dest = f"{ARCHIVE_HOST}:/archive/{desk}/{day:%Y/%m}/"
    result = subprocess.run(
        ["rsync", "-a", "--remove-source-files", "--", *files, dest],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0:
        log.error("rsync failed for %s: %s", desk, result.stderr.strip())
        return False
    return True


def nightly() -> None:
    today = date.today()
    failed = [desk for desk in DESKS if not archive_desk(desk, today)]
    if failed:
        raise SystemExit(f"archive failed for: {', '.join(failed)}")
