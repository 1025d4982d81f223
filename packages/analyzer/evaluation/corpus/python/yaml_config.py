# expect: S004
import yaml

def read_config(stream):
    return yaml.load(stream)
