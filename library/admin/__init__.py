"""The library app's admin, one module per area; Django's autodiscovery imports this package."""

from . import catalog, lending  # noqa: F401 - registers the catalog's and lending's admins (autodiscovery)
