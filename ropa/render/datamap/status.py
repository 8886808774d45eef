"""The transfer status of a flow into a country, on the register's date (Chapter V GDPR)."""

from __future__ import annotations

import enum

from ropa.model.activity import MechanismStatement, Transfer
from ropa.model.enums import RecipientKind, TransferMechanism
from ropa.reference.countries import EEA


class Status(enum.StrEnum):
    """Chapter V GDPR: on what ground personal data reach a country, in the order the legend shows them."""

    EEA = "eea"  # inside the EEA: no transfer to a third country (Art. 44 does not apply)
    ADEQUACY = "adequacy"  # Art. 45: an adequacy decision (the Privacy Shield, Decision (EU) 2016/1250, was one)
    SAFEGUARDS = "safeguards"  # Art. 46 and 47: appropriate safeguards, binding corporate rules
    DEROGATION = "derogation"  # Art. 49: a derogation for a specific situation
    NOT_STATED = "not-stated"  # the source gives no ground (or no destination)


#: Fill colour of each status (colour-blind-safe, after Okabe and Ito), and grey for what is not stated.
COLOURS: dict[Status, str] = {
    Status.EEA: "#56B4E9",
    Status.ADEQUACY: "#009E73",
    Status.SAFEGUARDS: "#F0E442",
    Status.DEROGATION: "#E69F00",
    Status.NOT_STATED: "#D9D9D9",
}


class RecipientGroup(enum.StrEnum):
    """Art. 4(9) and 30(1)(d) GDPR: the roles the map groups recipients by, in the order it draws them."""

    PROCESSOR = "processor"  # Art. 4(8), 28: processors and their sub-processors
    CONTROLLER = "controller"  # Art. 4(7), 26: other controllers, alone or jointly
    AUTHORITY = "authority"  # Art. 4(9): public authorities and courts
    GROUP = "group"  # Recital 48: companies of the controller's group
    PUBLIC = "public"  # Art. 4(2): published to everyone (a disclosure, not a transfer: C-101/01 Lindqvist)
    OTHER = "other"  # business partners and anything else the source names
    KIND_NOT_STATED = "kind-not-stated"  # the source does not say in which role the recipient receives the data


GROUP_OF: dict[RecipientKind, RecipientGroup] = {
    RecipientKind.PROCESSOR: RecipientGroup.PROCESSOR,
    RecipientKind.SUB_PROCESSOR: RecipientGroup.PROCESSOR,
    RecipientKind.INDEPENDENT_CONTROLLER: RecipientGroup.CONTROLLER,
    RecipientKind.JOINT_CONTROLLER: RecipientGroup.CONTROLLER,
    RecipientKind.PUBLIC_AUTHORITY: RecipientGroup.AUTHORITY,
    RecipientKind.COURT: RecipientGroup.AUTHORITY,
    RecipientKind.AFFILIATE: RecipientGroup.GROUP,
    RecipientKind.BUSINESS_PARTNER: RecipientGroup.OTHER,
    RecipientKind.PUBLIC: RecipientGroup.PUBLIC,
    RecipientKind.OTHER: RecipientGroup.OTHER,
}


def of_mechanism(mechanism: TransferMechanism) -> Status:
    """The status a stated transfer mechanism gives (validation has checked it holds on the register's date)."""
    if mechanism is TransferMechanism.PRIVACY_SHIELD or mechanism.value.startswith("art45"):
        return Status.ADEQUACY
    if mechanism.value.startswith("art46"):
        return Status.SAFEGUARDS
    return Status.DEROGATION


def of_transfer(transfer: Transfer) -> Status:
    """A transfer's status: EEA for a destination inside it, else its mechanism's, else not stated."""
    if transfer.country in EEA:
        return Status.EEA
    if transfer.unnamed_destination is not None or not isinstance(transfer.mechanism, MechanismStatement):
        return Status.NOT_STATED
    return of_mechanism(transfer.mechanism.mechanism)


def of_country(code: str) -> Status:
    """A recipient's own country where no transfer records the ground: EEA, or not stated."""
    return Status.EEA if code in EEA else Status.NOT_STATED
