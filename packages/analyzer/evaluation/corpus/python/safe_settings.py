# expect: safe
import os

DATABASE_PASSWORD = os.environ.get("DATABASE_PASSWORD", "")
PASSWORD_MIN_LENGTH = 12
SECRET_KEY_ENV = "SECRET_KEY"
LOGIN_MESSAGE = "Please enter your password"
