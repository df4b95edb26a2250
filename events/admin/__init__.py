"""The events app's admin, one module per area; Django's autodiscovery imports this package."""

from . import evaluations, events, proposals, volunteers  # noqa: F401
