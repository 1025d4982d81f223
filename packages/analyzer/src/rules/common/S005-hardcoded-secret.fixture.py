import os

# ruleid: S005
AWS_KEY = "AKIAIOSFODNN7EXAMPLE"
# ruleid: S005
db_password = "s3cr3t-P4ssw0rd!"
# ok: S005
password_prompt = "Enter your password"
# ok: S005
password = os.environ["DB_PASSWORD"]
# ok: S005
token = "changeme"


def connect(client):
    # ruleid: S005
    client.login(api_key="9f8e7d6c5b4a3f2e1d0c")
    # ok: S005
    client.login(api_key=os.environ.get("API_KEY"))


# ruleid: S005
def login(user, password="Admin123"):
    # ruleid: S005
    if password == "root1234":
        return True
    # ok: S005
    compass = "northeast"
    # ok: S005
    password_field = "password"
    # ok: S005
    return connect(user, password="%s")
