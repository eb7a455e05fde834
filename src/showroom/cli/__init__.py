"""The ``showroom`` command. Every failure the user can fix is one line on stderr and a non-zero exit.
This module builds the Typer app from the command modules (which import nothing from here) and runs it."""

from __future__ import annotations

import logging
import sys

import typer

from showroom.cli import admin, backup, database, experiments, imports, server

app = typer.Typer(
    help="Showroom: the open platform for car dealerships' AI sales agents.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
# Registration order is the order `showroom --help` lists them in.
app.command()(server.serve)
app.command()(server.worker)
app.add_typer(database.db_app, name="db")
app.add_typer(backup.backup_app, name="backup")
app.add_typer(admin.dealership_app, name="dealership")
app.add_typer(admin.user_app, name="user")
app.add_typer(admin.api_key_app, name="api-key")
app.add_typer(imports.import_app, name="import")
app.add_typer(experiments.experiments_app, name="experiments")


def main() -> None:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    logging.getLogger("alembic").setLevel(logging.WARNING)
    try:
        app()
    except KeyboardInterrupt:
        sys.exit(130)
