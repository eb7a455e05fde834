"""Shared list-endpoint plumbing: the ``sort`` parameter (``field`` or ``-field``) over whitelisted keys."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy.sql.elements import SQLColumnExpression

from showroom.api.pagination import SortKey
from showroom.errors import ValidationFailed


def sort_key(sort: str, allowed: Mapping[str, SQLColumnExpression[Any]]) -> SortKey:
    descending = sort.startswith("-")
    name = sort.lstrip("-")
    if name not in allowed:
        options = ", ".join(f"{k} / -{k}" for k in allowed)
        raise ValidationFailed(f"cannot sort by {name!r}; use one of: {options}", field="sort")
    return SortKey(allowed[name], descending=descending)
