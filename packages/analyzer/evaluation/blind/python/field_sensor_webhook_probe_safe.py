# expect: safe
from urllib.parse import urlsplit

import requests
from django.conf import settings
from rest_framework import serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.generics import get_object_or_404
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from sensors.models import FieldSensor


class WebhookTestSerializer(serializers.Serializer):
    callback_url = serializers.URLField()
    event = serializers.ChoiceField(choices=["reading", "battery_low", "offline"])

    def validate_callback_url(self, value):
        parts = urlsplit(value)
        if parts.scheme != "https" or parts.hostname not in settings.WEBHOOK_ALLOWED_HOSTS:
            raise serializers.ValidationError("Callback host is not on the approved integrations list.")
        if parts.port not in (None, 443):
            raise serializers.ValidationError("Callbacks must use the default HTTPS port.")
        return value


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
            upstream = requests.post(target, json=sample, timeout=5, allow_redirects=False)
        except requests.RequestException:
            return Response({"delivered": False}, status=status.HTTP_502_BAD_GATEWAY)
        return Response({"delivered": upstream.ok, "status": upstream.status_code})
