# expect: S019
import os
import shutil
import tarfile
import sys

RELEASES = "/opt/shop/releases"
CURRENT = "/opt/shop/current"


def unpack(archive, version):
    target = os.path.join(RELEASES, version)
    os.makedirs(target, exist_ok=True)
    with tarfile.open(archive) as tar:
        tar.extractall(target, filter="data")
    cache_dir = os.path.join(target, "var", "cache")
    os.makedirs(cache_dir, exist_ok=True)
    os.chmod(cache_dir, 0o777)
    return target


def activate(target):
    tmp_link = CURRENT + ".new"
    if os.path.lexists(tmp_link):
        os.remove(tmp_link)
    os.symlink(target, tmp_link)
    os.replace(tmp_link, CURRENT)
    shutil.rmtree(os.path.join(target, "tests"), ignore_errors=True)


if __name__ == "__main__":
    activate(unpack(sys.argv[1], sys.argv[2]))
