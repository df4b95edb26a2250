"""{{ phone|masked_phone }}: phone numbers as the desk shows them (portal.residents.mask_phone)."""

from django import template

from portal.residents import mask_phone

register = template.Library()


@register.filter
def masked_phone(phone):
    return mask_phone(phone)
