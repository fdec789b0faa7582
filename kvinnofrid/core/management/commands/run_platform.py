"""`make run`: the web server, a task worker and the schedule of recurring tasks together;
Ctrl-C stops them all."""

import os
import signal
import subprocess
import sys
import time

from django.core.management.base import BaseCommand


def child_environment(*, addr: str, environ=None) -> dict[str, str]:
    """The environment of the three processes. Links in mail (WAGTAILADMIN_BASE_URL, read
    from SITE_URL) must lead to the server just started, so `make run PORT=8123` mails
    http://127.0.0.1:8123/… links; a SITE_URL the developer set explicitly wins. A server
    bound to every interface (0.0.0.0, ::) is reached on 127.0.0.1 from this machine."""
    environ = dict(os.environ if environ is None else environ)
    if not environ.get("SITE_URL"):
        host, _, port = addr.rpartition(":")
        host = host.strip("[]")
        if not port.isdigit():  # "--addr somehost": runserver's default port
            host, port = addr, "8000"
        if host in ("", "0", "0.0.0.0", "::"):
            host = "127.0.0.1"
        if ":" in host:
            host = f"[{host}]"
        environ["SITE_URL"] = f"http://{host}:{port}"
    return environ


class Command(BaseCommand):
    help = "Run the development web server and a background task worker until interrupted."

    def add_arguments(self, parser):
        parser.add_argument("--addr", default="127.0.0.1:8000")

    def handle(self, *args, addr, **options):
        manage = [sys.executable, "manage.py"]
        environ = child_environment(addr=addr)
        processes = [
            subprocess.Popen(
                [*manage, "db_worker", "--queue-name", "*", "--no-reload"], env=environ
            ),
            subprocess.Popen([*manage, "run_schedule"], env=environ),
            subprocess.Popen([*manage, "runserver", "--noreload", addr], env=environ),
        ]

        def stop(*_):
            raise KeyboardInterrupt

        signal.signal(signal.SIGTERM, stop)
        try:
            # If either process dies, stop the other too: half a platform misleads.
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            for process in processes:
                if process.poll() is None:
                    process.terminate()
            for process in processes:
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
            self.stdout.write("Stopped the web server, the worker and the schedule.")
