"""Closed lists of the register, each citing the article of Regulation (EU) 2016/679 it encodes."""

from __future__ import annotations

import enum


class Language(enum.StrEnum):
    """Languages the label catalogue speaks (ISO 639-1): outputs can be labelled in these; a register may be in any ISO 639-1 language."""

    EN = "en"
    SV = "sv"
    NL = "nl"
    DE = "de"
    FR = "fr"


class RegisterKind(enum.StrEnum):
    """Whose view a register records (Art. 30(1): the record is the controller's own; ropa also encodes published policies)."""

    POLICY = "policy"  # encoded from the outside, from published documents: a gap is "not stated in source"
    INTERNAL = "internal"  # the organisation's own record: a gap is "not recorded"


class Role(enum.StrEnum):
    """Whether the organisation acts as controller (Art. 4(7), Art. 30(1)) or processor (Art. 4(8), Art. 30(2))."""

    CONTROLLER = "controller"
    PROCESSOR = "processor"


class LawfulBasis(enum.StrEnum):
    """Art. 6(1) GDPR: the lawful bases of processing, one letter each."""

    CONSENT = "a-consent"
    CONTRACT = "b-contract"
    LEGAL_OBLIGATION = "c-legal-obligation"
    VITAL_INTERESTS = "d-vital-interests"
    PUBLIC_TASK = "e-public-task"
    LEGITIMATE_INTERESTS = "f-legitimate-interests"


class SpecialCategory(enum.StrEnum):
    """Art. 9(1) GDPR: the special categories of personal data."""

    RACIAL_ETHNIC_ORIGIN = "racial-or-ethnic-origin"
    POLITICAL_OPINIONS = "political-opinions"
    RELIGIOUS_BELIEFS = "religious-or-philosophical-beliefs"
    TRADE_UNION = "trade-union-membership"
    GENETIC = "genetic-data"
    BIOMETRIC = "biometric-data-for-identification"
    HEALTH = "health"
    SEX_LIFE = "sex-life-or-sexual-orientation"


class Art9Condition(enum.StrEnum):
    """Art. 9(2)(a)-(j) GDPR: conditions that lift the ban on special-category processing."""

    EXPLICIT_CONSENT = "a-explicit-consent"
    EMPLOYMENT_SOCIAL_SECURITY = "b-employment-social-security"
    VITAL_INTERESTS = "c-vital-interests"
    NOT_FOR_PROFIT_BODY = "d-not-for-profit-body"
    MANIFESTLY_PUBLIC = "e-made-manifestly-public"
    LEGAL_CLAIMS = "f-legal-claims"
    SUBSTANTIAL_PUBLIC_INTEREST = "g-substantial-public-interest"
    HEALTH_OR_SOCIAL_CARE = "h-health-or-social-care"
    PUBLIC_HEALTH = "i-public-health"
    ARCHIVING_RESEARCH_STATISTICS = "j-archiving-research-statistics"


class Art10Basis(enum.StrEnum):
    """Art. 10 GDPR: criminal-offence data only under official authority or where Union or Member State law authorises it."""

    OFFICIAL_AUTHORITY = "official-authority"
    AUTHORISED_BY_LAW = "authorised-by-union-or-member-state-law"


class RecipientKind(enum.StrEnum):
    """Art. 30(1)(d) GDPR: the kinds of recipient (Art. 4(9)) a register distinguishes; `public` is disclosure by dissemination (Art. 4(2)), never a transfer to a country (CJEU C-101/01 Lindqvist)."""

    PROCESSOR = "processor"
    SUB_PROCESSOR = "sub-processor"
    AFFILIATE = "affiliate"
    INDEPENDENT_CONTROLLER = "independent-controller"
    JOINT_CONTROLLER = "joint-controller"
    PUBLIC_AUTHORITY = "public-authority"
    COURT = "court"
    BUSINESS_PARTNER = "business-partner"
    #: Art. 4(2) "disclosure by transmission, dissemination or otherwise making available": data published to everyone
    #: (contributions, error reports made public). Not a transfer to a third country (CJEU C-101/01 Lindqvist, para. 71).
    PUBLIC = "public"
    OTHER = "other"


