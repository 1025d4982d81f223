# expect: S025
import os

import paramiko

HOSTS = ["db1.internal", "db2.internal"]
KEY_PATH = os.path.expanduser("~/.ssh/backup_ed25519")


def run_backup(host):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    client.connect(host, username="backup", key_filename=KEY_PATH, timeout=15)
    try:
        _, stdout, stderr = client.exec_command("/usr/local/bin/pg-backup --compress")
        code = stdout.channel.recv_exit_status()
        if code != 0:
            raise RuntimeError(stderr.read().decode())
        return stdout.read().decode().strip()
    finally:
        client.close()


if __name__ == "__main__":
    for h in HOSTS:
        print(h, run_backup(h))
