"""Deterministic generator of realistic, varied ADF/XML lead documents for intake benchmarks.

    python -m bench.adf_generator 1000 /tmp/adf-leads --seed 7

The same seed always gives the same bytes. Variety: five providers (Cars.com, AutoTrader, CarGurus, TrueCar and
the dealer's own website) with their own id formats; four name shapes (part first/last, part full, nested, plain
text); six phone formats; 1-3 vehicles (buy, lease, test-drive, trade-in) with valid VINs, prices in several
notations and odometers; comments (plain, CDATA with `<br />`), structured or plain timeframes; with or without
XML declaration and `<?adf?>` PI; an occasional upper-case dialect.

`repeat_customer_rate` of the leads come from an earlier customer (same e-mail or phone, possibly formatted
differently) asking about a vehicle they have not asked about before; `duplicate_rate` of them are byte-exact
copies of an earlier document (same provider id), as a provider's resend would be. Phones use the fictional
555-01XX range; e-mails made-up mailbox domains, not example.com/.net/.org: intake flags those as undeliverable and
hands the lead to staff (docs/identity.md), which is not the workload of real provider traffic.
"""

from __future__ import annotations

import argparse
import random
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from showroom.inventory.vin import check_digit

FIRST_NAMES = (
    "James", "Maria", "Robert", "Linda", "Michael", "Patricia", "David", "Jennifer", "William", "Elizabeth",
    "Carlos", "Sofia", "Wei", "Mei", "Ahmed", "Fatima", "Dmitri", "Olga", "Kwame", "Amara", "Liam", "Emma",
    "Noah", "Olivia", "Mateo", "Isabella", "Hiroshi", "Yuki", "Raj", "Priya", "Sean", "Aoife", "José", "Zoë",
)  # fmt: skip
LAST_NAMES = (
    "Smith", "Johnson", "Garcia", "Nguyen", "Brown", "Lopez", "Kowalski", "O'Brien", "Okafor", "Chen",
    "Müller", "Rossi", "Patel", "Kim", "Hernandez", "Walker", "Young", "Ivanova", "Mensah", "Tanaka",
    "van der Berg", "MacDonald", "Singh", "Haddad", "Novak", "Silva",
)  # fmt: skip
PLACES = (
    ("Chicago", "IL", "60614"), ("Naperville", "IL", "60540"), ("Matteson", "IL", "60443"),
    ("Gary", "IN", "46402"), ("Milwaukee", "WI", "53202"), ("Madison", "WI", "53703"),
    ("Springfield", "IL", "62701"), ("Joliet", "IL", "60432"), ("Evanston", "IL", "60201"),
)  # fmt: skip
# make, VIN world manufacturer identifier, models as (model, trims, body style)
CATALOG: tuple[tuple[str, str, tuple[tuple[str, tuple[str, ...], str], ...]], ...] = (
    ("Toyota", "4T1", (("Camry", ("LE", "SE", "XSE Hybrid"), "Sedan"), ("RAV4", ("LE", "XLE", "Limited"), "SUV"))),
    ("Honda", "1HG", (("Accord", ("LX", "Sport", "Touring"), "Sedan"), ("CR-V", ("EX", "EX-L"), "SUV"))),
    ("Ford", "1FT", (("F-150", ("XL", "XLT", "Lariat"), "Truck"), ("Escape", ("S", "SE"), "SUV"))),
    ("Chevrolet", "1G1", (("Malibu", ("LS", "LT"), "Sedan"), ("Equinox", ("LT", "RS", "Premier"), "SUV"))),
    ("Hyundai", "5NM", (("Tucson", ("SE", "SEL", "Limited"), "SUV"), ("Ioniq 5", ("SE", "Limited AWD"), "SUV"))),
    ("Kia", "KNA", (("Sportage", ("LX", "EX"), "SUV"), ("EV6", ("Wind", "GT-Line"), "SUV"))),
    ("Subaru", "4S4", (("Outback", ("Premium", "Onyx Edition XT"), "Wagon"), ("Crosstrek", ("Base", "Sport"), "SUV"))),
    ("Nissan", "1N4", (("Altima", ("2.5 S", "2.5 SV"), "Sedan"), ("Rogue", ("S", "SV", "Platinum"), "SUV"))),
    ("Jeep", "1C4", (("Wrangler", ("Sport", "Rubicon"), "SUV"), ("Grand Cherokee", ("Laredo", "Overland"), "SUV"))),
    ("BMW", "WBA", (("330i", ("xDrive",), "Sedan"), ("X5", ("sDrive40i", "xDrive50e"), "SUV"))),
    ("Tesla", "5YJ", (("Model 3", ("Long Range", "Performance"), "Sedan"), ("Model Y", ("Long Range",), "SUV"))),
)  # fmt: skip
COLORS = ("White", "Black", "Grey", "Silver", "Blue", "Red", "Midnight Black Metallic", "Celestial Silver")
PROVIDERS = ("Cars.com", "AutoTrader", "CarGurus", "TrueCar", "Dealer Website")
PROVIDER_DETAILS = {
    "Cars.com": ("Cars.com", "https://www.cars.com", "New Car Lead"),
    "AutoTrader": ("AutoTrader.com", "https://www.autotrader.com", "Used Car Lead"),
    "CarGurus": ("CarGurus", "https://www.cargurus.com", "Dealer Inquiry"),
    "TrueCar": ("TrueCar", "https://www.truecar.com", "Price Certificate"),
    "Dealer Website": ("Dealer Website", None, "Contact Form"),
}
COMMENTS = (
    "Is this vehicle still available?",
    "What is your best out-the-door price?",
    "I'd like to schedule a test drive this weekend.",
    "Do you offer financing for first-time buyers? My credit is fair.",
    "Can you send more photos of the interior & the tyres?",
    "Looking for something reliable for my daughter, budget around $20k.",
    "Interested in leasing options, 36 months, 10k miles/year.",
    "Please call after 5pm.",
    "Does it have Apple CarPlay and heated seats?",
)
TIMEFRAMES = ("within 2 weeks", "ASAP", "1-3 months", "just browsing", "this weekend")
DOMAINS = ("inbox-mail.net", "postbox-mail.org", "shopper-mail.com", "mail.carbuyer-inbox.net")
PHONE_TYPES = ("voice", "cellphone", "home", "work", "cell", "mobile")
_VIN_CHARS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789"
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"  # 2010 = A … (I, O, Q, U, Z and 0 are never year codes)


