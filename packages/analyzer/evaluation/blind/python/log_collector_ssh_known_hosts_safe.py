# expect: safe
import os

import paramiko

HOSTS = ["app-01.internal.example.com", "app-02.internal.example.com"]
KEY_FILE = os.path.expanduser("~/.ssh/log_collector_ed25519")
KNOWN_HOSTS = os.environ.get("LOG_COLLECTOR_KNOWN_HOSTS", "/etc/log-collector/known_hosts")
REMOTE_LOG = "/var/log/app/app.log.1.gz"


def fetch_log(host, local_dir):
    client = paramiko.SSHClient()
    client.load_system_host_keys()
    client.load_host_keys(KNOWN_HOSTS)
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(host, username="logcollector", key_filename=KEY_FILE, timeout=15)
    try:
        with client.open_sftp() as sftp:
            local = os.path.join(local_dir, f"{host}.log.gz")
            sftp.get(REMOTE_LOG, local)
            return local
    finally:
        client.close()


def collect_all(local_dir="/srv/logs/incoming"):
    os.makedirs(local_dir, exist_ok=True)
    return [fetch_log(host, local_dir) for host in HOSTS]


if __name__ == "__main__":
    for path in collect_all():
        print(path)
