"""The organisation-level points: Art. 30(1)(a), sources, rights, Art. 30(5)."""

from __future__ import annotations

from typing import Annotated

from pydantic import Field, Strict

from ropa.model.claim_limits import ClaimLimit
from ropa.model.enums import ClaimKind, ContactKind, RegisterKind, Right
from ropa.model.markers import Evidence, EvidenceList, Fact, Id, Items, Model, Point, Text
from ropa.model.types import CountryCode, Date, FileId, LanguageCode


class RegisterInfo(Model):
    """What this document is: one organisation's register as of one date."""

    id: FileId = Field(description="Short identifier of the register, used in output file names.")
    title: Text | None = Field(default=None, description="Title shown on outputs; defaults to the controller's name.")
    date: Date = Field(
        description="The date the register speaks for (YYYY-MM-DD); adequacy and reviews are judged on this date unless `ropa validate --as-of` names another."
    )
    language: LanguageCode = Field(
        description="Language of the register's free text (ISO 639-1); the default language of its outputs' labels (English where ropa has no labels in it)."
    )
    kind: RegisterKind = Field(
        default=RegisterKind.POLICY,
        description="`policy` (default): encoded from published documents, a gap reads 'Not stated in source'; "
        "`internal`: the organisation's own record, a gap reads 'Not recorded'.",
    )
    last_reviewed: Point[Date] = Field(description="Date the register was last reviewed (regulators' templates).")
    review_period_months: Annotated[int, Strict(), Field(ge=1, le=120)] | None = Field(
        default=None,
        description="How often the register is reviewed, in months (Art. 24(1)): a review older than this is stale. Default 12.",
    )
    default_source: Id | None = Field(
        default=None,
        description="Id of the source that quotes naming no `source` refer to; default: the first listed source.",
    )


class Source(Model):
    """A document the register is encoded from; evidence quotes are checked against its text."""

    id: Id = Field(description="Identifier that evidence quotes refer to.")
    file: Text = Field(
        description="Path of the source document, relative to the register file: text (.txt, .md), a saved web page (.html, .htm) or Word (.docx)."
    )
    title: Text = Field(description="Title of the document as published.")
    language: LanguageCode = Field(description="Language the document is written in (ISO 639-1).")
    date: Point[Date] = Field(description="Date the document carries or was captured on.")
    url: Text | None = Field(default=None, description="Where the document was published or archived.")


class Contact(Model):
    """One contact channel of a party."""

    kind: ContactKind = Field(description="Email, phone, postal address, web page, web form, fax, or an OpenPGP key to encrypt messages.")
    value: Text = Field(description="The address, number or link exactly as the source gives it.")
    purpose: Text | None = Field(default=None, description="What the channel is for, e.g. 'privacy questions'.")
    evidence: EvidenceList


class Party(Model):
    """A person or organisation named in the register (DPO, representative, joint controller)."""

    name: Text | None = Field(default=None, description="Name of the person or organisation, as the source gives it.")
    address: Text | None = Field(default=None, description="Postal address.")
    country: CountryCode | None = Field(default=None, description="Country of establishment.")
    contacts: list[Contact] = Field(default_factory=list, description="Contact channels.")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark.")


class Authority(Model):
    """A supervisory authority (Art. 51, Art. 56 lead authority)."""

    name: Text = Field(description="Name of the authority, e.g. 'Integritetsskyddsmyndigheten (IMY)'.")
    country: CountryCode = Field(description="Member state of the authority.")
    address: Text | None = Field(default=None, description="Postal address of the authority.")
    website: Text | None = Field(default=None, description="Website of the authority.")
    contacts: list[Contact] = Field(default_factory=list, description="Contact channels of the authority: phone, e-mail, fax...")
    evidence: EvidenceList
    note: Text | None = Field(default=None, description="The encoder's remark, e.g. how the authority was inferred.")


class Controller(Model):
    """Art. 30(1)(a): name and contact details of the controller."""

    name: Fact[Text] = Field(description="Legal name of the controller as the source gives it.")
    short_name: Text | None = Field(default=None, description="The name used in running text (e.g. 'CMT').")
    registration_number: Point[Text] = Field(description="Company registration number (org.nr, KvK).")
    vat_number: Point[Text] | None = Field(default=None, description="VAT identification number, where recorded.")
    address: Point[Text] = Field(description="Registered or postal address.")
    country: Point[CountryCode] = Field(description="Country of establishment.")
    contacts: Items[Contact] = Field(description="Contact channels for data-protection matters.")
    website: Point[Text] | None = Field(default=None, description="Website, where recorded.")


class Art305(Model):
    """Art. 30(5): whether the exemption for organisations under 250 employees applies."""

    exemption_applies: Annotated[bool, Strict()] = Field(
        description="True only if the exemption applies (then no record is legally required)."
    )
    employees: Point[Annotated[int, Strict(), Field(title="Count", ge=0)]] = Field(description="Number of employees, if known.")
    reasoning: Text = Field(description="Why the exemption does or does not apply (occasional processing, risk, Art. 9 or 10 data).")


class RightStatement(Model):
    """Which data-subject rights the source grants and how they are exercised (Chapter III)."""

    rights: list[Right] = Field(min_length=1, description="Rights named by the source.")
    how: Text | None = Field(default=None, description="How a data subject exercises them (channel, form).")
    evidence: EvidenceList


class PolicyClaim(Model):
    """A promise the source makes about the processing (as a whole, or of the activities it names), checked against the details."""

    kind: ClaimKind = Field(
        description=(
            "What is promised. A warning names each detail that breaks it: `data-stay-in-eea`, a recipient, transfer or storage place"
            " outside the EEA; `no-disclosure-to-third-parties`, an independent controller or business partner;"
            " `no-automated-decisions`, an automated decision; `disclosure-only-with-consent`, an affiliate, controller, business"
            " partner, authority or court that an activity with no consent basis discloses to; `transfers-only-to-adequate-countries`,"
            " a transfer, recipient or storage place outside the EEA that no adequacy decision covers on the register's date;"
            " `data-stay-in-own-data-centre`, a processor, a storage place another party hosts, or a transfer;"
            " `rights-free-of-charge`, each of its `limits` (Art. 12(5)); `other` is shown, not checked."
        )
    )
    evidence: list[Evidence] = Field(min_length=1, description="The quote that makes the promise.")
    activities: list[Id] = Field(
        default_factory=list,
        description="The activities (ids) the promise speaks of, where the source limits it to some; left out: the processing as a whole.",
    )
    limits: list[ClaimLimit] = Field(
        default_factory=list,
        description="Conditions or exceptions the source attaches to the promise (e.g. free of charge 'once a year'), each quoted.",
    )
    note: Text | None = Field(default=None, description="The encoder's remark.")