@dataclass
class Customer:
    index: int
    first: str
    last: str
    email: str
    phone: str  # ten digits
    place: tuple[str, str, str]
    asked: set[tuple[str, str]] = field(default_factory=set)  # (make, model) already enquired about
    sent: set[str] = field(default_factory=set)  # contact keys ("email", "phone") given in an earlier lead


@dataclass
class GeneratedLead:
    document: bytes
    customer_index: int
    provider_id: str
    duplicate_of: int | None = None  # index of the earlier document this one copies
    repeat_customer: bool = False  # an earlier customer's new enquiry


def _vin(rng: random.Random, wmi: str, year: int) -> str:
    body = "".join(rng.choice(_VIN_CHARS) for _ in range(5))
    serial = f"{rng.randrange(1_000_000):06d}"
    draft = f"{wmi}{body}0{_YEAR_CODES[(year - 2010) % 30]}{rng.choice(_VIN_CHARS)}{serial}"
    return draft[:8] + check_digit(draft) + draft[9:]


def _phone_text(rng: random.Random, digits: str) -> str:
    area, exchange, line = digits[:3], digits[3:6], digits[6:]
    formats = (
        f"({area}) {exchange}-{line}", f"{area}-{exchange}-{line}", f"{area}.{exchange}.{line}",
        f"+1 {area} {exchange} {line}", digits, f"1-{area}-{exchange}-{line}",
    )  # fmt: skip
    return rng.choice(formats)


def _email_text(rng: random.Random, email: str) -> str:
    local, domain = email.split("@")
    variant = rng.random()
    if variant < 0.15:
        return email.upper()
    if variant < 0.3:
        return f"{local.title()}@{domain.title()}"
    if variant < 0.4:
        return f"  {email} "
    return email


class _Writer:
    """Renders elements, with the document's element-name style (standard lower case or an upper-case dialect)."""

    def __init__(self, upper: bool, indent: bool):
        self.name: Callable[[str], str] = str.upper if upper else str
        self.newline = "\n" if indent else ""
        self.parts: list[str] = []

    def leaf(self, depth: int, tag: str, text: str | None, **attrs: str) -> None:
        rendered = "".join(f" {key}={quoteattr(value)}" for key, value in attrs.items())
        body = escape(text) if text is not None else ""
        indent = "  " * depth if self.newline else ""
        self.parts.append(f"{indent}<{self.name(tag)}{rendered}>{body}</{self.name(tag)}>{self.newline}")

    def raw(self, depth: int, markup: str) -> None:
        indent = "  " * depth if self.newline else ""
        self.parts.append(f"{indent}{markup}{self.newline}")

    def open(self, depth: int, tag: str, **attrs: str) -> None:
        rendered = "".join(f" {key}={quoteattr(value)}" for key, value in attrs.items())
        self.raw(depth, f"<{self.name(tag)}{rendered}>")

    def close(self, depth: int, tag: str) -> None:
        self.raw(depth, f"</{self.name(tag)}>")


