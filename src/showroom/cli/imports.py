"""``showroom import``: ADF leads and inventory feeds from files, written as the tenant's service role (RLS)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from showroom.cli.common import friendly, with_tenant
from showroom.errors import ShowroomError
from showroom.settings import Settings

import_app = typer.Typer(help="Import leads and inventory from files.", no_args_is_help=True)

ADF_SUFFIXES = {
    ".xml": "application/xml",
    ".adf": "application/xml",
    ".eml": "message/rfc822",
    ".txt": "text/plain",
    ".html": "text/html",
    ".htm": "text/html",
}


def adf_files(paths: list[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ADF_SUFFIXES)
        elif path.is_file():
            files.append(path)
        else:
            raise ShowroomError(f"{path}: no such file or directory")
    if not files:
        raise ShowroomError("no ADF files found (looked for .xml, .adf, .eml, .txt, .html)")
    return files


@import_app.command("adf")
@friendly
def import_adf(
    paths: Annotated[list[Path], typer.Argument(help="ADF files (.xml/.adf), e-mails (.eml) or directories.")],
    dealership: Annotated[
        str | None, typer.Option(help="Subdomain to file them under; default: by ADF vendor.")
    ] = None,
) -> None:
    """Import ADF/XML leads from files: each is deduplicated like an HTTP lead; a summary per file."""
    # lazy: the intake pulls in the lead services and models; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.db.tenancy import acting_for
    from showroom.leads.adf_intake import process_payload

    files = adf_files(paths)

    async def work(db: Any, dealership_id: int | None, settings: Settings) -> list[tuple[Path, list[Any]]]:
        results = []
        with typer.progressbar(files, label="Importing", file=sys.stderr, show_pos=True) as bar:
            for path in bar:
                async with db.session() as session, session.begin(), acting_for(session, dealership_id):
                    outcomes = await process_payload(
                        session,
                        path.read_bytes(),
                        actor=CLI,
                        content_type=ADF_SUFFIXES.get(path.suffix.lower()),
                        dealership_id=dealership_id,
                        channel="cli",
                    )
                results.append((path, outcomes))
        return results

    counts = {"lead": 0, "duplicate": 0, "resend": 0, "rejected": 0}
    for path, outcomes in with_tenant(dealership, work):
        several = len(outcomes) > 1
        for outcome in outcomes:
            counts[outcome.outcome] += 1
            where = f"{path} prospect {outcome.prospect}" if several else str(path)
            if outcome.document > 1:
                where = f"{path} document {outcome.document} prospect {outcome.prospect}"
            kept = f" (kept as dead letter {outcome.dead_letter_id})" if outcome.dead_letter_id else ""
            typer.echo(f"{where}: {outcome.outcome}: {outcome.why}{kept}")
        if several:
            tally = {kind: sum(o.outcome == kind for o in outcomes) for kind in counts}
            typer.echo(f"{path}: {len(outcomes)} prospects: " + ", ".join(f"{n} {k}" for k, n in tally.items() if n))
    typer.echo(
        f"{len(files)} file(s): {counts['lead']} created, {counts['duplicate']} duplicate, "
        f"{counts['resend']} resent, {counts['rejected']} rejected"
    )
    if counts["rejected"]:
        raise typer.Exit(1)


@import_app.command("inventory")
@friendly
def import_inventory(
    path: Annotated[Path, typer.Argument(help="The feed: CSV or TSV with a header row.")],
    dealership: Annotated[str, typer.Option(help="Subdomain of the dealership.")],
    partial: Annotated[
        bool,
        typer.Option("--partial", help="Keep units the feed does not list (default: a full feed marks them inactive)."),
    ] = False,
) -> None:
    """Import an inventory feed: upsert by VIN, report added/updated/unchanged/deactivated and rejected rows."""
    # lazy: the feed parser and importer pull in the inventory services and models; keeps `showroom --help` fast
    from showroom.audit.service import CLI
    from showroom.db.tenancy import acting_for
    from showroom.inventory import runs
    from showroom.inventory.importer import ImportReport
    from showroom.vocabulary import InventoryImportStatus

    if not path.is_file():
        raise ShowroomError(f"{path}: no such file")

    async def work(db: Any, dealership_id: int | None, settings: Settings) -> Any:
        """Store the file as an import run, then run it here (the job's code: staged in batches, applied in one
        transaction), the bar following the rows staged."""
        assert dealership_id is not None
        async with db.session() as session, acting_for(session, dealership_id):
            async with session.begin():
                run = await runs.create(
                    session, dealership_id, path.read_bytes(), actor=CLI, filename=path.name, full=not partial,
                    queue_job=False,
                )  # fmt: skip
                run_id, total = run.id, run.rows_total
            with typer.progressbar(length=max(total, 1), label="Importing", file=sys.stderr) as bar:
                done = 0

                def progress(rows: int, _: int) -> None:
                    nonlocal done
                    bar.update(min(rows, total) - done)
                    done = min(rows, total)

                status = await runs.process(session, run_id, CLI, progress=progress)
            async with session.begin():
                run = await runs.get(session, run_id)
                if status != InventoryImportStatus.done:
                    raise ShowroomError(f"{path}: {run.error or status}")
                return ImportReport.from_json(run.report or {})

    report = with_tenant(dealership, work)
    typer.echo(
        f"{path}: {report.rows} rows: {report.added} added, {report.updated} updated, "
        f"{report.unchanged} unchanged, {report.deactivated} deactivated, {report.rejected} rejected "
        f"({report.seconds:.1f} s)"
    )
    for problem in report.rejected_rows[:50]:
        typer.echo(f"{path}:{problem.line}: {problem.field or 'row'}: {problem.reason}")
    if report.rejected > 50:
        typer.echo(f"... and {report.rejected - 50} more rejected rows")
    if report.rejected:
        raise typer.Exit(1)
