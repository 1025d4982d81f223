# ruleid: S021
import telnetlib
# ruleid: S021
from ftplib import FTP
# ok: S021
from ftplib import FTP_TLS


def connect(host):
    # ruleid: S021
    session = telnetlib.Telnet(host)
    # ruleid: S021
    ftp = FTP(host)
    # ok: S021
    secure = FTP_TLS(host)
    secure.prot_p()
    return session, ftp, secure
