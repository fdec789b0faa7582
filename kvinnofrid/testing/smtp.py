"""A real SMTP server in its own process (aiosmtpd), storing what it receives in a Maildir
that tests read back with the standard library's mailbox and e-mail parsers."""

import json
import mailbox
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from email import policy
from email.parser import BytesParser
from pathlib import Path


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class SMTPSink:
    host: str
    port: int
    maildir: Path
    process: subprocess.Popen

    def messages(self):
        box = mailbox.Maildir(self.maildir, create=False)
        parser = BytesParser(policy=policy.default)
        return [parser.parsebytes(box.get_bytes(key)) for key in box.iterkeys()]

    def wait_for(self, count: int, timeout: float = 10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            found = self.messages()
            if len(found) >= count:
                return found
            time.sleep(0.05)
        return self.messages()

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=10)


def start_smtp_sink(maildir: Path) -> SMTPSink:
    port = _free_port()
    return _start(
        [
            sys.executable,
            "-m",
            "aiosmtpd",
            "-n",
            "-u",
            "-l",
            f"127.0.0.1:{port}",
            "-c",
            "aiosmtpd.handlers.Mailbox",
            str(maildir),
        ],
        port=port,
        maildir=maildir,
    )


def start_faulty_smtp(maildir: Path, rules: list[dict]) -> SMTPSink:
    """A server that answers some recipients with faults (kvinnofrid/testing/smtp_faults.py)."""
    port = _free_port()
    maildir.parent.mkdir(parents=True, exist_ok=True)
    mailbox.Maildir(maildir, create=True)  # its cur/new/tmp exist before the first read
    return _start(
        [
            sys.executable,
            "-m",
            "kvinnofrid.testing.smtp_faults",
            str(port),
            str(maildir),
            json.dumps(rules),
        ],
        port=port,
        maildir=maildir,
    )


def _start(command: list[str], *, port: int, maildir: Path) -> SMTPSink:
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return SMTPSink("127.0.0.1", port, maildir, process)
        except OSError:
            if process.poll() is not None:
                raise RuntimeError(process.stderr.read().decode()) from None
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("The SMTP server did not start")
