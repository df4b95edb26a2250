import os
from collections.abc import Mapping

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")

app = Celery("portal")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()


class DeclaredByApps(Mapping):
    """A Celery setting each app declares on its AppConfig (`beat_schedule`, `task_routes`), as it declares
    `role_permissions`: a new app adds its entries without editing settings.py.

    Read when Celery first uses it, once the apps are loaded (in the worker, beat and web processes alike);
    two apps declaring the same key is a configuration error, not a silent override.
    """

    def __init__(self, attribute):
        self.attribute = attribute
        self._entries = None

    def _gathered(self):
        if self._entries is None:
            from django.apps import apps
            from django.core.exceptions import ImproperlyConfigured

            entries = {}
            for config in apps.get_app_configs():
                for key, value in getattr(config, self.attribute, {}).items():
                    if key in entries:
                        raise ImproperlyConfigured(f"{config.label} declares {self.attribute}[{key!r}] again")
                    entries[key] = value
            self._entries = entries
        return self._entries

    def __getitem__(self, key):
        return self._gathered()[key]

    def __iter__(self):
        return iter(self._gathered())

    def __len__(self):
        return len(self._gathered())

    def __repr__(self):
        return f"DeclaredByApps({self.attribute!r})"
