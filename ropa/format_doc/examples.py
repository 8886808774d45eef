"""The YAML examples of docs/format.md: one register cut into its sections, and the source it quotes.

Put together they are a whole register; tests/test_format_doc.py validates it against SOURCE, so
an example in the reference cannot drift from the format.
"""

from __future__ import annotations

#: The source text the examples quote (the file `policy.txt` of the example register).
SOURCE = """\
Privacy policy of Example AB

Example AB (org.nr 556000-0000), Storgatan 1, 111 22 Stockholm, Sweden, is responsible for your personal data.
Questions: privacy@example.se. Our data protection officer is Anna Berg, dpo@example.se.
We have about 40 employees. You may complain to the Swedish Authority for Privacy Protection (IMY).

Newsletter
When you subscribe to our newsletter we use your e-mail address and first name to send it to you.
You can unsubscribe at any time through the link in every newsletter.
We send the newsletter with MailChimp, whose servers are in the USA, under the EU standard contractual clauses.
MailChimp keeps the mailing list with its sub-processor Example Cloud GmbH in Frankfurt, Germany.
We keep your address until you unsubscribe. We do not use your data for profiling.
The sign-up page sets our own cookie signup_form, which is strictly necessary to send the form and is deleted when you close your browser.

Security
All data is encrypted in transit.
"""

