# expect: safe
import os

from flask import Flask, jsonify

from inventory.db import init_db, list_items, low_stock


class ProductionConfig:
    DEBUG = False
    TESTING = False
    PROPAGATE_EXCEPTIONS = False


def create_app(config=ProductionConfig):
    app = Flask(__name__)
    app.config.from_object(config)
    app.config["SECRET_KEY"] = os.environ["SECRET_KEY"]
    app.config["DATABASE_URL"] = os.environ.get("DATABASE_URL", "sqlite:///inventory.db")
    init_db(app)

    @app.get("/api/items")
    def items():
        return jsonify(list_items())

    @app.get("/api/items/low-stock")
    def items_low_stock():
        return jsonify(low_stock(threshold=5))

    return app


app = create_app()

if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", 5000)))
