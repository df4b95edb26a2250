"""Saving resources: the one way into the catalog for admin, import and the demo."""

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from . import files, search_index


@transaction.atomic
def save_resource(*, resource, upload=None, subjects=None, collections=None):
    """Validate and save `resource` (a new or changed Resource), with a new file `upload` if given.

    The file is checked by its content and size before it is stored; the search index is updated in the
    same transaction, so a saved resource is searchable at once. Returns the resource.
    """
    _drop_nul_characters(resource)
    if upload is not None:
        resource.file_format = files.check_file(upload, resource.kind)
        resource.file_size = upload.size
        resource.file.save(upload.name, upload, save=False)
    try:
        resource.full_clean(exclude=["file", "cover", "captions", "subjects", "collections"])
    except ValidationError:
        if upload is not None:
            resource.file.delete(save=False)
        raise
    resource.save()
    if subjects is not None:
        resource.subjects.set(subjects)
    if collections is not None:
        resource.collections.set(collections)
    search_index.update(resource)
    return resource


def _drop_nul_characters(resource):
    """NUL never belongs in a catalog text (PostgreSQL refuses it; imports and pasted text can carry it)."""
    for field in resource._meta.concrete_fields:
        if isinstance(field, (models.CharField, models.TextField)):
            value = getattr(resource, field.attname)
            if isinstance(value, str) and "\x00" in value:
                setattr(resource, field.attname, value.replace("\x00", ""))


@transaction.atomic
def withdraw_resource(*, resource):
    """Hide `resource` everywhere; harvesters see it as deleted. Its loans and history are kept."""
    resource.withdrawn_at = timezone.now()
    resource.save(update_fields=["withdrawn_at", "modified_at"])
    search_index.remove(resource.pk)
    return resource
