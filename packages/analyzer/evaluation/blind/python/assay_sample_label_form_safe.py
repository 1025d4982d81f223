# expect: safe
import re

from django import forms
from django.core.exceptions import ValidationError

from lims.models import Assay

SAMPLE_LABEL = re.compile(r"[A-Z0-9]+(?:-[A-Z0-9]+)*")


class SampleIntakeForm(forms.Form):
    label = forms.CharField(max_length=64)
    assay = forms.ModelChoiceField(queryset=Assay.objects.filter(active=True))
    volume_ul = forms.DecimalField(min_value=1, max_value=5000, decimal_places=1)
    hazardous = forms.BooleanField(required=False)

    def clean_label(self):
        value = self.cleaned_data["label"].strip().upper()
        if not SAMPLE_LABEL.fullmatch(value):
            raise ValidationError("Labels may contain letters, digits and single dashes.")
        return value

    def clean(self):
        cleaned = super().clean()
        assay = cleaned.get("assay")
        volume = cleaned.get("volume_ul")
        if assay and volume is not None and volume < assay.min_volume_ul:
            self.add_error("volume_ul", f"{assay.name} needs at least {assay.min_volume_ul} uL.")
        return cleaned
