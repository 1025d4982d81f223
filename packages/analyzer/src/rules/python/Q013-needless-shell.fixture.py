import subprocess


def listing(path):
    # ruleid: Q013
    subprocess.call("ls -l", shell=True)
    # ruleid: Q013
    subprocess.run("uptime", shell=1)
    # ok: Q013
    subprocess.run("ls -l | wc -l", shell=True)
    # ok: Q013
    subprocess.run(["ls", "-l", path])
    # ok: Q013
    subprocess.run("ls -l", shell=False)
