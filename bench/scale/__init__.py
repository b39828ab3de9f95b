"""``make bench-scale``: the tracker at demo size and at N cases, on SQLite and PostgreSQL.

Run as ``python -m bench.scale`` from the repository root; settings come from the environment
(see ``settings.py``). Modules: ``databases`` makes and fills each database, ``server`` runs
gunicorn and a small HTTP client, ``measure`` measures one database, ``report`` writes the
Markdown table with the issue's targets.
"""
