# expect: S019
import csv
import os
from datetime import date
from pathlib import Path

from celery import shared_task

SPOOL_ROOT = Path(os.environ.get("REPORT_SPOOL", "/var/spool/payroll-reports"))


def spool_dir_for(run_date: date) -> Path:
    target = SPOOL_ROOT / run_date.strftime("%Y/%m")
    target.mkdir(parents=True, exist_ok=True)
    os.chmod(target, 0o777)
    return target


def write_rows(path: Path, rows) -> int:
    count = 0
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["employee_id", "gross", "tax", "net"])
        for row in rows:
            writer.writerow([row["employee_id"], row["gross"], row["tax"], row["net"]])
            count += 1
    return count


@shared_task
def export_payroll_run(run_id: int, run_date_iso: str, rows: list) -> str:
    run_date = date.fromisoformat(run_date_iso)
    path = spool_dir_for(run_date) / f"payroll-{run_id}.csv"
    write_rows(path, rows)
    return str(path)
