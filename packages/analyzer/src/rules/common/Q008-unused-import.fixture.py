# ruleid: Q008
import os
# ok: Q008
import sys
# ruleid: Q008
from typing import List
# ok: Q008
from json import loads as parse_json

print(sys.argv, parse_json("{}"))
