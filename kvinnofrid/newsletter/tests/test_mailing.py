"""The fast message builder writes what the standard library's e-mail package would: the
same headers and, decoded, the same two bodies, whatever the content."""

from email import policy
from email.parser import BytesParser

from hypothesis import given, settings
from hypothesis import strategies as st

from kvinnofrid.newsletter.mailing import (
    PREFERENCES_PLACEHOLDER,
    UNSUBSCRIBE_PLACEHOLDER,
    MessageFactory,
    RenderedIssue,
)

LINKS = {
    "preferences_url": "https://kvinnofrid.example/nyhetsbrev/installningar/abc:def/",
    "unsubscribe_url": "https://kvinnofrid.example/nyhetsbrev/avsluta/abc.12:xyz/",
    "message_id": "<newsletter.1.2@kvinnofrid.example>",
}


def both_ways(rendered: RenderedIssue, to: str = "anna.andersson@example.org"):
    factory = MessageFactory(
        rendered=rendered,
        from_email="Länsstyrelsen i Stockholms län <no-reply@kvinnofrid.example>",
        list_id="Nyhetsbrev Stockholm <list-7.kvinnofrid.example>",
    )
    parse = BytesParser(policy=policy.default).parsebytes
    return (
        parse(factory.build(to=to, **LINKS)),
        parse(factory._build_slowly(to=to, **LINKS)),
    )


def lines(body: str) -> str:
    """Line endings are the transport's business (CRLF on the wire, any on reading)."""
    return body.replace("\r\n", "\n").replace("\r", "\n").rstrip("\n")


def assert_same(fast, slow):
    for header in (
        "Subject",
        "From",
        "To",
        "Date",
        "Message-ID",
        "List-Id",
        "List-Unsubscribe",
        "List-Unsubscribe-Post",
        "Content-Language",
        "Auto-Submitted",
    ):
        assert str(fast[header]) == str(slow[header]), header
    assert fast.get_content_type() == "multipart/alternative"
    for kind in ("plain", "html"):
        fast_body = fast.get_body((kind,)).get_content()
        slow_body = slow.get_body((kind,)).get_content()
        assert lines(fast_body) == lines(slow_body), kind


def test_a_swedish_issue_comes_out_as_the_email_package_writes_it():
    text = (
        "Decembernumret – år 2026\n\n"
        ".En rad som börjar med punkt\nFrom en rad som börjar med From\n"
        "Avsluta: " + UNSUBSCRIBE_PLACEHOLDER + "\n"
        "Inställningar: " + PREFERENCES_PLACEHOLDER + "\n" + "Lång rad " * 40 + "   \n"
    )
    html = (
        '<html lang="sv"><body><p>Våld i nära relationer – ”citat”</p>'
        f'<a href="{UNSUBSCRIBE_PLACEHOLDER}">Avsluta</a>'
        f'<a href="{PREFERENCES_PLACEHOLDER}">Inställningar</a></body></html>'
    )
    fast, slow = both_ways(
        RenderedIssue(subject="Nyhetsbrev: höstens utbildningar", html=html, text=text)
    )
    assert_same(fast, slow)
    assert LINKS["unsubscribe_url"] in fast.get_body(("html",)).get_content()
    assert str(fast["List-Unsubscribe"]) == f"<{LINKS['unsubscribe_url']}>"


def test_an_internationalised_address_takes_the_careful_path():
    rendered = RenderedIssue(subject="Nummer", html="<p>Hej</p>", text="Hej")
    factory = MessageFactory(rendered=rendered, from_email="a@example.org", list_id="L <l.x>")
    raw = factory.build(to="åsa@exempel.se", **LINKS)
    parsed = BytesParser(policy=policy.default).parsebytes(raw)
    assert str(parsed["To"]) == "åsa@exempel.se"


@settings(max_examples=60, deadline=None)
@given(
    subject=st.text(min_size=1, max_size=120).filter(lambda s: s.strip()),
    text=st.text(max_size=600),
    html=st.text(max_size=600),
)
def test_any_content_decodes_to_the_same_message(subject, text, html):
    # Header values cannot carry line breaks; bodies can carry anything.
    subject = " ".join(subject.split()) or "x"
    fast, slow = both_ways(RenderedIssue(subject=subject, html=html, text=text))
    assert_same(fast, slow)
