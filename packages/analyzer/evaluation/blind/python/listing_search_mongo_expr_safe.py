# expect: safe
import os

from aiohttp import web
from motor.motor_asyncio import AsyncIOMotorClient

client = AsyncIOMotorClient(os.environ["LISTINGS_MONGO_URI"])
listings = client.realty.listings


def build_filter(params) -> dict:
    query = {"status": "active"}
    city = params.get("city")
    if city:
        query["city"] = str(city)
    max_ppsf = params.get("max_price_per_sqft")
    if max_ppsf:
        limit = float(max_ppsf)
        query["sqft"] = {"$gt": 0}
        query["$expr"] = {"$lte": [{"$divide": ["$price", "$sqft"]}, limit]}
    return query


async def search(request: web.Request) -> web.Response:
    try:
        query = build_filter(request.rel_url.query)
    except ValueError:
        return web.json_response({"error": "max_price_per_sqft must be a number"}, status=400)
    cursor = listings.find(query, {"_id": 0, "address": 1, "price": 1, "sqft": 1, "city": 1})
    results = await cursor.sort("price", 1).limit(100).to_list(length=100)
    return web.json_response({"count": len(results), "listings": results})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/listings", search)
    return app
