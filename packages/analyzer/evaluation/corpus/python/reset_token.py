# expect: S008
import random
import string

def new_password_reset_token():
    return "".join(random.choices(string.ascii_letters + string.digits, k=24))
