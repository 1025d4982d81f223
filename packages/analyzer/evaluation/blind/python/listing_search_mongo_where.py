# expect: S034
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
        query["$where"] = f"this.sqft > 0 && this.price / this.sqft <= {max_ppsf}"
    return query


async def search(request: web.Request) -> web.Response:
    query = build_filter(request.rel_url.query)
    cursor = listings.find(query, {"_id": 0, "address": 1, "price": 1, "sqft": 1, "city": 1})
    results = await cursor.sort("price", 1).limit(100).to_list(length=100)
    return web.json_response({"count": len(results), "listings": results})


def create_app() -> web.Application:
    app = web.Application()
    app.router.add_get("/listings", search)
    return app
