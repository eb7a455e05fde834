"""Lead-level classification of an ADF lead: its request type, and non-sales contacts (job applications,
vendor solicitations)."""

from __future__ import annotations

import re
from xml.etree.ElementTree import Element

from showroom.leads.adf.elements import as_key, kids, text
from showroom.leads.adf.model import AdfVehicle, ParsedLead
from showroom.vocabulary import Interest

_FINANCE = re.compile(r"\b(?:credit|financ\w*|hdfs|coa|loan|pre-?approv\w*|pre-?qual\w*)\b", re.IGNORECASE)
_TEST_DRIVE = re.compile(r"\btest[\s_-]?(?:drive|ride)s?\b", re.IGNORECASE)
_JOB_STRONG = re.compile(r"\b(?:interview(?:ing)?|jobs?|employment|hiring|resum[eé]|careers?)\b", re.IGNORECASE)
_JOB_ANY = re.compile(
    r"\b(?:interview(?:ing)?|jobs?|employment|hiring|hire|resum[eé]|careers?|position|apply(?:ing)?|applicant)\b",
    re.IGNORECASE,
)
_SOLICITATION = re.compile(
    r"\b(?:seo|search engine optimi[sz]ation|backlinks?|web design services|marketing services"
    r"|google (?:ranking|reviews) services|lead generation services)\b",
    re.IGNORECASE,
)
# Words of a buyer: a comment that has them stays a sales lead even if it mentions a job ("new job, need a car").
_BUYER_WORDS = re.compile(
    r"\b(?:financ\w*|cars?|vehicles?|trucks?|suvs?|test[\s-]?(?:drive|ride)|trade[\s-]?in|prices?|pricing|leas\w*"
    r"|buy\w*|purchas\w*|payments?|quotes?|apr|inventory)\b",
    re.IGNORECASE,
)


def _words(pattern: re.Pattern[str], text: str) -> list[str]:
    return sorted({match.group(0).lower() for match in pattern.finditer(text)})


def non_sales_reason(comments: str | None, vehicles: list[AdfVehicle]) -> str | None:
    """Why this is not a sales enquiry, or None. Only without a named vehicle: a lead with a car is a lead.

    Job application: a strong employment word (interview, job, employment, hiring, resume, career) plus at least
    one more employment word, and no buyer words. Vendor solicitation: one solicitation phrase (SEO, backlinks…).
    """
    if not comments or vehicles:
        return None
    solicitation = _words(_SOLICITATION, comments)
    if solicitation:
        return f"not a sales enquiry: the comments read as a vendor solicitation ({', '.join(map(repr, solicitation))})"
    employment = _words(_JOB_ANY, comments)
    if _JOB_STRONG.search(comments) and len(employment) >= 2 and not _BUYER_WORDS.search(comments):
        quoted = ", ".join(map(repr, employment))
        return f"not a sales enquiry: the comments read as a job application ({quoted}) and no vehicle is named"
    return None


def request_values(prospect: Element, customer: Element | None) -> list[str]:
    values: list[str] = []
    for element in [*kids(customer, "requesttype"), *kids(prospect, "requesttype")]:
        children = kids(element, "value")
        values.extend(v for v in (text(c) for c in children) if v)
        if not children and text(element):
            values.append(text(element) or "")
        if element.get("type"):
            values.append(element.get("type") or "")
    return [as_key(value).replace("-", "_") for value in values]


def request_type(lead: ParsedLead, explicit: list[str], sources: str) -> str:
    if not lead.is_sales_lead:
        return "info"
    if _FINANCE.search(sources) or any(v in {"finance", "credit", "credit_application"} for v in explicit):
        return "finance"
    if (
        any(v.interest == Interest.test_drive for v in lead.vehicles)
        or any(v in {"test_drive", "testdrive", "test_ride"} for v in explicit)
        or _TEST_DRIVE.search(sources)
        or _TEST_DRIVE.search(lead.comments or "")
    ):
        return "test_drive"
    wanted = [v for v in lead.vehicles if v.is_wanted]
    if any(v.interest == Interest.lease for v in wanted) or "lease" in explicit:
        return "lease"
    if wanted or "purchase" in explicit:
        return "purchase"
    if any(v.interest in (Interest.trade_in, Interest.sell) for v in lead.vehicles) or "trade_in" in explicit:
        return "trade_in"
    return "info"
