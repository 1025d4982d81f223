# expect: S026
import os
import subprocess
import zipfile
from pathlib import Path

from celery import shared_task

UPLOAD_ROOT = Path(os.environ.get("PORTFOLIO_UPLOAD_ROOT", "/srv/portfolio/uploads"))
MEDIA_OWNER = os.environ.get("PORTFOLIO_MEDIA_OWNER", "media:media")


def extract_archive(archive: Path, dest: Path) -> int:
    dest.mkdir(parents=True, exist_ok=True)
    count = 0
    with zipfile.ZipFile(archive) as zf:
        for member in zf.infolist():
            name = os.path.basename(member.filename)
            if not name or member.is_dir():
                continue
            with zf.open(member) as src, open(dest / name, "wb") as out:
                out.write(src.read())
            count += 1
    return count


def fix_ownership(directory: Path) -> None:
    subprocess.run(f"chown {MEDIA_OWNER} *", shell=True, cwd=directory, check=True)


@shared_task
def import_portfolio(user_id: int, archive_path: str) -> int:
    dest = UPLOAD_ROOT / str(int(user_id))
    extracted = extract_archive(Path(archive_path), dest)
    fix_ownership(dest)
    os.remove(archive_path)
    return extracted
