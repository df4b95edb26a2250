"""The search index of resources, written in the transaction that saves one (see library.selectors.search).

Filled in by the search slice; until then saving a resource indexes nothing.
"""


def update(resource):
    pass


def remove(resource_id):
    pass
