import pickle
import yaml


def load(blob, text):
    # ruleid: S004
    obj = pickle.loads(blob)
    # ruleid: S004
    conf = yaml.load(text)
    # ruleid: S004
    other = yaml.load(text, Loader=yaml.Loader)
    # ok: S004
    safe = yaml.safe_load(text)
    # ok: S004
    safe2 = yaml.load(text, Loader=yaml.SafeLoader)
    return obj, conf, other, safe, safe2