class _Generator:
    def __init__(self, seed: int, repeat_customer_rate: float, duplicate_rate: float, vendor_name: str):
        self.rng = random.Random(seed)
        self.repeat_customer_rate = repeat_customer_rate
        self.duplicate_rate = duplicate_rate
        self.vendor_name = vendor_name
        self.customers: list[Customer] = []
        self.leads: list[GeneratedLead] = []
        self.clock = datetime(2025, 3, 1, 8, 0, tzinfo=UTC)
        self.ids: set[str] = set()

    def new_customer(self) -> Customer:
        index = len(self.customers)
        first, last = self.rng.choice(FIRST_NAMES), self.rng.choice(LAST_NAMES)
        local = f"{first}.{last}".lower().replace(" ", "").replace("'", "")
        local = local.encode("ascii", "ignore").decode() or "customer"
        email = f"{local}{index}@{self.rng.choice(DOMAINS)}"
        area = 200 + index % 800  # 800 area codes x 100 fictional lines: unique for the first 80,000 customers
        phone = f"{area}5550{100 + (index // 800) % 100}"
        customer = Customer(index, first, last, email, phone, self.rng.choice(PLACES))
        self.customers.append(customer)
        return customer

    def provider_id(self, provider: str) -> str:
        while True:
            if provider == "Cars.com":
                value = str(self.rng.randrange(100_000_000, 999_999_999))
            elif provider == "AutoTrader":
                value = f"AT-{self.rng.randrange(10_000, 99_999)}-{self.clock:%Y}"
            elif provider == "CarGurus":
                value = f"{self.rng.getrandbits(48):012x}"
            elif provider == "TrueCar":
                value = f"TC{self.rng.randrange(10**7, 10**8)}"
            else:
                value = str(uuid.UUID(int=self.rng.getrandbits(128), version=4))
            if value not in self.ids:
                self.ids.add(value)
                return value

    def pick_model(self, customer: Customer) -> tuple[str, str, str, str, str]:
        """(make, wmi, model, trim, body) that this customer has not asked about yet, when there is one."""
        for _ in range(50):
            make, wmi, models = self.rng.choice(CATALOG)
            model, trims, body = self.rng.choice(models)
            if (make, model) not in customer.asked:
                break
        customer.asked.add((make, model))
        return make, wmi, model, self.rng.choice(trims), body

    def next(self) -> GeneratedLead:
        self.clock += timedelta(minutes=self.rng.randrange(1, 240))
        roll = self.rng.random()
        if roll < self.duplicate_rate and self.leads:
            index = self.rng.randrange(len(self.leads))
            original = self.leads[index]
            return GeneratedLead(original.document, original.customer_index, original.provider_id, duplicate_of=index)
        repeat = roll < self.duplicate_rate + self.repeat_customer_rate and bool(self.customers)
        customer = self.rng.choice(self.customers) if repeat else self.new_customer()
        provider = self.rng.choice(PROVIDERS)
        provider_id = self.provider_id(provider)
        document = self.render(customer, provider, provider_id, repeat)
        return GeneratedLead(document, customer.index, provider_id, repeat_customer=repeat)

    def render(self, customer: Customer, provider: str, provider_id: str, repeat: bool) -> bytes:
        rng = self.rng
        out = _Writer(upper=rng.random() < 0.03, indent=rng.random() < 0.8)
        header = '<?xml version="1.0" encoding="UTF-8"?>\n' if rng.random() < 0.8 else ""
        header += '<?adf version="1.0"?>\n' if rng.random() < 0.5 else ""
        out.open(0, "adf")
        out.open(1, "prospect", status="new")
        out.leaf(2, "id", provider_id, sequence="1", source=PROVIDER_DETAILS[provider][0])
        out.leaf(2, "requestdate", self.request_date())
        for vehicle in self.vehicles(customer):
            self.render_vehicle(out, vehicle)
        self.render_customer(out, customer, repeat)
        self.render_parties(out, provider)
        out.close(1, "prospect")
        out.close(0, "adf")
        return (header + "".join(out.parts)).encode("utf-8")

    def request_date(self) -> str:
        style = self.rng.randrange(4)
        if style == 0:
            return self.clock.strftime("%Y-%m-%dT%H:%M:%SZ")
        if style == 1:
            return self.clock.replace(tzinfo=None).isoformat()
        offset = timedelta(hours=-5 if style == 2 else -6)
        return self.clock.astimezone(timezone(offset)).isoformat()

    def vehicles(self, customer: Customer) -> list[dict[str, str]]:
        rng = self.rng
        interests = [rng.choices(("buy", "lease", "test-drive"), weights=(75, 17, 8))[0]]
        if rng.random() < 0.12:
            interests.append("buy")
        if rng.random() < 0.3 and len(interests) < 3:
            interests.append("trade-in")
        vehicles: list[dict[str, str]] = []
        for interest in interests:
            make, wmi, model, trim, body = self.pick_model(customer)
            used = interest == "trade-in" or rng.random() < 0.45
            year = rng.randrange(2012, 2024) if used else rng.randrange(2025, 2027)
            vehicle = {"interest": interest, "status": "used" if used else "new", "year": str(year), "make": make}
            vehicle |= {"model": model, "trim": trim, "bodystyle": body}
            if rng.random() < 0.6:
                vehicle["vin"] = _vin(rng, wmi, year)
            if interest != "trade-in" and rng.random() < 0.5:
                vehicle["stock"] = f"{rng.choice('ABCDKU')}{rng.randrange(1000, 99999)}"
            if used:
                vehicle["odometer"] = str(rng.randrange(5_000, 160_000))
            if interest != "trade-in" and rng.random() < 0.7:
                dollars = rng.randrange(12_000, 85_000)
                vehicle["price"] = rng.choice((f"${dollars:,}.00", str(dollars), f"{dollars}.00", f"{dollars:,}"))
            if rng.random() < 0.4:
                vehicle["colour"] = rng.choice(COLORS)
            vehicles.append(vehicle)
        return vehicles

    def render_vehicle(self, out: _Writer, vehicle: dict[str, str]) -> None:
        attrs = {"interest": vehicle["interest"], "status": vehicle["status"]}
        out.open(2, "vehicle", **attrs)
        for tag in ("year", "make", "model", "trim", "bodystyle", "vin", "stock"):
            if tag in vehicle:
                out.leaf(3, tag, vehicle[tag])
        if "odometer" in vehicle:
            out.leaf(3, "odometer", vehicle["odometer"], status="original", units="mi")
        if "colour" in vehicle:
            out.open(3, "colorcombination")
            out.leaf(4, "exteriorcolor", vehicle["colour"])
            out.close(3, "colorcombination")
        if "price" in vehicle:
            out.leaf(3, "price", vehicle["price"], type=self.rng.choice(("quote", "asking", "msrp")), currency="USD")
        out.close(2, "vehicle")

    def render_customer(self, out: _Writer, customer: Customer, repeat: bool) -> None:
        rng = self.rng
        channels = rng.choices(("both", "email", "phone"), weights=(70, 18, 12))[0]
        if repeat and channels != "both" and channels not in customer.sent:
            channels = "both"  # a repeat customer must share a key with an earlier lead, or nobody could link them
        customer.sent |= {"email", "phone"} if channels == "both" else {channels}
        out.open(2, "customer")
        out.open(3, "contact", primarycontact="1")
        self.render_name(out, customer)
        if channels in {"both", "email"}:
            out.leaf(4, "email", _email_text(rng, customer.email))
        if channels in {"both", "phone"}:
            attrs = {"type": rng.choice(PHONE_TYPES)}
            if rng.random() < 0.4:
                attrs["time"] = rng.choice(("morning", "afternoon", "evening", "nopreference"))
            out.leaf(4, "phone", _phone_text(rng, customer.phone), **attrs)
        if rng.random() < 0.5:
            city, region, postal = customer.place
            out.open(4, "address")
            out.leaf(5, "city", city)
            out.leaf(5, "regioncode", region)
            out.leaf(5, "postalcode", postal)
            out.close(4, "address")
        out.close(3, "contact")
        self.render_timeframe(out)
        self.render_comments(out, repeat)
        out.close(2, "customer")

    def render_name(self, out: _Writer, customer: Customer) -> None:
        shape = self.rng.randrange(10)
        if shape < 6:
            out.leaf(4, "name", customer.first, part="first")
            out.leaf(4, "name", customer.last, part="last")
        elif shape < 8:
            out.leaf(4, "name", f"{customer.first} {customer.last}", part="full")
        elif shape < 9:
            out.open(4, "name", part="full")
            out.leaf(5, "first", customer.first)
            out.leaf(5, "last", customer.last)
            out.close(4, "name")
        else:
            out.leaf(4, "name", f"{customer.first} {customer.last}")

    def render_timeframe(self, out: _Writer) -> None:
        roll = self.rng.random()
        if roll < 0.2:
            out.leaf(3, "timeframe", self.rng.choice(TIMEFRAMES))
        elif roll < 0.35:
            earliest = self.clock.date() + timedelta(days=self.rng.randrange(1, 15))
            out.open(3, "timeframe")
            out.leaf(4, "description", self.rng.choice(TIMEFRAMES))
            out.leaf(4, "earliestdate", earliest.isoformat())
            out.leaf(4, "latestdate", (earliest + timedelta(days=30)).isoformat())
            out.close(3, "timeframe")

    def render_comments(self, out: _Writer, repeat: bool) -> None:
        rng = self.rng
        if rng.random() < 0.25:
            return
        lines = rng.sample(COMMENTS, rng.randrange(1, 3))
        if repeat and rng.random() < 0.5:
            lines.insert(0, "I contacted you before about another car.")
        if rng.random() < 0.35:
            body = " <br />\n".join(lines).replace("]]>", "]]&gt;")
            out.raw(3, f"<{out.name('comments')}><![CDATA[{body}]]></{out.name('comments')}>")
        else:
            out.leaf(3, "comments", " ".join(lines))

    def render_parties(self, out: _Writer, provider: str) -> None:
        out.open(2, "vendor")
        out.leaf(3, "vendorname", self.vendor_name)
        out.open(3, "contact")
        out.leaf(4, "name", f"{self.vendor_name} Internet Sales", part="full")
        out.leaf(4, "email", "internet.sales@dealer.example.com")
        out.close(3, "contact")
        out.close(2, "vendor")
        name, url, service = PROVIDER_DETAILS[provider]
        out.open(2, "provider")
        out.leaf(3, "name", name, part="full")
        out.leaf(3, "service", service)
        if url:
            out.leaf(3, "url", url)
        out.close(2, "provider")


