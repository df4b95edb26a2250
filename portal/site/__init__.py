"""The site-wide top: pages that gather every app (home, /me/, search; next, recommendations and coverage).

They reach the apps through the apps' card providers (portal.cards). This is the one part of `portal`
that may import a domain app; the rest of `portal` is the base the apps build on.
"""
