# expect: S026
import datetime
import os
import subprocess

UPLOAD_ROOT = "/srv/app/media/uploads"
BACKUP_DIR = "/srv/backups/media"
KEEP = 14


def backup_uploads():
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    archive = os.path.join(BACKUP_DIR, f"uploads-{stamp}.tar.gz")
    subprocess.run(f"tar -czf {archive} *", shell=True, cwd=UPLOAD_ROOT, check=True)
    return archive


def prune_old_backups():
    archives = sorted(
        name for name in os.listdir(BACKUP_DIR)
        if name.startswith("uploads-") and name.endswith(".tar.gz")
    )
    for name in archives[:-KEEP]:
        os.remove(os.path.join(BACKUP_DIR, name))


if __name__ == "__main__":
    print(backup_uploads())
    prune_old_backups()
