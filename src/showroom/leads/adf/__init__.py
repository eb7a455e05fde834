"""ADF/XML 1.0 (Auto-lead Data Format) parser: pure, no database, no HTTP.

Liberal in what it accepts (real senders are messy), strict about safety:

* Parsing goes through `defusedxml`: any entity declaration (the XXE and "billion laughs" vectors) and any
  external reference is refused before anything is expanded or fetched. A bare `<!DOCTYPE adf SYSTEM "adf.dtd">`
  without declarations is tolerated (it is never loaded). Documents over `MAX_DOCUMENT_BYTES` (1 MiB) and
  elements nested deeper than `MAX_DEPTH` (32) are refused while streaming, before the tree is complete.
* Element and attribute names are matched case-insensitively and without namespace (`<ADF><Prospect>`,
  `<adf:adf xmlns:adf=…>`); `<prospect>` may be the root; a UTF-8 BOM, leading whitespace, PIs and comments are
  ignored.
* A document that is not well-formed is re-read by a small tolerant tokenizer (unclosed leaf elements such as
  `<phone>` are closed at the next tag, stray end tags are dropped, only the five XML entities and character
  references are decoded, nothing is ever expanded; documents with a DOCTYPE are never re-read). The result then
  has `recovered=True` and a warning naming the parser's line and column. If even that finds no customer contact,
  the original `AdfError` (with line/column) is raised.

Judgment calls (documented for the integrator):

* `price_cents`: a price of 0 ("0.00") is a form placeholder (Traffic Log Pro sends it), so it reads as None.
  The chosen price prefers types quote > offer > asking > untyped > appraisal > msrp > invoice; every typed price
  is also in `AdfVehicle.prices`.
* A `<vehicle>` with no year, make, model, VIN or stock number (after the comment step below) is dropped with a
  warning: it says nothing about a vehicle (the HD.com contact form always sends one).
* Comment data: when a vehicle block leaves year/make/model incomplete, explicit "Key: value" lines of the
  comments (Year/Model Year/Inventory Year, Make, Model, VIN, Stock/Inventory Stock ID, Mileage, Color, Trim)
  fill the blank fields of one vehicle: the only vehicle, else the first non-trade-in vehicle with gaps. Filled
  fields are listed in `AdfVehicle.from_comments` and in `warnings`; sent values are never overwritten, and
  truncated values ("Road Glide (Spec") are kept as sent. All "Key: value" pairs are in `comment_fields`.
* Invalid e-mail addresses are kept in `AdfContact.invalid_emails` only; phones keep the number as received plus
  `e164` (None if not a possible number, with a warning). A contact is usable with one valid e-mail or one
  possible phone; the customer must have one, else `AdfError(field="customer.contact")`.
* `request_type` ∈ {purchase, lease, test_drive, trade_in, finance, info}: finance when the source is a credit
  application, test_drive when asked for (interest, `<requesttype>`, source or comments), lease/purchase when a
  vehicle is wanted, trade_in when only a trade-in/sell vehicle is given, info otherwise or for non-sales contacts.
* Non-sales contacts (job applications, vendor solicitations) are detected from the comments when no vehicle
  is identified: `is_sales_lead=False` with `non_sales_reason`.

Entry points: `parse.parse_adf` / `parse.parse_adf_all` and `extract.extract_adf_documents`; the results are
the dataclasses of `model`. Import each name from the module that defines it.
"""
