"""Vehicle payloads. Money is integer cents everywhere (``price`` 2_499_900 = $24,999.00)."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator, model_validator

from showroom.api.types import WebUrl
from showroom.inventory.vin import VIN_LENGTH, check_vin
from showroom.models.inventory import YEAR_MIN
from showroom.vocabulary import FeedSourceKind, FeedSourceState, InventoryImportStatus, VehicleCondition, VehicleStatus

Cents = Annotated[int, Field(ge=0, le=2_000_000_000, description="Integer cents")]
Text100 = Annotated[str, StringConstraints(min_length=1, max_length=100)]


def _checked_vin(value: object) -> object:
    if isinstance(value, str):
        check = check_vin(value)
        if not check.valid:
            raise ValueError(check.message or "invalid VIN")
        return check.vin
    return value


# A VIN as every payload takes it: trimmed and upper-cased, 17 characters without I, O or Q (``check_vin``); stored
# and compared upper-case, so a VIN typed in lower case still finds its vehicle.
Vin = Annotated[
    str,
    BeforeValidator(_checked_vin),
    Field(min_length=VIN_LENGTH, max_length=VIN_LENGTH, description="17 characters, no I, O or Q (any case)"),
]


def max_model_year() -> int:
    return datetime.now(UTC).year + 2


class VehicleFields(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    stock_number: str | None = Field(default=None, max_length=50)
    trim: str | None = Field(default=None, max_length=100)
    body_style: str | None = Field(default=None, max_length=100)
    exterior_color: str | None = Field(default=None, max_length=100)
    interior_color: str | None = Field(default=None, max_length=100)
    mileage: int | None = Field(default=None, ge=0, le=2_000_000)
    engine: str | None = Field(default=None, max_length=255)
    transmission: str | None = Field(default=None, max_length=100)
    drivetrain: str | None = Field(default=None, max_length=100)
    fuel_type: str | None = Field(default=None, max_length=50)
    fuel_economy: int | None = Field(default=None, ge=0, le=500)
    msrp: Cents | None = None
    sale_price: Cents | None = None
    price: Cents | None = None
    status: VehicleStatus = VehicleStatus.available
    description: str | None = Field(default=None, max_length=20_000)
    features: list[Annotated[str, StringConstraints(max_length=200)]] = Field(default_factory=list, max_length=200)
    category_tags: list[Annotated[str, StringConstraints(max_length=100)]] = Field(default_factory=list, max_length=50)
    images: list[Annotated[WebUrl, StringConstraints(max_length=2000)]] = Field(default_factory=list, max_length=100)
    video_url: Annotated[WebUrl, StringConstraints(max_length=255)] | None = None
    url: Annotated[WebUrl, StringConstraints(max_length=2000)] | None = None


class VehicleCreate(VehicleFields):
    vin: Vin
    make: Text100
    model: Text100
    year: int = Field(ge=YEAR_MIN)
    condition: VehicleCondition = VehicleCondition.new

    @field_validator("year")
    @classmethod
    def _year(cls, value: int) -> int:
        if value > max_model_year():
            raise ValueError(f"year must be at most {max_model_year()}")
        return value


class VehicleUpdate(VehicleFields):
    """Every field optional; absent = unchanged (the service applies only the fields sent). The fields are
    VehicleFields' own, so create and update cannot drift apart. The VIN identifies the unit and does not change."""

    make: Text100 | None = None
    model: Text100 | None = None
    year: int | None = Field(default=None, ge=YEAR_MIN)
    condition: VehicleCondition | None = None
    is_active: bool | None = None

    @model_validator(mode="after")
    def _required_stay_set(self) -> VehicleUpdate:
        for key in ("make", "model", "year", "condition", "is_active"):
            if key in self.model_fields_set and getattr(self, key) is None:
                raise ValueError(f"{key} cannot be null")
        if self.year is not None and self.year > max_model_year():
            raise ValueError(f"year must be at most {max_model_year()}")
        return self


class VehicleOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int
    vin: str
    stock_number: str | None
    year: int
    make: str
    model: str
    trim: str | None
    body_style: str | None
    exterior_color: str | None
    interior_color: str | None
    mileage: int | None
    engine: str | None
    transmission: str | None
    drivetrain: str | None
    fuel_type: str | None
    fuel_economy: int | None
    msrp: int | None
    sale_price: int | None
    price: int | None
    condition: VehicleCondition
    status: VehicleStatus
    certified: bool
    description: str | None
    features: list[str]
    images: list[str]
    url: str | None
    is_active: bool
    last_seen_at: datetime
    created_at: datetime
    updated_at: datetime
    warnings: list[str] = Field(default_factory=list, description="e.g. a failed North American VIN check digit")


class RowProblemOut(BaseModel):
    line: int
    field: str | None
    reason: str


class ImportReportOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    filename: str | None
    full: bool
    rows: int = Field(description="Good rows read")
    added: int
    updated: int
    unchanged: int
    deactivated: int = Field(description="Active units a full feed no longer lists (kept, marked inactive)")
    rejected: int
    rejected_rows: list[RowProblemOut] = Field(description="Up to 1000, with line numbers and reasons")
    warnings: int
    warning_rows: list[RowProblemOut]
    seconds: float


class InventoryImportOut(BaseModel):
    """An import run: stored, then staged in batches by a job, then applied in one transaction."""

    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    status: InventoryImportStatus
    filename: str | None
    full: bool = Field(validation_alias="full_feed")
    source_id: uuid.UUID | None
    size_bytes: int
    rows_done: int = Field(description="Feed rows read so far (good and rejected)")
    rows_total: int = Field(description="Lines of the file after the header: an upper bound of the rows")
    cancel_requested: bool
    error: str | None = Field(description="Why the run failed or stopped; nothing of it was imported")
    report: ImportReportOut | None = Field(description="The import report, once done")
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


def _no_nul(value: object) -> object:
    """PostgreSQL text cannot hold a NUL character: refuse it at the edge (422), not as a database error."""
    if isinstance(value, str) and "\x00" in value:
        raise ValueError("must not contain a NUL character")
    return value


class FeedSourceCreate(BaseModel):
    """A feed fetched on a schedule: an https:// URL, or sftp://user@host[:port]/path with the server's host key."""

    model_config = ConfigDict(extra="forbid")

    no_nul = field_validator("name", "url", "host_key", "password", mode="before")(_no_nul)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    host_key: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)] | None = Field(
        default=None, description="SFTP only: the server's public host key, as `ssh-keyscan` prints it (pinned)"
    )
    password: Annotated[str, StringConstraints(max_length=200)] | None = Field(
        default=None, description="SFTP only: the user's password (never shown again)"
    )
    full: bool = Field(default=True, description="A full feed: units it no longer lists become inactive")
    interval_minutes: int = Field(default=60, ge=5, le=10080, description="How often it is fetched")
    stale_after_hours: int = Field(
        default=48, ge=1, le=8760, description="Admins are warned when the feed has not changed for this long"
    )
    enabled: bool = True


class FeedSourceUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    no_nul = field_validator("name", "url", "host_key", "password", mode="before")(_no_nul)

    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)] | None = None
    url: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)] | None = None
    host_key: Annotated[str, StringConstraints(strip_whitespace=True, max_length=10_000)] | None = None
    password: Annotated[str, StringConstraints(max_length=200)] | None = None
    full: bool | None = None
    interval_minutes: int | None = Field(default=None, ge=5, le=10080)
    stale_after_hours: int | None = Field(default=None, ge=1, le=8760)
    enabled: bool | None = None


class FeedSourceOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: uuid.UUID
    name: str
    kind: FeedSourceKind
    url: str
    host_key: str | None
    has_password: bool
    full: bool = Field(validation_alias="full_feed")
    interval_minutes: int
    stale_after_hours: int
    enabled: bool
    state: FeedSourceState = Field(description="ok, failing (see last_error) or stale (no change for too long)")
    last_error: str | None
    etag: str | None
    last_modified: str | None
    next_run_at: datetime | None
    last_run_at: datetime | None
    last_change_at: datetime | None
    created_at: datetime
