"""Parameter types shared by every route: ids that fit the database's columns, so an out-of-range value is a 422
naming the parameter instead of a database error."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field

INT4_MAX = 2**31 - 1

# An integer primary key (``identity`` columns are int4): for path, query and body ids alike.
DbId = Annotated[int, Field(ge=1, le=INT4_MAX)]
