"""Django settings of a project, in a module whose name does not say so."""
import os

ROOT_URLCONF = "shop.urls"
INSTALLED_APPS = ["django.contrib.auth", "shop"]

# ruleid: S010
DEBUG = True
# ok: S010
TEMPLATE_DEBUG = True
if os.environ.get("DJANGO_ENV") == "test":
    # ok: S010
    DEBUG = True
