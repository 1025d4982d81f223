# expect: safe
import ftplib
import os
import ssl
from datetime import date
from pathlib import Path

EXPORT_DIR = Path("/var/exports/settlements")


def upload_settlement(report: Path):
    host = os.environ["SETTLEMENT_FTP_HOST"]
    ctx = ssl.create_default_context()
    with ftplib.FTP_TLS(host, context=ctx, timeout=60) as ftp:
        ftp.login(os.environ["SETTLEMENT_FTP_USER"], os.environ["SETTLEMENT_FTP_PASSWORD"])
        ftp.prot_p()
        ftp.cwd("/inbound")
        with report.open("rb") as fh:
            ftp.storbinary(f"STOR {report.name}", fh)
        return ftp.size(report.name)


def main():
    report = EXPORT_DIR / f"settlement-{date.today():%Y%m%d}.csv"
    if not report.exists():
        raise SystemExit(f"missing report {report}")
    size = upload_settlement(report)
    print(f"uploaded {report.name} ({size} bytes)")


if __name__ == "__main__":
    main()
