"""``showroom backup create [FILE]`` / ``showroom backup restore FILE`` (``showroom.ops.backup``)."""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated

import typer

from showroom.cli.common import fail, friendly, load_settings
from showroom.db import embedded

backup_app = typer.Typer(
    help="Backups: a consistent dump with a manifest, and its checked restore.", no_args_is_help=True
)


class Bar:
    """A progress bar on stderr when it is a terminal (nothing otherwise), fed (done, total, table) by the backup."""

    WIDTH = 30

    def __init__(self, label: str) -> None:
        self.label = label
        self.live = sys.stderr.isatty()
        self.drawn = False

    def __call__(self, done: int, total: int, table: str) -> None:
        if not self.live:
            return
        share = min(1.0, done / total) if total else 1.0
        filled = int(share * self.WIDTH)
        line = f"\r{self.label} [{'#' * filled}{'-' * (self.WIDTH - filled)}] {share:4.0%} {table[:40]:<40}"
        sys.stderr.write(line)
        sys.stderr.flush()
        self.drawn = True

    def close(self) -> None:
        if self.drawn:
            sys.stderr.write("\n")
            self.drawn = False


def _mib(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MiB"


@backup_app.command("create")
@friendly
def create(
    file: Annotated[
        Path | None,
        typer.Argument(help="Where to write it (default: showroom-<UTC time>.backup here); must not exist."),
    ] = None,
) -> None:
    """Write a consistent, compressed dump of the database (embedded or DATABASE_URL) with its manifest: row counts
    and checksums per table, grants, row-level security. Nothing is left under FILE if it fails."""
    from showroom.db import migrate  # lazy: pulls in alembic and the models; keeps `showroom --help` fast
    from showroom.ops import backup

    settings = load_settings()
    path = file or Path(f"showroom-{datetime.now(UTC).strftime('%Y%m%dT%H%M%SZ')}.backup")
    bar = Bar("dumping")
    started = time.monotonic()
    try:
        result = backup.create(migrate.resolve(settings), path.absolute(), bar)
    finally:
        bar.close()
        embedded.stop()
    m = result.manifest
    typer.echo(
        f"wrote {path}: {len(m.tables)} tables, {m.total_rows} rows, {_mib(path.stat().st_size)}, "
        f"migration {m.revision}, in {time.monotonic() - started:.1f} s"
    )


@backup_app.command("restore")
@friendly
def restore(file: Annotated[Path, typer.Argument(help="A file written by `showroom backup create`.")]) -> None:
    """Restore a backup into an empty database (embedded or DATABASE_URL), creating the roles it needs, then check
    every table's rows and checksum, the grants and row-level security against the manifest, and the schema."""
    from showroom.db import migrate  # lazy: pulls in alembic and the models; keeps `showroom --help` fast
    from showroom.ops import backup

    settings = load_settings()
    bar = Bar("restoring")
    started = time.monotonic()
    try:
        manifest = backup.verify_file(file)  # before touching (or even starting) a database
        topo = migrate.resolve(settings)
        result = backup.restore(
            topo, settings.secret_key.get_secret_value(), file, embedded=settings.embedded, progress=bar
        )
        bar.close()
        problems = result.problems + migrate.check(settings, topo)
    finally:
        bar.close()
        embedded.stop()
    for line in problems:
        typer.echo(line)
    if problems:
        fail(f"restored, but {len(problems)} check(s) failed")
    typer.echo(
        f"restored {file}: {len(manifest.tables)} tables, {manifest.total_rows} rows, migration {manifest.revision}, "
        f"in {time.monotonic() - started:.1f} s; every table matches the manifest, grants and row-level security "
        "in place, schema check clean"
    )
