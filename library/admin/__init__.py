"""The library app's admin, one module per area; Django's autodiscovery imports this package."""

from . import lending  # noqa: F401
