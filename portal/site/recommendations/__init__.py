"""Recommendations: one ranker across events, library resources, exhibitions and open proposals.

The parts, and who owns which:

- `types.py`: `Pick`, one ranked item as the ranker returns it: language-free and cacheable.
- `ranking.py`: `rank(...)`, the only entry to the ranker (relevance re-ranked for public value).
- `reasons.py`: a pick's reason in the active language.
- `render.py`: picks to `portal.cards.Card`s through the apps' card providers, dropping what is gone.
- `lists.py`, `tasks.py`: precomputed personal lists (the `analytics` queue), served from the cache.

It reads the domains only through their card providers (`portal/cards.py`).
"""
