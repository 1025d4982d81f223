# expect: safe
import os
import smtplib
import ssl
from email.message import EmailMessage

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.office365.com")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))
SMTP_USER = os.environ["SMTP_USER"]
SMTP_PASSWORD = os.environ["SMTP_PASSWORD"]
PASSWORD_ENV_VAR = "SMTP_PASSWORD"
API_KEY_HEADER = "X-Api-Key"


def send_alert(subject, body, recipients):
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = ", ".join(recipients)
    msg["Subject"] = subject
    msg.set_content(body)
    context = ssl.create_default_context()
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT) as smtp:
        smtp.starttls(context=context)
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)


if __name__ == "__main__":
    if PASSWORD_ENV_VAR not in os.environ:
        raise SystemExit("missing credentials")
    send_alert("Disk usage high", "/var is at 92%", ["ops@northwind-logistics.com"])
