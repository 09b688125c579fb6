"""Settings of the Beschlusskontrolle, kept in the Plone registry."""

from bk.plone import _
from bk.plone.content.resolution import web_address
from bk.plone.importer.states import DEFAULT_FULFILLED_PHRASES
from bk.plone.importer.states import DEFAULT_OPEN_PHRASES
from bk.plone.letter.layout import PAGE_NUMBERS_ALL
from bk.plone.letter.layout import PAGE_NUMBERS_FOLLOWING
from bk.plone.oparl.filters import NO_DECISION_RESULTS
from plone.supermodel import model
from zope import schema
from zope.schema.vocabulary import SimpleTerm
from zope.schema.vocabulary import SimpleVocabulary


LETTER_FORMS = SimpleVocabulary(
    [
        SimpleTerm(
            "A",
            title=_(
                "letter_form_a",
                default="Form A: 27 mm letterhead, address field from 45 mm",
            ),
        ),
        SimpleTerm(
            "B",
            title=_(
                "letter_form_b",
                default="Form B: 45 mm letterhead, address field from 63 mm "
                "(window envelopes)",
            ),
        ),
    ]
)

PAGE_NUMBERS = SimpleVocabulary(
    [
        SimpleTerm(
            PAGE_NUMBERS_ALL,
            title=_("page_numbers_all", default="On every page"),
        ),
        SimpleTerm(
            PAGE_NUMBERS_FOLLOWING,
            title=_("page_numbers_following", default="From the second page on"),
        ),
    ]
)


