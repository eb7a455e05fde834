"""Turning database rows into CSV text: plain cells, and no cell a spreadsheet would run as a formula."""

from __future__ import annotations

import csv
import io
import re
import uuid
from collections.abc import Callable, Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any

# A cell starting with one of these is a formula to Excel, LibreOffice and Google Sheets (CSV injection, OWASP).
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# ...except a number or a phone number, which stays as it is ("+1 312 555 0100", "-12.5").
NUMBER_LIKE = re.compile(r"[+-][\d\s().,-]*")
BOM = "\ufeff"  # Excel reads a CSV as UTF-8 only with it


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, int | float | Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    text = str(value)
    if text.startswith(FORMULA_START) and not NUMBER_LIKE.fullmatch(text):
        return "'" + text
    return text


def safe_text(value: str | None) -> str | None:
    """:func:`cell` for a text column, the only kind that can hold a formula (the hot path: no type tests)."""
    if value and value.startswith(FORMULA_START) and not NUMBER_LIKE.fullmatch(value):
        return "'" + value
    return value


def flag(value: bool | None) -> str | None:
    return None if value is None else "true" if value else "false"


def for_column(kind: type | None) -> Callable[[Any], Any] | None:
    """What a column of values of ``kind`` needs before the CSV writer: text is checked for formulas, booleans are
    spelled like JSON, numbers, UUIDs and timestamps (``2026-12-06 14:45:00+00:00``) are written as they are."""
    if kind is str:
        return safe_text
    if kind is bool:
        return flag
    if kind in (int, float, Decimal, uuid.UUID, datetime, date):
        return None
    return cell


class CsvText:
    """CSV lines written to a buffer and taken out in chunks. ``kinds``: the Python type of each column's values,
    so each column is converted only as it needs (:func:`for_column`); without them every value goes through
    :func:`cell`."""

    def __init__(self, kinds: Sequence[type | None] | None = None) -> None:
        self._buffer = io.StringIO()
        self._writer = csv.writer(self._buffer, lineterminator="\r\n")
        self._converters = None
        if kinds is not None:
            self._converters = [(i, f) for i, f in enumerate(map(for_column, kinds)) if f is not None]

    def header(self, names: Sequence[str]) -> bytes:
        self._writer.writerow(names)
        return (BOM + self._take()).encode()

    def rows(self, rows: Iterable[Sequence[Any]]) -> bytes:
        converters = self._converters
        if converters is None:
            self._writer.writerows([cell(v) for v in row] for row in rows)
            return self._take().encode()
        for row in rows:
            values = list(row)
            for i, convert in converters:
                values[i] = convert(values[i])
            self._writer.writerow(values)
        return self._take().encode()

    def _take(self) -> str:
        text = self._buffer.getvalue()
        self._buffer.seek(0)
        self._buffer.truncate()
        return text
