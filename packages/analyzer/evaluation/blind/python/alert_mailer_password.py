# expect: S005
import smtplib
import ssl
from email.message import EmailMessage

SMTP_HOST = "smtp.office365.com"
SMTP_PORT = 587
SMTP_USER = "alerts@northwind-logistics.com"
SMTP_PASSWORD = "Nw!Alerts#2023-Q4"


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
    send_alert("Disk usage high", "/var is at 92%", ["ops@northwind-logistics.com"])
