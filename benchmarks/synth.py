"""Synthetic registers of N activities with realistic field sizes, for benchmarks.

About 1 KB of YAML per activity, so 10,000 activities make a register of about 10 MB, as the
performance targets assume. Every quote occurs in the generated source text, so the register
validates cleanly and the measured path is the one a real register takes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ropa.loading.load import load_text
from ropa.model import Register

SOURCE = """Synthetic privacy policy of Benchmark AB

Benchmark AB (org.nr 559999-0001), Testgatan 7, 702 10 Örebro, Sweden, is the controller. Contact: dpo@benchmark.example.
We process your name, e-mail address, phone number, postal address and billing information to administer orders, cancellations and invoicing.
We record support calls for internal training and development. You may ask us not to record your call and to delete a recording.
Our hosting provider stores data in our data centre in Sweden. Our e-mail provider may process data in the United States under standard contractual clauses.
Invoices are kept for seven years as required by the Swedish Bookkeeping Act. Other data are deleted two years after the end of the customer relationship.
All data are encrypted in transit and at rest, and access is limited to staff who need it.
"""

HEAD = """# yaml-language-server: $schema=../schemas/register.schema.json
ropa: 1
register:
  id: synthetic-{n}
  title: Synthetic register with {n} activities
  date: 2025-06-01
  language: en
  last_reviewed: {{not_stated: true}}
sources:
  - id: policy
    file: policy.txt
    title: Synthetic privacy policy of Benchmark AB
    language: en
    date: {{not_stated: true}}
controller:
  name: {{value: Benchmark AB, evidence: [{{quote: "Benchmark AB (org.nr 559999-0001)"}}]}}
  registration_number: {{value: 559999-0001, evidence: [{{quote: "org.nr 559999-0001"}}]}}
  address: {{value: "Testgatan 7, 702 10 Örebro, Sweden", evidence: [{{quote: "Testgatan 7, 702 10 Örebro, Sweden"}}]}}
  country: {{value: SE, evidence: [{{quote: "Örebro, Sweden"}}]}}
  contacts:
    - kind: email
      value: dpo@benchmark.example
      evidence: [{{quote: "Contact: dpo@benchmark.example."}}]
representative: {{not_applicable: true, reason: The controller is established in the EU.}}
dpo: {{not_stated: true}}
joint_controllers: {{not_stated: true}}
supervisory_authority: {{not_stated: true}}
roles: [controller]
art30_5: {{exemption_applies: false, employees: {{not_stated: true}}, reasoning: Processing is not occasional.}}
data_subject_rights:
  - rights: [art17-erasure]
    how: Ask support.
    evidence: [{{quote: "You may ask us not to record your call and to delete a recording."}}]
data_subject_categories:
  - id: customers
    name: Customers
    evidence: [{{quote: "to administer orders, cancellations and invoicing"}}]
data_categories:
  - {{id: name, name: Name, evidence: [{{quote: "your name"}}]}}
  - {{id: email, name: E-mail address, evidence: [{{quote: "e-mail address"}}]}}
  - {{id: billing, name: Billing information, evidence: [{{quote: "billing information"}}]}}
recipients:
  - id: hosting
    name: Hosting provider
    kind: processor
    country: {{value: SE, evidence: [{{quote: "our data centre in Sweden"}}]}}
    evidence: [{{quote: "Our hosting provider stores data"}}]
  - id: mail
    name: E-mail provider
    kind: processor
    country: {{value: US, evidence: [{{quote: "may process data in the United States"}}]}}
    evidence: [{{quote: "Our e-mail provider may process data"}}]
security_measures:
  - id: encryption
    description: Encryption in transit and at rest.
    kind: technical
    organisation_wide: true
    evidence: [{{quote: "All data are encrypted in transit and at rest"}}]
  - id: need-to-know
    description: Access limited to staff who need it.
    kind: organisational
    evidence: [{{quote: "access is limited to staff who need it"}}]
activities:
"""

ACTIVITY = """  - id: activity-{i}
    name: Orders, unit {i}
    business_function: {{not_stated: true}}
    purposes:
      - description: Administering orders, cancellations and invoicing (unit {i}).
        evidence: [{{quote: "to administer orders, cancellations and invoicing"}}]
        lawful_basis: {{basis: b-contract, evidence: [{{quote: "to administer orders"}}]}}
    data_subjects: {{value: [customers], evidence: [{{quote: "to administer orders"}}]}}
    data_categories: {{value: [name, email, billing], evidence: [{{quote: "We process your name, e-mail address"}}]}}
    data_source: {{not_stated: true}}
    recipients: {{value: [hosting, mail], evidence: [{{quote: "Our hosting provider stores data"}}]}}
    transfers:
      - country: US
        recipient: mail
        mechanism: {{mechanism: art46-2-c-standard-contractual-clauses, evidence: [{{quote: "under standard contractual clauses"}}]}}
        evidence: [{{quote: "may process data in the United States"}}]
    retention:
      - {{data_categories: [billing], period: P7Y, legal_reference: Bokföringslagen, evidence: [{{quote: "Invoices are kept for seven years"}}]}}
    security_measures: {{value: [need-to-know], evidence: [{{quote: "access is limited to staff who need it"}}]}}
    automated_decisions: {{not_stated: true}}
    dpia: {{not_stated: true}}
    storage_location: {{not_stated: true}}
"""


def register_yaml(n: int) -> str:
    """The YAML text of a synthetic register with ``n`` activities."""
    return HEAD.format(n=n) + "".join(ACTIVITY.format(i=i) for i in range(n))


def write_register(folder: Path, n: int) -> Path:
    """Write a synthetic register and its source text into ``folder``; return the register path."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.txt").write_text(SOURCE, encoding="utf-8")
    path = folder / f"synthetic-{n}.yaml"
    path.write_text(register_yaml(n), encoding="utf-8")
    return path


def build_register(n: int) -> Register:
    """A validated ``Register`` model with ``n`` activities (no file needed)."""
    data, _ = load_text(register_yaml(n))
    return Register.model_validate(data)


if __name__ == "__main__":
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    print(write_register(Path(sys.argv[2]) if len(sys.argv) > 2 else Path("benchmarks/.data"), count))
