import os
import stat
from pathlib import Path


def install(path, fd):
    # ruleid: S019
    os.chmod(path, 0o777)
    # ruleid: S019
    os.chmod(path, stat.S_IRWXU | stat.S_IWOTH)
    # ruleid: S019
    os.fchmod(fd, 511)
    # ruleid: S019
    Path(path).chmod(0o666)
    # ok: S019
    os.chmod(path, 0o770)
    # ok: S019
    os.chmod(path, 0o750)
    # ok: S019
    os.chmod(path, stat.S_IRWXU | stat.S_IXGRP | stat.S_IXOTH)
    # ruleid: S019
    os.makedirs(path, mode=0o777, exist_ok=True)
    # ok: S019
    os.makedirs(path, mode=0o755, exist_ok=True)
    # ruleid: S019
    os.open(path, os.O_CREAT | os.O_WRONLY, 0o666)
    # ok: S019
    os.chmod(path, 0o644)
    # ok: S019
    os.chmod(path, stat.S_IRUSR | stat.S_IWUSR)
    # ok: S019
    os.chmod(path, 0o600)
