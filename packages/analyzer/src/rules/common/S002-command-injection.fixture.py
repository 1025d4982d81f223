import os
import subprocess


def handler(filename, host):
    # ruleid: S002
    os.system("ls " + filename)
    # ruleid: S002
    subprocess.run(f"ping -c 1 {host}", shell=True)
    # ruleid: S002
    subprocess.call("ls -l", shell=True)
    # ok: S002
    subprocess.run(["ping", "-c", "1", host])
    # ok: S002
    os.system("uptime")
    # ok: S002
    subprocess.run(["ls", filename], shell=False)
