import os
import subprocess


def backup():
    # ruleid: S026
    os.system("tar czf /backup/site.tgz *")
    # ruleid: S026
    subprocess.run("cd /srv/upload && chown www-data *.jpg", shell=True)
    # ruleid: S026
    os.popen("rsync -a * backup:/srv")
    # ok: S026
    os.system("tar czf /backup/site.tgz ./*")
    # ok: S026
    os.system("ls -l *")
    # ok: S026
    subprocess.run(["chmod", "644", "*"])
    # ok: S026
    subprocess.run("chmod 644 /srv/upload/*", shell=True)


def backup_to(archive, folder):
    # ruleid: S026
    subprocess.run(f"tar -czf {archive} *", shell=True, cwd=folder)
    # ruleid: S026
    os.system("chown %s *" % folder)
    command = "chmod -R g+w {} *".format(folder)
    # ruleid: S026
    os.system(command)
    # ok: S026
    subprocess.run(f"tar -czf {archive} ./*", shell=True, cwd=folder)
    # ok: S026
    os.system(f"tar -czf {archive} {folder}/*")
