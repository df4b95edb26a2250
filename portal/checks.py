"""Deployment checks of the portal's own settings (`manage.py check --deploy`)."""

import os

from django.core.checks import Warning, register


@register(deploy=True)
def identifier_domain_is_chosen(app_configs, **kwargs):
    if os.environ.get("IDENTIFIER_DOMAIN", "").strip():
        return []
    return [
        Warning(
            "IDENTIFIER_DOMAIN is not set, so calendar UIDs use SITE_URL's host.",
            hint="Set IDENTIFIER_DOMAIN to the site's domain once and keep it when SITE_URL changes; "
            "otherwise every calendar entry residents subscribed to is duplicated after a move.",
            id="portal.W001",
        )
    ]