#: Section anchor -> the YAML of that section (top-level keys, in register order).
EXAMPLES: dict[str, str] = {
    "part-file": """\
# yaml-language-server: $schema=../../schemas/register.schema.json
ropa: 1
""",
    "part-register": """\
register:
  id: example
  date: 2025-06-01
  language: en
  kind: internal
  last_reviewed: {value: 2025-05-20, evidence: [{attested_by: DPO, date: 2025-05-20, document: Review minutes 2025-05}]}
  review_period_months: 12
""",
    "part-sources": """\
sources:
  - id: policy
    file: policy.txt
    title: Privacy policy of Example AB
    language: en
    date: {not_stated: true, note: "Captured 2025-06-01; the policy carries no date."}
    url: https://example.se/privacy
""",
    "part-controller": """\
controller:
  name: {value: Example AB, evidence: [{quote: "Example AB (org.nr 556000-0000)"}]}
  short_name: Example
  registration_number: {value: 556000-0000, evidence: [{quote: "org.nr 556000-0000"}]}
  address: {value: "Storgatan 1, 111 22 Stockholm, Sweden", evidence: [{quote: "Storgatan 1, 111 22 Stockholm, Sweden"}]}
  country: {value: SE, evidence: [{quote: "Stockholm, Sweden"}]}
  contacts:
    - kind: email
      value: privacy@example.se
      purpose: questions about personal data
      evidence: [{quote: "Questions: privacy@example.se."}]
""",
    "part-parties": """\
representative: {not_applicable: true, reason: "The controller is established in the EU (Art. 27(1))."}
dpo:
  name: Anna Berg
  contacts:
    - kind: email
      value: dpo@example.se
      evidence: [{quote: "Anna Berg, dpo@example.se"}]
  evidence: [{quote: "Our data protection officer is Anna Berg"}]
joint_controllers: {not_stated: true}
""",
    "part-authority": """\
supervisory_authority:
  name: Integritetsskyddsmyndigheten (IMY)
  country: SE
  evidence: [{quote: "Swedish Authority for Privacy Protection (IMY)"}]
""",
    "part-roles-and-art30-5": """\
roles: [controller]
art30_5:
  exemption_applies: false
  employees: {value: 40, evidence: [{quote: "We have about 40 employees."}], note: "About 40."}
  reasoning: "The newsletter is ongoing, not occasional processing (Art. 30(5))."
""",
    "part-rights": """\
data_subject_rights:
  - rights: [art21-2-object-to-direct-marketing, art77-complaint-to-authority]
    how: link in every newsletter
    evidence: [{quote: "You can unsubscribe at any time through the link in every newsletter."}]
policy_claims:
  - kind: no-automated-decisions
    evidence: [{quote: "We do not use your data for profiling."}]
""",
    "part-registries": """\
data_subject_categories:
  - id: subscribers
    name: Newsletter subscribers
    evidence: [{quote: "When you subscribe to our newsletter"}]
data_categories:
  - id: email
    name: E-mail address
    evidence: [{quote: "your e-mail address"}]
  - id: first-name
    name: First name
    evidence: [{quote: "first name"}]
recipients:
  - id: mailchimp
    name: MailChimp
    kind: processor
    description: Sends the newsletter.
    country: {value: US, evidence: [{quote: "MailChimp, whose servers are in the USA"}]}
    evidence: [{quote: "We send the newsletter with MailChimp"}]
  - id: example-cloud
    name: Example Cloud GmbH
    kind: sub-processor
    description: Keeps MailChimp's mailing list.
    country: {value: DE, evidence: [{quote: "Example Cloud GmbH in Frankfurt, Germany"}]}
    relations:
      - relation: sub-processor-of
        recipient: mailchimp
        evidence: [{quote: "MailChimp keeps the mailing list with its sub-processor Example Cloud GmbH"}]
    evidence: [{quote: "its sub-processor Example Cloud GmbH"}]
security_measures:
  - id: tls
    description: Data encrypted in transit.
    kind: technical
    organisation_wide: true
    evidence: [{quote: "All data is encrypted in transit."}]
""",
    "part-cookies": """\
cookies:
  - id: signup-form
    name: signup_form
    party: {value: first-party, evidence: [{quote: "sets our own cookie signup_form"}]}
    purpose: {value: Sending the sign-up form, evidence: [{quote: "to send the form"}]}
    lifetime: {value: session, evidence: [{quote: "is deleted when you close your browser"}]}
    strictly_necessary: {value: true, evidence: [{quote: "which is strictly necessary to send the form"}]}
    evidence: [{quote: "The sign-up page sets our own cookie signup_form"}]
""",
    "part-defaults": """\
defaults:
  security_measures: {value: [tls], evidence: [{quote: "All data is encrypted in transit."}]}
""",
    "part-activities": """\
activities:
  - id: newsletter
    name: Newsletter
    business_function: {value: Marketing, evidence: [{attested_by: Head of marketing, date: 2025-05-20}]}
    purposes:
      - description: Sending the newsletter to subscribers.
        evidence: [{quote: "we use your e-mail address and first name to send it to you"}]
        lawful_basis:
          basis: a-consent
          consent_withdrawal: Unsubscribe link in every newsletter.
          evidence: [{quote: "When you subscribe to our newsletter"}, {quote: "You can unsubscribe at any time"}]
    data_subjects: {value: [subscribers], evidence: [{quote: "When you subscribe to our newsletter"}]}
    data_categories: {value: [email, first-name], evidence: [{quote: "we use your e-mail address and first name"}]}
    data_source: {value: [data-subject], evidence: [{quote: "When you subscribe to our newsletter"}]}
    recipients: {value: [mailchimp], evidence: [{quote: "We send the newsletter with MailChimp"}]}
    transfers:
      - country: US
        recipient: mailchimp
        mechanism:
          mechanism: art46-2-c-standard-contractual-clauses
          evidence: [{quote: "under the EU standard contractual clauses"}]
        evidence: [{quote: "MailChimp, whose servers are in the USA"}]
    retention:
      - data_categories: [email, first-name]
        rule: until the subscriber unsubscribes
        evidence: [{quote: "We keep your address until you unsubscribe."}]
    automated_decisions: {none: true, evidence: [{quote: "We do not use your data for profiling."}]}
    dpia: {status: not-required, evidence: [], note: "No criterion of WP248 rev.01 is met."}
    storage_location:
      - description: MailChimp's servers
        country: US
        recipient: mailchimp
        evidence: [{quote: "MailChimp, whose servers are in the USA"}]
    cookies: [signup-form]
""",
}

#: The four states of a point, as the reference shows them once.
STATES_EXAMPLE = """\
country: {value: SE, evidence: [{quote: "Örebro, Sweden"}]}          # stated, with a verbatim quote
retention: {not_stated: true, note: "The policy gives no period."}    # not stated: a gap in every output
transfers: {none: true, evidence: [{quote: "stored in our own data centre"}]}   # none, as the source says
representative: {not_applicable: true, reason: "Established in the EU (Art. 27(1))."}   # does not apply
"""


def register_text() -> str:
    """The whole example register."""
    return "".join(EXAMPLES.values())
