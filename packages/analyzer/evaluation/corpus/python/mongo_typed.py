# expect: safe
from flask import Flask, abort, request
from pymongo import MongoClient

app = Flask(__name__)
accounts = MongoClient("mongodb://db:27017").shop.accounts


@app.get("/api/accounts")
def by_email():
    account = accounts.find_one({"email": str(request.get_json()["email"])})
    if account is None:
        abort(404)
    recent = accounts.find({"active": True}).limit(int(request.args.get("limit", 10)))
    return {"id": str(account["_id"]), "recent": [str(a["_id"]) for a in recent]}
