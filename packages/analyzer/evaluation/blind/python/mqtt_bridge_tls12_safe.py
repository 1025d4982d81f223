# expect: safe
import json
import os
import ssl

import paho.mqtt.client as mqtt

BROKER_HOST = os.environ.get("MQTT_HOST", "broker.plant-floor.example")
BROKER_PORT = int(os.environ.get("MQTT_PORT", "8883"))
CA_FILE = os.environ.get("MQTT_CA_FILE", "/etc/plant/mqtt-ca.pem")
TOPICS = [("sensors/+/temperature", 1), ("sensors/+/vibration", 1)]


def broker_tls_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context(cafile=CA_FILE)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(os.environ["MQTT_CLIENT_CERT"], os.environ["MQTT_CLIENT_KEY"])
    return ctx


def on_connect(client, userdata, flags, rc):
    if rc == 0:
        client.subscribe(TOPICS)


def on_message(client, userdata, msg):
    try:
        reading = json.loads(msg.payload)
    except ValueError:
        return
    userdata["sink"].append({"topic": msg.topic, **reading})


def run_bridge(sink: list) -> None:
    client = mqtt.Client(client_id="plant-bridge", userdata={"sink": sink})
    client.tls_set_context(broker_tls_context())
    client.on_connect = on_connect
    client.on_message = on_message
    client.connect(BROKER_HOST, BROKER_PORT, keepalive=30)
    client.loop_forever()
