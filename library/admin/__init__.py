from . import catalog  # noqa: F401 - registers the catalog's admins (autodiscovery)
