from flask import g, request
from pymongo import MongoClient

users = MongoClient().app.users


def login():
    body = request.get_json()
    # ruleid: S034
    user = users.find_one({"username": body["username"], "password": body["password"]})
    # ruleid: S034
    found = users.find(request.json)
    # ruleid: S034
    scripted = users.find({"$where": "this.name == '%s'" % request.args["name"]})
    # ok: S034
    safe = users.find_one({"username": str(body["username"])})
    # ok: S034
    by_name = users.find_one({"username": request.args["username"]})
    return user, found, scripted, safe, by_name


def cheaper_than(products, limit, category):
    criteria = {"category": str(category)}
    criteria["$where"] = "this.price < " + limit
    # ruleid: S034
    deals = products.find(criteria)
    fixed = {"category": str(category)}
    fixed["$where"] = "this.price < this.list_price"
    # ok: S034
    return deals, products.find(fixed)


def find_guest_order(orders, number):
    # ruleid: S034
    return orders.find_one({"number": number, "guest": True})


def lookup_order(orders):
    body = request.get_json(silent=True) or {}
    number = body.get("number")
    order = find_guest_order(orders, number)
    if not isinstance(number, str):
        abort(400)
    # ok: S034
    return order, orders.find_one({"number": number})


def price_filter(params):
    query = {"status": "active"}
    limit = params.get("max_price")
    if limit:
        query["$where"] = f"this.price <= {limit}"
    return query


def status_filter(params):
    query = {"status": "active"}
    query["$where"] = "this.price <= this.list_price"
    return query


def search(listings):
    # ruleid: S034
    cheap = listings.find(price_filter(request.args))
    query = status_filter(request.args)
    # ok: S034
    active = listings.find(query)
    options = {"limit": 10}
    # ok: S034
    options.update(request.json)
    return cheap, active, options


def merged_filter(owner, criteria):
    query = {"owner": owner}
    query.update(criteria)
    return query


def search_merged(lots):
    body = request.get_json(silent=True) or {}
    query = merged_filter(g.user_id, body.get("criteria") or {})
    # ruleid: S034
    found = lots.find(query)
    fixed = {"owner": g.user_id}
    fixed.update({"status": "active"})
    # ok: S034
    active = lots.find(fixed)
    return found, active
