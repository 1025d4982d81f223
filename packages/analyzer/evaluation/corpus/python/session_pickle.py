# expect: S004
import base64
import pickle

def load_session(cookie):
    return pickle.loads(base64.b64decode(cookie))
