"""The pure conversation logic: understanding, composing, guardrails, escalation rules, dossier text, insight
extraction and reply suggestions.

Purity rule: modules here import only the standard library, pure third-party libraries and `showroom.brain.*`;
never a database, ORM (sqlalchemy), psycopg or HTTP (httpx, fastapi, starlette) library, nor `showroom.db`,
`showroom.models`, `showroom.services`, `showroom.settings` or any other showroom package. Callers turn rows into
the plain views of `brain.types` and call in; everything here is deterministic and tested without a database.
"""
