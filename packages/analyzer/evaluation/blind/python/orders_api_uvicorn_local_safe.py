# expect: safe
import os

import uvicorn
from fastapi import FastAPI, HTTPException

from orders.repo import get_order, recent_orders

app = FastAPI(title="orders-api")
BIND_HOST = os.environ.get("BIND_HOST", "127.0.0.1")


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
    uvicorn.run(app, host=BIND_HOST, port=int(os.environ.get("PORT", "8000")), proxy_headers=True)