def generate_leads(
    n: int,
    *,
    seed: int = 7,
    repeat_customer_rate: float = 0.30,
    duplicate_rate: float = 0.05,
    vendor_name: str = "Demo Motors",
) -> list[GeneratedLead]:
    """The documents with their ground truth (customer, provider id, duplicate/repeat flags) for checking dedupe."""
    if n < 0 or not 0 <= duplicate_rate + repeat_customer_rate <= 1:
        raise ValueError("n must be >= 0 and the two rates must add up to at most 1")
    generator = _Generator(seed, repeat_customer_rate, duplicate_rate, vendor_name)
    for _ in range(n):
        generator.leads.append(generator.next())
    return generator.leads


def generate(
    n: int,
    *,
    seed: int = 7,
    repeat_customer_rate: float = 0.30,
    duplicate_rate: float = 0.05,
    vendor_name: str = "Demo Motors",
) -> list[bytes]:
    leads = generate_leads(
        n, seed=seed, repeat_customer_rate=repeat_customer_rate, duplicate_rate=duplicate_rate, vendor_name=vendor_name
    )
    return [lead.document for lead in leads]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write N generated ADF lead documents to a directory.")
    parser.add_argument("n", type=int, help="number of documents")
    parser.add_argument("directory", type=Path, help="output directory (created if missing)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--repeat-customer-rate", type=float, default=0.30)
    parser.add_argument("--duplicate-rate", type=float, default=0.05)
    parser.add_argument("--vendor-name", default="Demo Motors")
    args = parser.parse_args(argv)
    leads = generate_leads(
        args.n,
        seed=args.seed,
        repeat_customer_rate=args.repeat_customer_rate,
        duplicate_rate=args.duplicate_rate,
        vendor_name=args.vendor_name,
    )
    args.directory.mkdir(parents=True, exist_ok=True)
    width = max(5, len(str(args.n)))
    for number, lead in enumerate(leads, start=1):
        (args.directory / f"lead-{number:0{width}d}.xml").write_bytes(lead.document)
    duplicates = sum(lead.duplicate_of is not None for lead in leads)
    repeats = sum(lead.repeat_customer for lead in leads)
    print(f"wrote {len(leads)} documents to {args.directory} ({repeats} repeat customers, {duplicates} duplicates)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
