"""Rendering an issue to the web version, the PDF and the e-mail."""

from .mailing import PREFERENCES_PLACEHOLDER, UNSUBSCRIBE_PLACEHOLDER, RenderedIssue
from .models import NewsletterIssuePage


def issue_email(issue: NewsletterIssuePage) -> RenderedIssue:
    """The e-mail of an issue, with the placeholders for the subscriber's own links.
    (Provisional: replaced by the full HTML rendering.)"""
    text = (
        f"{issue.title}\n\n{issue.intro}\n\n"
        f"Dina inställningar: {PREFERENCES_PLACEHOLDER}\n"
        f"Avsluta prenumerationen: {UNSUBSCRIBE_PLACEHOLDER}\n"
    )
    html = (
        f"<html lang='sv'><body><h1>{issue.title}</h1><p>{issue.intro}</p>"
        f"<p><a href='{PREFERENCES_PLACEHOLDER}'>Dina inställningar</a> "
        f"<a href='{UNSUBSCRIBE_PLACEHOLDER}'>Avsluta</a></p></body></html>"
    )
    return RenderedIssue(subject=issue.title, html=html, text=text)