class IBkSettings(model.Schema):
    """Everything the letter, the vocabularies and the reminders take from the site."""

    model.fieldset(
        "letter",
        label=_("fieldset_letter", default="Letter"),
        # On the letter's tab only: the other tabs' settings are not the letter's.
        description=_(
            "controlpanel_letter_hint",
            default="These texts appear in every letter from the next one on. "
            "Letters already issued keep the texts they were issued with.",
        ),
        fields=[
            "municipality",
            "issuer",
            "signatory",
            "default_recipients",
            "return_address",
            "contact",
            "letter_form",
            "page_numbers",
            "salutation",
            "intro",
            "fulfilled_sentence",
            "show_delays",
            "closing",
        ],
    )
    model.fieldset(
        "organisation",
        label=_("fieldset_organisation", default="Organisation"),
        fields=[
            "bodies",
            "body_recipients",
            "dispatch_attach_pdf",
            "responsible_offices",
            "reminder_lead_days",
        ],
    )
    model.fieldset(
        "import",
        label=_("fieldset_import", default="Import"),
        fields=["import_fulfilled_phrases", "import_open_phrases"],
    )
    model.fieldset(
        "oparl",
        label=_("fieldset_oparl", default="Council information system (OParl)"),
        fields=[
            "oparl_endpoint",
            "oparl_paper_types",
            "oparl_no_decision",
            "oparl_names",
        ],
    )
    model.fieldset(
        "security",
        label=_("fieldset_security", default="Security"),
        fields=["allowed_origins"],
    )

    municipality = schema.TextLine(
        title=_("label_municipality", default="Municipality"),
        description=_(
            "help_municipality",
            default="The sender's first line, as in the letterhead.",
        ),
        default="Landeshauptstadt Dresden",
        required=True,
    )

    issuer = schema.TextLine(
        title=_("label_issuer", default="Issuer line"),
        description=_(
            "help_issuer",
            default="The sender's second line: who writes the letter.",
        ),
        default="Der Oberbürgermeister",
        required=True,
    )

    signatory = schema.TextLine(
        title=_("label_signatory", default="Signatory"),
        description=_("help_signatory", default="The name under the letter."),
        default="Dirk Hilbert",
        required=True,
    )

    default_recipients = schema.Text(
        title=_("label_default_recipients", default="Default recipients"),
        description=_(
            "help_default_recipients",
            default="The address field of a letter whose resolution names no "
            "recipients. One line per line of the address.",
        ),
        default=(
            "An alle\n"
            "Fraktionen sowie Mitglieder\n"
            "des Stadtrates der Landeshauptstadt Dresden"
        ),
        required=True,
    )

    return_address = schema.TextLine(
        title=_("label_return_address", default="Return line"),
        description=_(
            "help_return_address",
            default="The small line above the address that a window envelope "
            'shows, e.g. "Landeshauptstadt Dresden · Postfach 12 00 20 · 01001 '
            'Dresden". Empty: the municipality and the issuer line.',
        ),
        default="",
        required=False,
    )

    contact = schema.Text(
        title=_("label_contact", default="Contact in the information block"),
        description=_(
            "help_contact",
            default="Lines beside the address, between reference and date. One "
            'per line: a label, a colon and the value, e.g. "Telefon: 0351 488-0".',
        ),
        default="",
        required=False,
    )

    letter_form = schema.Choice(
        title=_("label_letter_form", default="Letter form (DIN 5008)"),
        description=_(
            "help_letter_form",
            default="Where the address field stands: form B fits window "
            "envelopes, form A leaves less room for the letterhead.",
        ),
        vocabulary=LETTER_FORMS,
        default="B",
        required=True,
    )

    page_numbers = schema.Choice(
        title=_("label_page_numbers", default="Page numbers"),
        description=_(
            "help_page_numbers",
            default='"Page x of y" at the foot of the PDF and the printed letter.',
        ),
        vocabulary=PAGE_NUMBERS,
        default=PAGE_NUMBERS_ALL,
        required=True,
    )

    salutation = schema.TextLine(
        title=_("label_salutation", default="Salutation"),
        default="Sehr geehrte Fraktionen und Mitglieder des Stadtrates,",
        required=True,
    )

    intro = schema.Text(
        title=_("label_intro", default="Intro sentence"),
        default="folgender Zwischenstand kann zu oben genanntem Beschluss gegeben werden:",
        required=True,
    )

    fulfilled_sentence = schema.TextLine(
        title=_("label_fulfilled_sentence", default="Sentence for a fulfilled point"),
        description=_(
            "help_fulfilled_sentence",
            default="Printed for a fulfilled point whose status report is empty.",
        ),
        default="Der Beschlusspunkt ist erfüllt.",
        required=True,
    )

    show_delays = schema.Bool(
        title=_("label_show_delays", default="Reasons for delay in the letter"),
        description=_(
            "help_show_delays",
            default="After the status report of a point not yet carried out: its "
            'target date and reason for delay ("Verzögerung: …").',
        ),
        default=True,
        required=False,
    )

    closing = schema.TextLine(
        title=_("label_closing", default="Closing"),
        default="Mit freundlichen Grüßen",
        required=True,
    )

    body_recipients = schema.List(
        title=_("label_body_recipients", default="Recipients per body"),
        description=_(
            "help_body_recipients",
            default="Whom an issued letter or control list of a body is mailed to, "
            'one line per body: "Body|group id". A body without a line: the members '
            'of the group "council".',
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )

    dispatch_attach_pdf = schema.Bool(
        title=_("label_dispatch_attach_pdf", default="Attach the PDF"),
        description=_(
            "help_dispatch_attach_pdf",
            default="Mails of issued letters and lists carry the PDF, unless the "
            "document is confidential: those only link to the intranet.",
        ),
        default=True,
        required=False,
    )

    bodies = schema.List(
        title=_("label_bodies", default="Deciding bodies"),
        description=_(
            "help_bodies",
            default="The council and its committees, one per line.",
        ),
        value_type=schema.TextLine(),
        default=["Stadtrat", "Ausschuss für Allgemeine Verwaltung", "Ältestenrat"],
        required=True,
    )

    responsible_offices = schema.List(
        title=_("label_responsible_offices", default="Responsible offices"),
        description=_(
            "help_responsible_offices",
            default="One office per line: its short name, a pipe and its mail "
            'address for reminders, e.g. "(OB) INAUSLB|integration@example.org".',
        ),
        value_type=schema.TextLine(),
        default=["(OB) INAUSLB"],
        required=False,
    )

    reminder_lead_days = schema.Int(
        title=_("label_reminder_lead_days", default="Reminder lead time (days)"),
        description=_(
            "help_reminder_lead_days",
            default="How many days before the next control date the responsible "
            "office is reminded.",
        ),
        default=14,
        min=0,
        max=365,
        required=True,
    )

    import_fulfilled_phrases = schema.List(
        title=_(
            "label_import_fulfilled_phrases", default="Phrases of a fulfilled point"
        ),
        description=_(
            "help_import_fulfilled_phrases",
            default="When importing letters: a point is fulfilled when the last "
            "paragraph of its status report contains one of these phrases. One per "
            'line; words in parentheses are optional: "ist (somit) umgesetzt".',
        ),
        value_type=schema.TextLine(),
        default=list(DEFAULT_FULFILLED_PHRASES),
        required=False,
    )

    import_open_phrases = schema.List(
        title=_("label_import_open_phrases", default="Phrases of an open point"),
        description=_(
            "help_import_open_phrases",
            default="When importing letters: a point is open when its status report "
            "is empty or its last paragraph is one of these phrases and nothing "
            "more. Any other report means the point is in progress.",
        ),
        value_type=schema.TextLine(),
        default=list(DEFAULT_OPEN_PHRASES),
        required=False,
    )

    allowed_origins = schema.List(
        title=_("label_allowed_origins", default="Other allowed origins"),
        description=_(
            "help_allowed_origins",
            default='Web sites (e.g. "https://intranet.example.org") whose pages may '
            "change content here with a logged-in user's cookie, besides this site "
            "itself. One per line; usually empty.",
        ),
        value_type=schema.URI(),
        default=[],
        required=False,
    )

    oparl_endpoint = schema.URI(
        title=_("label_oparl_endpoint", default="OParl address"),
        description=_(
            "help_oparl_endpoint",
            default="The address of the council information system's OParl system "
            'or body, e.g. "https://ris.example.org/oparl/v1/system". Offered by '
            '"Sync with the council information system" on a folder.',
        ),
        required=False,
        constraint=web_address,
    )

    oparl_paper_types = schema.List(
        title=_("label_oparl_paper_types", default="Paper types to take"),
        description=_(
            "help_oparl_paper_types",
            default='Only papers of these types are taken, e.g. "Beschlussvorlage". '
            "One per line; empty takes every type.",
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )

    oparl_no_decision = schema.List(
        title=_("label_oparl_no_decision", default="Results without a decision"),
        description=_(
            "help_oparl_no_decision",
            default="A paper whose agenda item has one of these results (or none) "
            "has no decision to follow up and is not taken. One per line.",
        ),
        value_type=schema.TextLine(),
        default=list(NO_DECISION_RESULTS),
        required=False,
    )

    oparl_names = schema.List(
        title=_("label_oparl_names", default="Names in the council information system"),
        description=_(
            "help_oparl_names",
            default="Where a body or an office is named differently there: its name "
            "in the council information system, a pipe and the name here, e.g. "
            '"Amt für Integration|(OB) INAUSLB". Names that are the same need no line.',
        ),
        value_type=schema.TextLine(),
        default=[],
        required=False,
    )
