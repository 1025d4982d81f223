# expect: S014
import requests
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from sensors.models import FieldSensor


class WebhookTestSerializer(serializers.Serializer):
    callback_url = serializers.URLField()
    event = serializers.ChoiceField(choices=["reading", "battery_low", "offline"])


class FieldSensorViewSet(viewsets.ViewSet):
    permission_classes = [IsAuthenticated]

    @action(detail=True, methods=["post"], url_path="test-webhook")
    def test_webhook(self, request, pk=None):
        sensor = get_object_or_404(FieldSensor, pk=pk, farm__owner=request.user)
        serializer = WebhookTestSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        target = serializer.validated_data["callback_url"]
        sample = {"sensor": sensor.serial, "event": serializer.validated_data["event"], "soil_moisture": 31.4}
        try:
            upstream = requests.post(target, json=sample, timeout=5)
        except requests.RequestException as exc:
            return Response({"delivered": False, "error": str(exc)}, status=status.HTTP_502_BAD_GATEWAY)
        return Response({"delivered": upstream.ok, "status": upstream.status_code, "body": upstream.text[:500]})
