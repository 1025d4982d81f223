import paramiko
from paramiko import WarningPolicy


def connect(host):
    client = paramiko.SSHClient()
    # ruleid: S025
    client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
    # ruleid: S025
    client.set_missing_host_key_policy(WarningPolicy)
    # ok: S025
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.load_system_host_keys()
    client.connect(host)
    return client
