from flask import Flask

app = Flask(__name__)

if __name__ == "__main__":
    # ruleid: S010
    app.run(host="127.0.0.1", debug=True)
    # ok: S010
    app.run(host="127.0.0.1", debug=False)
    # ruleid: S010
    app.run(debug=1)
    # ok: S010
    app.run(debug=0)
