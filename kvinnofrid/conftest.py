import pytest

from kvinnofrid.testing.cast import build_cast


@pytest.fixture
def cast(db):
    return build_cast()


@pytest.fixture
def smtp_sink(tmp_path, settings):
    """A real SMTP server process; mail goes through the task queue to Django's SMTP
    backend pointed at it."""
    from kvinnofrid.testing.smtp import start_smtp_sink

    sink = start_smtp_sink(tmp_path / "maildir")
    settings.EMAIL_BACKEND = "kvinnofrid.core.mail.TaskEmailBackend"
    settings.KVINNOFRID_DELIVERY_EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = sink.host
    settings.EMAIL_PORT = sink.port
    settings.EMAIL_USE_TLS = False
    yield sink
    sink.stop()


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the session (Debian's, not a Playwright download)."""
    import os

    from kvinnofrid.testing.browser import CHROMIUM_ARGS, chromium_or_skip

    executable = chromium_or_skip()
    # Playwright's sync API runs an event loop in this thread; the live server's database
    # work happens in its own thread, so Django's async-safety guard does not apply here.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, live_server, settings):
    """A fresh browser tab on the live site. The neutral site of the quick exit is served
    locally: tests may not reach the internet."""
    context = browser.new_context(base_url=live_server.url, locale="sv-SE")
    tab = context.new_page()
    tab.route(
        settings.QUICK_EXIT_URL + "**",
        lambda route: route.fulfill(
            status=200, content_type="text/html", body="<html lang='sv'><title>Väder</title></html>"
        ),
    )
    tab.console_errors = []
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    yield tab
    context.close()


@pytest.fixture
def demo_content(settings):
    """The demo site of `make run`, with the search index built as the worker would."""
    from django.core.management import call_command

    settings.DEBUG = True  # demo content is for development settings only
    call_command("load_demo_content", verbosity=0)
    settings.DEBUG = False
    call_command("wagtail_update_index", verbosity=0)
