import asyncio
import datetime
import os
import shlex
import subprocess

import paramiko

LOG_DIR = "/var/log"


def handler(filename, host):
    # ruleid: S002
    os.system("ls " + filename)
    # ruleid: S002
    subprocess.run(f"ping -c 1 {host}", shell=True)
    # ruleid: S002
    subprocess.Popen("nslookup " + host, shell=1)
    # ruleid: S002
    subprocess.call("dig " + host, shell="yes")
    # ok: S002
    subprocess.call("ls -l", shell=True)
    # ok: S002
    subprocess.run(["ping", "-c", "1", host])
    # ok: S002
    os.system("uptime")
    # ok: S002
    subprocess.run(["ls", filename], shell=False)
    # ok: S002
    subprocess.run("ls " + filename, shell=0)


def constant_commands():
    command = "df -h " + LOG_DIR
    listing = f"ls -l {LOG_DIR}"
    # ok: S002
    os.system(command)
    # ok: S002
    subprocess.run(listing, shell=True)


def remote(client, user_command):
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    # ruleid: S002
    client.exec_command(user_command)
    # ok: S002
    client.exec_command("uptime")


def archive(path, label):
    # ok: S002
    subprocess.run("gzip -k " + shlex.quote(path), shell=True)
    # ok: S002
    os.system(f"tar -czf /backups/{shlex.quote(label)}.tgz {shlex.quote(path)}")
    quoted = "du -sh %s" % shlex.quote(path)
    # ok: S002
    os.system(quoted)
    # ruleid: S002
    os.system("gzip -k " + shlex.quote(path) + " " + label)


def nightly_dump(database):
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d")
    target = os.path.join("/srv/backups", f"db-{stamp}.sql.gz")
    # ok: S002
    subprocess.run(f"pg_dumpall | gzip > {target}", shell=True, check=True)
    named = os.path.join("/srv/backups", f"{database}-{stamp}.sql.gz")
    # ruleid: S002
    subprocess.run(f"pg_dump {database} | gzip > {named}", shell=True, check=True)


async def dig(domain):
    # ruleid: S002
    proc = await asyncio.create_subprocess_shell(f"dig +short {domain}")
    # ok: S002
    await asyncio.create_subprocess_exec("dig", "+short", domain)
    return proc


MEDIA_OWNER = os.environ.get("MEDIA_OWNER", "media:media")


def fix_ownership(directory, owner):
    # ok: S002
    subprocess.run(f"chown -R {MEDIA_OWNER} {shlex.quote(directory)}", shell=True, check=True)
    # ruleid: S002
    subprocess.run(f"chown -R {owner} {shlex.quote(directory)}", shell=True, check=True)
