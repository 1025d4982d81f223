# expect: safe
import subprocess
import hashlib
import secrets
import yaml

def get_user(conn, username):
    cur = conn.cursor()
    cur.execute("SELECT id FROM users WHERE username = %s", (username,))
    return cur.fetchone()

def list_dir(path):
    return subprocess.run(["ls", "-l", path], check=True, capture_output=True)

def load(stream):
    return yaml.safe_load(stream)

def token():
    return secrets.token_urlsafe(32)

def file_digest(data):
    return hashlib.sha256(data).hexdigest()
