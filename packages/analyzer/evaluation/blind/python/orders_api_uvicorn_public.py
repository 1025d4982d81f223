# expect: S017
import os

import uvicorn
from fastapi import FastAPI, HTTPException

from orders.repo import get_order, recent_orders

app = FastAPI(title="orders-api")


@app.get("/healthz")
async def healthz():
    return {"status": "ok"}


@app.get("/orders/recent")
async def list_recent(limit: int = 20):
    return await recent_orders(limit=min(limit, 100))


@app.get("/orders/{order_id}")
async def order_detail(order_id: int):
    order = await get_order(order_id)
    if order is None:
        raise HTTPException(status_code=404)
    return order


if __name__ == "__main__":
    uvicorn.run(app, host="0.0.0.0", port=int(os.environ.get("PORT", "8000")))
