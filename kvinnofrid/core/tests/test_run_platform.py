"""`make run PORT=…`: the processes run_platform starts mail links to that very server."""

import subprocess
import sys

from django.conf import settings

from kvinnofrid.core.management.commands.run_platform import child_environment


def test_the_children_get_the_address_the_server_was_started_on():
    environ = child_environment(addr="127.0.0.1:8123", environ={"PATH": "/usr/bin"})
    assert environ["SITE_URL"] == "http://127.0.0.1:8123"
    assert environ["PATH"] == "/usr/bin"


def test_a_server_on_every_interface_is_linked_on_the_loopback_address():
    assert child_environment(addr="0.0.0.0:9000", environ={})["SITE_URL"] == (
        "http://127.0.0.1:9000"
    )
    assert child_environment(addr="8200", environ={})["SITE_URL"] == "http://127.0.0.1:8200"
    assert child_environment(addr="[::1]:8300", environ={})["SITE_URL"] == "http://[::1]:8300"


def test_a_site_url_the_developer_set_wins():
    environ = child_environment(addr="127.0.0.1:8123", environ={"SITE_URL": "https://x.example"})
    assert environ["SITE_URL"] == "https://x.example"


def test_the_dev_settings_of_a_child_process_build_mail_links_on_that_port():
    environ = child_environment(addr="127.0.0.1:8123", environ={})
    environ["DJANGO_SETTINGS_MODULE"] = "config.settings.dev"
    environ["PATH"] = "/usr/bin:/bin"
    code = (
        "import django; django.setup(); "
        "from kvinnofrid.events.ics import absolute_url; print(absolute_url('/nyhetsbrev/'))"
    )
    output = subprocess.run(
        [sys.executable, "-c", code],
        env=environ,
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert output.strip() == "http://127.0.0.1:8123/nyhetsbrev/"
