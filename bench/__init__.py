"""`make bench`: the portal's speed and weight, measured on a 10,000-exhibitor edition.

``python -m bench`` prepares the database (migrations, static files, the seeded scale
edition), serves the portal under gunicorn with production settings on 127.0.0.1,
measures it with wrk, Django's query capture, Chromium and Lighthouse, and writes one
Markdown table, each figure beside its budget, to ``bench-results/latest.md``.
``docs/performance.md`` explains each number.
"""
