# expect: S034
from flask import Flask, jsonify, request
from pymongo import MongoClient

app = Flask(__name__)
db = MongoClient("mongodb://localhost:27017")["shop"]


def cheaper_than(limit, category):
    criteria = {"category": str(category)}
    criteria["$where"] = "this.price * (1 - this.discount) < " + limit
    return list(db.products.find(criteria, {"_id": 0, "name": 1, "price": 1}).limit(50))


@app.route("/products/deals")
def deals():
    max_price = request.args.get("max", "100")
    category = request.args.get("category", "all")
    return jsonify(cheaper_than(max_price, category))
