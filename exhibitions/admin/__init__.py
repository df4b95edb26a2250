from . import exhibitions  # noqa: F401
