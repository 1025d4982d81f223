from fastapi import FastAPI
from flask import Flask
from starlette.applications import Starlette

app = Flask(__name__)
# ruleid: S010
api = Starlette(debug=True, routes=[])
# ok: S010
quiet_api = Starlette(debug=False, routes=[])
# ruleid: S010
fast = FastAPI(title="stations", debug=True)
# ok: S010
fast_default = FastAPI(title="stations")

if __name__ == "__main__":
    # ruleid: S010
    app.run(host="127.0.0.1", debug=True)
    # ok: S010
    app.run(host="127.0.0.1", debug=False)
    # ruleid: S010
    app.run(debug=1)
    # ok: S010
    app.run(debug=0)