class TransferMechanism(enum.StrEnum):
    """Chapter V GDPR (Art. 45, 46, 47, 49): the ground on which data leave the EEA."""

    ADEQUACY = "art45-adequacy-decision"
    LEGALLY_BINDING_INSTRUMENT = "art46-2-a-public-authority-instrument"
    BINDING_CORPORATE_RULES = "art46-2-b-binding-corporate-rules"
    STANDARD_CLAUSES = "art46-2-c-standard-contractual-clauses"
    AUTHORITY_CLAUSES = "art46-2-d-authority-adopted-clauses"
    CODE_OF_CONDUCT = "art46-2-e-code-of-conduct"
    CERTIFICATION = "art46-2-f-certification"
    AD_HOC_CLAUSES = "art46-3-a-authorised-contractual-clauses"
    ADMINISTRATIVE_ARRANGEMENT = "art46-3-b-administrative-arrangement"
    EXPLICIT_CONSENT = "art49-1-a-explicit-consent"
    CONTRACT_WITH_SUBJECT = "art49-1-b-contract-with-data-subject"
    CONTRACT_IN_INTEREST = "art49-1-c-contract-in-subjects-interest"
    PUBLIC_INTEREST = "art49-1-d-important-public-interest"
    LEGAL_CLAIMS = "art49-1-e-legal-claims"
    VITAL_INTERESTS = "art49-1-f-vital-interests"
    PUBLIC_REGISTER = "art49-1-g-public-register"
    COMPELLING_INTERESTS = "art49-1-second-subparagraph-compelling-legitimate-interests"
    PRIVACY_SHIELD = "privacy-shield-2016-1250"


class RecipientRelation(enum.StrEnum):
    """How a recipient stands to another recipient of the register.

    ``sub-processor-of``: engaged by that processor (Art. 28(2) and (4) GDPR); ``eu-representative-of``: its
    representative in the Union (Art. 27); ``subsidiary-of``, ``parent-of`` and ``same-group-as``: undertakings of one
    group (Art. 4(19), recital 48); ``alternative-contracting-party-to``: the source names either entity as the
    contracting party (e.g. "Example Inc. or its EU subsidiary").
    """

    SUB_PROCESSOR_OF = "sub-processor-of"
    EU_REPRESENTATIVE_OF = "eu-representative-of"
    SUBSIDIARY_OF = "subsidiary-of"
    PARENT_OF = "parent-of"
    SAME_GROUP_AS = "same-group-as"
    ALTERNATIVE_CONTRACTING_PARTY_TO = "alternative-contracting-party-to"


class SecurityKind(enum.StrEnum):
    """Art. 32(1) GDPR: technical or organisational measure."""

    TECHNICAL = "technical"
    ORGANISATIONAL = "organisational"


class DataSource(enum.StrEnum):
    """Art. 13 and 14 GDPR: where the personal data come from."""

    DATA_SUBJECT = "data-subject"
    OBSERVED = "observed-use-of-service"
    THIRD_PARTY = "third-party"
    PUBLIC_SOURCE = "publicly-accessible-source"
    EMPLOYER = "employer-or-organisation"


class Right(enum.StrEnum):
    """Chapter III GDPR (Art. 7(3), 15-22): the rights a data subject can exercise."""

    WITHDRAW_CONSENT = "art7-3-withdraw-consent"
    ACCESS = "art15-access"
    RECTIFICATION = "art16-rectification"
    ERASURE = "art17-erasure"
    RESTRICTION = "art18-restriction"
    NOTIFICATION_TO_RECIPIENTS = "art19-notification-to-recipients"
    PORTABILITY = "art20-portability"
    OBJECTION = "art21-objection"
    OBJECT_DIRECT_MARKETING = "art21-2-object-to-direct-marketing"
    NO_AUTOMATED_DECISION = "art22-not-subject-to-automated-decision"
    COMPLAINT = "art77-complaint-to-authority"


