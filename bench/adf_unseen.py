"""Real-world ADF documents the parser was not written against (tests/fixtures/adf_unseen, written before the
intake changes of issue 14): how many prospects become leads, are handled as duplicates, or are rejected, and why.

    python -m bench.adf_unseen [FILES...]

Not a speed benchmark: a count, on a fresh database, with each file posted through the service path
(``process_payload``) for one dealership, as ``showroom import adf --dealership`` does.
"""

from __future__ import annotations

import asyncio
import sys
from collections import Counter
from pathlib import Path

from bench.adf_ingest import prepare
from bench.common import bench_database
from showroom.audit.service import CLI
from showroom.db.engine import open_database
from showroom.leads.adf_intake import process_payload

FOLDER = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "adf_unseen"


async def run(files: list[Path]) -> Counter[str]:
    counts: Counter[str] = Counter()
    with bench_database() as (settings, topo):
        unit = {"vin": "2T3P1RFV8MC123456", "stock_number": "U4471", "make": "Toyota", "model": "RAV4", "year": 2021}
        (tenant,) = await prepare(settings, topo, [unit], ["unseen"])
        db = open_database(settings, topo.app, topo.maint, process="bench")
        try:
            for path in files:
                async with db.session(tenant.dealership_id) as session, session.begin():
                    outcomes = await process_payload(
                        session,
                        path.read_bytes(),
                        content_type="application/xml",
                        actor=CLI,
                        dealership_id=tenant.dealership_id,
                        channel="cli",
                    )
                handled = any(o.result is not None for o in outcomes)
                counts["documents handled" if handled else "documents rejected"] += 1
                for o in outcomes:
                    if o.result is None:
                        counts["rejected"] += 1
                        print(f"{path.name}: rejected: {o.error}")
                    else:
                        kind = "duplicate" if o.result.duplicate else "lead"
                        counts[kind] += 1
                        print(f"{path.name} prospect {o.prospect}: {o.outcome}: {o.why}; {'; '.join(o.warnings)}")
        finally:
            await db.dispose()
    return counts


def main() -> None:
    files = [Path(a) for a in sys.argv[1:]] or sorted(FOLDER.glob("*.xml"))
    counts = asyncio.run(run(files))
    print(
        f"\n{len(files)} documents: {counts['documents handled']} became leads or duplicates, "
        f"{counts['documents rejected']} rejected whole; prospects: {counts['lead']} leads, "
        f"{counts['duplicate']} duplicates, {counts['rejected']} rejected"
    )


if __name__ == "__main__":
    main()
