"""Issue 14: every <prospect> of an ADF document is its own result (lead, duplicate, resend, rejected), each in its
own savepoint; a resend is recorded on the lead it repeats; the HTTP and CLI reports say what became of each."""

from __future__ import annotations

from pathlib import Path

import psycopg
from fastapi import FastAPI
from sqlalchemy import select

from showroom.db.engine import Database
from showroom.models import AuditLog, Conversation, Customer, Lead, LeadActivity, VehicleInterest
from showroom.settings import Settings
from tests.factories import unique
from tests.helpers import create_team
from tests.leads.test_intake_api import count, integration
from tests.test_cli_admin import run

UNSEEN = Path(__file__).resolve().parents[1] / "fixtures" / "adf_unseen"
XML = {"Content-Type": "application/xml"}


def prospect(n: int, tag: str, *, customer: str | None = None, status: str = "new") -> str:
    contact = (
        customer
        if customer is not None
        else (
            f"<customer><contact><name part='full'>Buyer {n}</name><email>buyer{n}-{tag}@inbox-mail.net</email>"
            f"<phone>(312) 555-{n:04d}</phone></contact></customer>"
        )
    )
    return (
        f"<prospect status='{status}'><id source='Batch'>{tag}-{n}</id>"
        f"<vehicle interest='buy'><year>2024</year><make>Toyota</make><model>Camry</model></vehicle>"
        f"{contact}<provider><name>Batch Leads</name></provider></prospect>"
    )


def ten_with_one_bad(tag: str, bad: int = 6) -> str:
    broken = "<customer><contact><name part='full'>Ghost Writer</name></contact></customer>"
    return "<adf>" + "".join(prospect(n, tag, customer=broken if n == bad else None) for n in range(1, 11)) + "</adf>"