class DpiaStatus(enum.StrEnum):
    """Art. 35 GDPR: whether a data protection impact assessment is needed and where it stands."""

    NOT_REQUIRED = "not-required"
    REQUIRED_PLANNED = "required-planned"
    REQUIRED_DONE = "required-done"


class ClaimKind(enum.StrEnum):
    """Promises a policy makes about the processing as a whole, checked against its details (Art. 5(1)(a) transparency)."""

    DATA_STAY_IN_EEA = "data-stay-in-eea"
    NO_DISCLOSURE_TO_THIRD_PARTIES = "no-disclosure-to-third-parties"
    NO_AUTOMATED_DECISIONS = "no-automated-decisions"
    DISCLOSURE_ONLY_WITH_CONSENT = "disclosure-only-with-consent"
    TRANSFERS_ONLY_TO_ADEQUATE_COUNTRIES = "transfers-only-to-adequate-countries"
    DATA_STAY_IN_OWN_DATA_CENTRE = "data-stay-in-own-data-centre"
    RIGHTS_FREE_OF_CHARGE = "rights-free-of-charge"  # Art. 12(5)
    OTHER = "other"  # a promise the register holds no detail to check against: shown, not checked
    NO_COOKIES_BEFORE_CONSENT = "no-cookies-before-consent"
    COOKIES_HOLD_NO_PERSONAL_DATA = "cookies-hold-no-personal-data"
    ANONYMOUS_VISIT = "anonymous-visit"


class CookieParty(enum.StrEnum):
    """Who sets a cookie (ePrivacy Directive 2002/58/EC Art. 5(3); GDPR Art. 4(9) when a third party receives what it reads):
    the website's own domain, or another party's domain through the website."""

    FIRST_PARTY = "first-party"
    THIRD_PARTY = "third-party"
    BOTH = "first-and-third-party"


class ContactKind(enum.StrEnum):
    """Art. 30(1)(a) GDPR: the kinds of contact details of a party."""

    EMAIL = "email"
    PHONE = "phone"
    POSTAL = "postal"
    WEB = "web"
    FORM = "form"
    FAX = "fax"  # Art. 30(1)(a): a fax number is a contact detail like a phone number
    OPENPGP_KEY = "openpgp-key"  # Art. 32(1)(a): an OpenPGP key (RFC 9580) to encrypt messages to the party: fingerprint or link


class GeographicReach(enum.StrEnum):
    """WP248 rev.01 criterion 5 ("large scale"), after Art. 35(3)(b)-(c) and recital 91: the geographical extent of the processing."""

    LOCAL = "local"
    REGIONAL = "regional"
    NATIONAL = "national"
    INTERNATIONAL = "international"


class ArrangementParty(enum.StrEnum):
    """Art. 26(1) GDPR: which of the joint controllers takes on a part of their arrangement."""

    THIS_CONTROLLER = "this-controller"
    JOINT_CONTROLLER = "joint-controller"
    EACH = "each"


class JointDuty(enum.StrEnum):
    """Art. 26(1) GDPR: the responsibilities joint controllers divide in their arrangement, in particular Art. 13 and 14."""

    INFORMATION = "information-art13-14"
    RIGHTS = "data-subject-rights-art15-22"
    LAWFUL_BASIS = "lawful-basis-art6"
    SECURITY = "security-art32"
    BREACH = "breach-notification-art33-34"
    DPIA = "dpia-art35"
    PROCESSORS = "processors-art28"
    OTHER = "other"


class ProvisionRequirement(enum.StrEnum):
    """Art. 13(2)(e) GDPR: whether providing the personal data is a statutory or contractual requirement, a requirement
    necessary to enter into a contract, or voluntary."""

    STATUTORY = "statutory"
    CONTRACTUAL = "contractual"
    PRE_CONTRACTUAL = "necessary-to-enter-into-contract"
    VOLUNTARY = "voluntary"
