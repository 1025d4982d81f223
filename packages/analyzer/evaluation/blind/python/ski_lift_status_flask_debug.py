# expect: S010
import os

from flask import Flask, abort, jsonify

from .lifts import LiftRegistry


def create_app():
    app = Flask(__name__)
    app.config["SECRET_KEY"] = os.environ["LIFT_STATUS_SECRET"]
    registry = LiftRegistry.from_env()

    @app.get("/api/lifts")
    def list_lifts():
        return jsonify([lift.to_dict() for lift in registry.all()])

    @app.get("/api/lifts/<lift_id>")
    def lift_detail(lift_id):
        lift = registry.get(lift_id)
        if lift is None:
            abort(404)
        return jsonify({**lift.to_dict(), "wait_minutes": lift.estimated_wait()})

    @app.get("/healthz")
    def health():
        return {"ok": True, "lifts": len(registry)}

    return app


app = create_app()

if __name__ == "__main__":
    app.run(port=int(os.environ.get("PORT", "8080")), debug=True)
