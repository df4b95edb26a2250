"""What the lending panel of a resource shows a person (filled in by the lending slice)."""


def panel(*, resource, user):
    return {}
