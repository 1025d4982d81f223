# expect: S034
from flask import Flask, abort, request
from pymongo import MongoClient

app = Flask(__name__)
accounts = MongoClient("mongodb://db:27017").shop.accounts


@app.post("/api/login")
def login():
    credentials = request.get_json()
    account = accounts.find_one({"email": credentials["email"], "password_hash": credentials["password_hash"]})
    if account is None:
        abort(401)
    return {"id": str(account["_id"])}