async def test_ten_prospects_with_one_malformed_store_nine_leads_and_report_the_one(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    response = await client.post("/api/v1/leads/adf", content=ten_with_one_bad("T1"), headers=XML)
    assert response.status_code == 201, response.text
    results = response.json()["results"]
    assert [r["prospect"] for r in results] == list(range(1, 11))
    assert [r["outcome"] for r in results] == ["lead"] * 5 + ["rejected"] + ["lead"] * 4
    bad = results[5]
    assert bad["lead"] is None and bad["field"] == "customer.contact"
    assert bad["reason"] == "prospect 6: the prospect has no customer contact: no e-mail or phone at all"
    assert all(r["reason"].startswith("created LEAD-") and r["source"] == "Batch Leads" for r in results if r["lead"])
    assert await count(db, Lead, team.id) == 9 and await count(db, Customer, team.id) == 9
    assert await count(db, Conversation, team.id) == 9
    assert await count(db, Customer, team.id, Customer.full_name == "Ghost Writer") == 0


async def test_a_prospect_the_database_refuses_leaves_nothing_of_itself_behind(
    app: FastAPI, db: Database, owner_url: str
) -> None:
    """A failure after the prospect's customer, lead and interests were written: its savepoint takes all of them
    back, and the prospects before and after it land whole."""
    team = await create_team(db)
    client = await integration(app, team)
    doomed = f"T2-{team.id}"
    with psycopg.connect(owner_url, autocommit=True) as conn:
        conn.execute(
            "create function test_refuse_activity() returns trigger language plpgsql as $$ begin "
            "if exists (select 1 from leads where id = new.lead_id and external_id = 'T2-2') "
            f"and new.dealership_id = {team.id} then "
            "raise exception 'refused by the test' using errcode = '22023'; end if; return new; end $$"
        )
        conn.execute(
            "create trigger test_refuse_activity before insert on lead_activities "
            "for each row execute function test_refuse_activity()"
        )
    try:
        document = "<adf>" + "".join(prospect(n, "T2") for n in (1, 2, 3)) + "</adf>"
        response = await client.post("/api/v1/leads/adf", content=document, headers=XML)
    finally:
        with psycopg.connect(owner_url, autocommit=True) as conn:
            conn.execute("drop trigger test_refuse_activity on lead_activities")
            conn.execute("drop function test_refuse_activity()")
    assert response.status_code == 201, response.text
    results = response.json()["results"]
    assert [r["outcome"] for r in results] == ["lead", "rejected", "lead"]
    assert "refused by the test" in results[1]["reason"], doomed
    assert await count(db, Lead, team.id) == 2
    assert await count(db, Customer, team.id, Customer.email_normalized == "buyer2-t2@inbox-mail.net") == 0
    assert await count(db, VehicleInterest, team.id) == 2
    assert await count(db, Conversation, team.id) == 2
    assert await count(db, LeadActivity, team.id) == 2
    async with db.maint_session() as maint:
        audited = (await maint.scalars(select(AuditLog.action).where(AuditLog.dealership_id == team.id))).all()
    assert (
        sorted(a for a in audited if a.startswith(("lead.", "customer.")))
        == ["customer.create"] * 2 + ["lead.create"] * 2
    )


async def test_a_resend_is_recorded_on_the_lead_it_repeats(app: FastAPI, db: Database) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    # The document: a complete lead, then its resend without a customer.
    response = await client.post(
        "/api/v1/leads/adf", content=(UNSEEN / "01_autotrader_new_plus_resend.xml").read_bytes(), headers=XML
    )
    assert response.status_code == 201, response.text
    first, resend = response.json()["results"]
    assert first["outcome"] == "lead" and first["source"] == "AutoTrader"
    assert resend["outcome"] == "resend" and resend["lead"]["id"] == first["lead"]["id"]
    assert resend["reason"] == f"a resend of {first['lead']['lead_number']}, recorded on it"
    # A later resend naming only the provider's id finds the lead by that id.
    later = (
        "<adf><prospect status='resend'><id sequence='1' source='AutoTrader'>AT-88231977</id>"
        "<provider><name>AutoTrader</name></provider></prospect></adf>"
    )
    again = (await client.post("/api/v1/leads/adf", content=later, headers=XML)).json()["results"][0]
    assert again["outcome"] == "resend" and again["lead"]["id"] == first["lead"]["id"]
    # One with an id we never received and no customer cannot be anything: rejected, saying why.
    unknown = later.replace("AT-88231977", "AT-000")
    lost = await client.post("/api/v1/leads/adf", content=unknown, headers=XML)
    assert lost.status_code == 422
    assert lost.json()["results"][0]["reason"] == (
        "a resend (id AT-000) of a lead we do not have, with no customer contact to take it in as new"
    )
    async with db.maint_session() as maint:
        timeline = (
            await maint.scalars(
                select(LeadActivity)
                .where(LeadActivity.lead_id == first["lead"]["id"])
                .order_by(LeadActivity.created_at)
            )
        ).all()
    assert [a.type for a in timeline] == ["lead_created", "duplicate_received", "duplicate_received"]
    assert all("(resend)" in a.description for a in timeline[1:])
    assert await count(db, Lead, team.id) == 1


async def test_a_resend_with_the_customer_but_no_id_is_matched_by_customer_and_vehicle(
    app: FastAPI, db: Database
) -> None:
    team = await create_team(db)
    client = await integration(app, team)
    original = prospect(1, "T4").replace("<id source='Batch'>T4-1</id>", "")
    made = (await client.post("/api/v1/leads/adf", content=f"<adf>{original}</adf>", headers=XML)).json()
    resent = original.replace("status='new'", "status='resend'").replace("(312) 555-0001", "")
    answer = (await client.post("/api/v1/leads/adf", content=f"<adf>{resent}</adf>", headers=XML)).json()
    assert answer["results"][0]["outcome"] == "resend"
    assert answer["results"][0]["lead"]["id"] == made["results"][0]["lead"]["id"]


def test_the_cli_reports_each_prospect_and_fails_when_one_is_rejected(
    settings: Settings, tmp_path: Path, db: Database
) -> None:
    path = tmp_path / "batch.xml"
    path.write_text(ten_with_one_bad("T5", bad=3))
    subdomain = unique("cli")
    made = run(settings, "dealership", "create", "--name", "CLI Motors", "--subdomain", subdomain,
               "--contact-email", "sales@cli.example")  # fmt: skip
    assert made.returncode == 0, made.stderr
    result = run(settings, "import", "adf", str(path), "--dealership", subdomain)
    assert result.returncode == 1, result.stderr
    lines = result.stdout.splitlines()
    reason = "prospect 3: the prospect has no customer contact: no e-mail or phone at all"
    assert f"{path} prospect 3: rejected: {reason}" in lines
    assert sum(" prospect " in line and ": lead: created LEAD-" in line for line in lines) == 9
    assert lines[-2] == f"{path}: 10 prospects: 9 lead, 1 rejected"
    assert lines[-1] == "1 file(s): 9 created, 0 duplicate, 0 resent, 1 rejected"
