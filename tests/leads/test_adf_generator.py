"""bench/adf_generator.py: deterministic, varied, and every document parses."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from bench.adf_generator import GeneratedLead, generate, generate_leads, main

from showroom.leads.adf.model import ParsedLead
from showroom.leads.adf.parse import parse_adf


@pytest.fixture(scope="module")
def leads() -> list[GeneratedLead]:
    return generate_leads(500)


@pytest.fixture(scope="module")
def parsed(leads: list[GeneratedLead]) -> list[ParsedLead]:
    return [parse_adf(lead.document) for lead in leads]


def test_every_generated_document_parses_without_warnings(parsed: list[ParsedLead]) -> None:
    assert len(parsed) == 500
    assert [lead.warnings for lead in parsed if lead.warnings] == []
    assert all(lead.customer.has_contact and lead.vehicles and lead.is_sales_lead for lead in parsed)


def test_the_same_seed_gives_the_same_documents_and_another_seed_does_not() -> None:
    assert generate(60, seed=7) == generate(60, seed=7)
    assert generate(60, seed=7) != generate(60, seed=8)
    assert generate(60) == [lead.document for lead in generate_leads(60)]


def test_the_five_providers_all_appear(parsed: list[ParsedLead]) -> None:
    providers = Counter(lead.provider_name for lead in parsed)
    assert set(providers) == {"Cars.com", "AutoTrader.com", "CarGurus", "TrueCar", "Dealer Website"}
    assert min(providers.values()) > 50


def test_documents_vary_in_shape(leads: list[GeneratedLead], parsed: list[ParsedLead]) -> None:
    documents = [lead.document for lead in leads]
    assert 300 < sum(d.startswith(b"<?xml") for d in documents) < 500  # with and without declaration
    assert any(b"<?adf" in d for d in documents)
    assert any(b'part="first"' in d for d in documents) and any(b'part="full"' in d for d in documents)
    assert any(b"<name>" in d for d in documents)  # plain-text names
    assert any(b"<ADF>" in d for d in documents)  # the upper-case dialect
    assert any(b"<![CDATA[" in d for d in documents)
    assert any(lead.timeframe_earliest for lead in parsed) and any(lead.timeframe for lead in parsed)
    assert {len(lead.vehicles) for lead in parsed} == {1, 2, 3}
    interests = Counter(vehicle.interest for lead in parsed for vehicle in lead.vehicles)
    assert {"buy", "lease", "trade-in", "test-drive"} <= set(interests)
    assert len({phone.number[:1] for lead in parsed for phone in lead.customer.phones}) >= 3  # (, digits, +
    assert any(lead.vehicles[0].price_cents for lead in parsed)
    assert any(vehicle.vin for lead in parsed for vehicle in lead.vehicles)


def test_about_five_percent_are_exact_duplicates_with_the_same_provider_id(
    leads: list[GeneratedLead], parsed: list[ParsedLead]
) -> None:
    duplicates = [index for index, lead in enumerate(leads) if lead.duplicate_of is not None]
    assert 15 <= len(duplicates) <= 40
    for index in duplicates:
        original = leads[index].duplicate_of
        assert original is not None and original < index
        assert leads[index].document == leads[original].document
        assert parsed[index].primary_id == parsed[original].primary_id
    originals = [parsed[i].primary_id for i, lead in enumerate(leads) if lead.duplicate_of is None]
    assert len(originals) == len({(i.source, i.value) for i in originals if i})  # other ids are unique


def test_about_thirty_percent_come_from_an_earlier_customer_reachable_by_email_or_phone(
    leads: list[GeneratedLead], parsed: list[ParsedLead]
) -> None:
    seen_keys: set[str] = set()
    seen_vehicles: dict[int, set[tuple[str | None, str | None]]] = {}
    linked = 0
    for lead, result in zip(leads, parsed, strict=True):
        if lead.duplicate_of is not None:
            continue
        keys = set(result.customer.emails) | {p.e164 for p in result.customer.phones if p.e164}
        vehicles = {(v.make, v.model) for v in result.vehicles}
        if lead.repeat_customer:
            assert keys & seen_keys, "a repeat customer shares an e-mail or phone with an earlier lead"
            assert not vehicles & seen_vehicles[lead.customer_index], "and asks about a different vehicle"
            linked += 1
        else:
            assert not keys & seen_keys, "a new customer shares nothing with earlier ones"
        seen_keys |= keys
        seen_vehicles.setdefault(lead.customer_index, set()).update(vehicles)
    assert 120 <= linked <= 180


def test_a_repeat_customer_may_be_formatted_differently(leads: list[GeneratedLead], parsed: list[ParsedLead]) -> None:
    raw_by_key: dict[str, set[str]] = {}
    for result in parsed:
        for phone in result.customer.phones:
            if phone.e164:
                raw_by_key.setdefault(phone.e164, set()).add(phone.number)
    assert any(len(forms) > 1 for forms in raw_by_key.values())


def test_main_writes_the_documents_to_a_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["12", str(tmp_path / "out"), "--seed", "3"]) == 0
    files = sorted((tmp_path / "out").iterdir())
    assert [f.name for f in files][:2] == ["lead-00001.xml", "lead-00002.xml"] and len(files) == 12
    assert [f.read_bytes() for f in files] == generate(12, seed=3)
    assert "wrote 12 documents" in capsys.readouterr().out


def test_rates_that_add_up_to_more_than_one_are_refused() -> None:
    with pytest.raises(ValueError, match="at most 1"):
        generate(5, repeat_customer_rate=0.9, duplicate_rate=0.2)
