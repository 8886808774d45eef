"""Data subjects and data categories: what the registries say of each (description, flags, evidence)
reaches the Word register (in each activity and in its annex) and the workbook's Register sheet."""

from __future__ import annotations

from docx.document import Document
from docx.table import Table
from docx.text.paragraph import Paragraph

from tests import test_render_excel as excel
from tests import test_render_word as word
from tests.conftest import ROOT

CMM = ROOT / "policies" / "cmm" / "register.yaml"
CAB = ROOT / "policies" / "cab" / "register.yaml"
DPIA = ROOT / "tests" / "examples" / "valid" / "dpia" / "register.yaml"
CUSTOMERS = "Customers and account holders"
AGE_LIMIT = "People who create an account or purchase CMM's Services (only those over 18)."
AGE_QUOTE = "“Our Services are available for purchase only for those over the age of 18.”"


def _activity_rows(doc: Document, name: str) -> dict[str, str]:
    number = next(text.split("\t")[0] for _, text in word.headings(doc) if text.endswith("\t" + name))
    return word.label_rows(word.table_after(doc, f"{number}\t{name}"))


def _annex(doc: Document, title: str) -> list[Paragraph | Table]:
    """The annex's content after its heading (the heading, not its entry in the contents), up to the next annex."""
    items = word.content(doc)
    start = max(i for i, item in enumerate(items) if word.is_heading(item) and word.text_of(item).endswith(title))
    rest = items[start + 1 :]
    end = next((i for i, item in enumerate(rest) if word.style_of(item) == "Heading 1"), len(rest))  # the next annex (cookies)
    return rest[:end]


def _tables(items: list[Paragraph | Table]) -> list[dict[str, list[str]]]:
    """Each table as {first line of the entry: [whole entry text, activities]}."""
    return [
        {row.cells[0].text.split("\n")[0]: [row.cells[0].text, row.cells[1].text] for row in item.rows[1:]}
        for item in items
        if isinstance(item, Table)
    ]


def _source_line(items: list[Paragraph | Table], quote: str) -> str:
    """The source line beneath ``quote`` in an evidence block ('' when the quote is not there)."""
    texts = [word.text_of(item) for item in items]
    return texts[texts.index(quote) + 1] if quote in texts else ""


def test_activity_shows_who_belongs_to_a_subject_category() -> None:
    """CMM's customers are only those over 18: each activity with customers shows it under the name, and points to the annex."""
    doc = word.open_doc(word.rendered(CMM))
    for name in ("Accounts, purchases and delivery of the Services", "Service and transactional communications"):
        subjects = _activity_rows(doc, name)["Categories of data subjects"]
        assert subjects.startswith(f"{CUSTOMERS}\n{AGE_LIMIT}\n"), subjects
        assert subjects.endswith("What the source says of each category: Annex I.")


def test_annex_describes_each_category_once_with_its_quotes() -> None:
    """The annex lists the customers with their description and activities, and quotes the age limit for them."""
    doc = word.open_doc(word.rendered(CMM))
    annex = _annex(doc, "Annex I – Data subjects and data categories")
    subjects, categories = _tables(annex)
    entry, used = subjects[CUSTOMERS]
    assert entry == f"{CUSTOMERS}\n{AGE_LIMIT}"
    number = next(
        text.split("\t")[0] for _, text in word.headings(doc) if text.endswith("\tAccounts, purchases and delivery of the Services")
    )
    assert number in used.split(", ")
    assert _source_line(annex, AGE_QUOTE) == f"— CMM GDPR policy. Evidence for: {CUSTOMERS}"
    assert "Name" in categories
    texts = [word.text_of(item) for item in word.content(doc)]
    assert texts.count(AGE_QUOTE) == 1  # quoted once, in the annex, not on every activity's page


def test_description_is_a_note_beneath_the_name() -> None:
    """The description is set apart from the names in the note style, never run into them."""
    doc = word.open_doc(word.rendered(CMM))
    assert (AGE_LIMIT, "NoteText") in set(word.run_styles(doc))


def test_swedish_data_category_description_and_quote() -> None:
    """CAB's 'CID' is an abbreviation the policy does not explain: the Swedish document says so and quotes the policy."""
    doc = word.open_doc(word.rendered(CAB))
    categories = _activity_rows(doc, "Hantering av begäran om information, rättelse och radering")["Kategorier av personuppgifter"]
    assert "\nCID\nFörkortningen förklaras inte i policyn.\n" in categories
    assert "\nEgenhändig namnteckning\nFolkbokföringsadress\n" in categories  # no description: nothing added
    annex = _annex(doc, "– Registrerade och personuppgifter")
    assert _tables(annex)[1]["CID"][0] == "CID\nFörkortningen förklaras inte i policyn."
    assert "CID" in _source_line(annex, "”organisationsnummer och CID”").split(": ", 1)[1].split("; ")


def test_annex_shows_the_wp248_flags_the_register_sets() -> None:
    """A stated 'not vulnerable' shows with its note and quote; a flag left open shows as not stated, with the note."""
    doc = word.open_doc(word.rendered(DPIA))
    annex = _annex(doc, "– Data subjects and data categories")
    subjects, categories = _tables(annex)
    assert subjects["Loyalty card holders"][0].endswith("\nData concerning vulnerable data subjects: No\nNote: Adult customers.")
    assert "Data concerning vulnerable data subjects: Not stated in source\nNote: The policy says" in subjects["Pharmacy customers"][0]
    assert "Data concerning vulnerable" not in subjects["Shop visitors"][0]  # left out: nothing shown
    assert "Sensitive data or data of a highly personal nature: No" in categories["E-mail address"][0]
    assert "Loyalty card holders (Data concerning vulnerable data subjects)" in _source_line(annex, "“card holders”")


def test_workbook_describes_each_category_on_its_own_sheet() -> None:
    """The workbook says what each category is (description, flags, activities), not only the Evidence sheet its quote."""
    ws = excel.book(CMM)["Subjects and data categories"]
    customers = excel.record(ws, "customers", "ID")
    assert customers["Point"].value == "Categories of data subjects"
    assert customers["Name"].value == CUSTOMERS
    assert customers["Description"].value == AGE_LIMIT
    assert "account-purchases: Accounts, purchases and delivery of the Services" in str(customers["Activities"].value)
    cid = excel.record(excel.book(CAB, "en")["Subjects and data categories"], "cid", "ID")
    assert cid["Point"].value == "Categories of personal data"
    assert cid["Description"].value == "Förkortningen förklaras inte i policyn."
    flags = excel.records(excel.book(DPIA)["Subjects and data categories"])
    by_id = {str(r["ID"].value): str(r["Flags (Art. 9, Art. 10, WP248)"].value or "") for r in flags}
    assert by_id["card-holders"] == "Data concerning vulnerable data subjects: No (Adult customers.)"
    assert by_id["pharmacy-customers"].startswith("Data concerning vulnerable data subjects: Not stated in source (The policy says")
    assert by_id["visitors"] == ""
    assert by_id["medication"].startswith("Health (special category, Art. 9(1))")
