# expect: safe
import json

import yaml
from fastapi import FastAPI, File, HTTPException, UploadFile

app = FastAPI()

DEFAULTS_PATH = "/etc/pipeline/defaults.yaml"


def load_defaults():
    with open(DEFAULTS_PATH) as fh:
        return yaml.load(fh, Loader=yaml.SafeLoader)


@app.post("/pipelines/validate")
async def validate_pipeline(spec: UploadFile = File(...)):
    raw = await spec.read()
    if spec.filename.endswith(".json"):
        doc = json.loads(raw)
    else:
        try:
            doc = yaml.safe_load(raw)
        except yaml.YAMLError as exc:
            raise HTTPException(status_code=400, detail=str(exc))
    merged = {**load_defaults(), **(doc or {})}
    return {"stages": list(merged.get("stages", [])), "valid": True}
