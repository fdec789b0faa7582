"""Chromium from Debian, driven by Playwright, with axe-core for accessibility."""

import os
import shutil

import pytest

CHROMIUM = os.environ.get("KVINNOFRID_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def chromium_or_skip() -> str:
    if os.path.exists(CHROMIUM) or shutil.which(CHROMIUM):
        return CHROMIUM
    message = (
        f"Chromium not found at {CHROMIUM}: install it with `apt-get install chromium` "
        "to run the browser and axe-core tests."
    )
    if os.environ.get("KVINNOFRID_REQUIRE_BROWSER"):
        pytest.fail(message + " (KVINNOFRID_REQUIRE_BROWSER is set, so this cannot skip)")
    pytest.skip(message)


def axe_violations(page) -> list[str]:
    """Run axe-core (WCAG 2.0/2.1 A and AA rules and best practices) on the page."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])} nodes: "
        f"{[node['target'] for node in violation['nodes']][:3]})"
        for violation in results.response["violations"]
    ]
