"""An SMTP server process that misbehaves on purpose, for the newsletter's fault tests.

    python -m kvinnofrid.testing.smtp_faults PORT MAILDIR RULES_JSON

It stores what it accepts in a Maildir, like the plain sink, and answers recipients whose
address starts with a rule's prefix as the rule says, a given number of times (then it
behaves): a reply code at RCPT (e.g. 451, 421 or 550), a dropped connection after DATA
(the message is not stored: the client never got a reply), or a stall at RCPT (it writes
`<MAILDIR>/../stalled` and waits) so that a test can kill the client at a known moment.
Each attempt is appended to `<MAILDIR>/../attempts.log`.
"""

import asyncio
import json
import mailbox
import sys
from email import message_from_bytes, policy
from pathlib import Path

from aiosmtpd.controller import Controller


class FaultyHandler:
    def __init__(self, maildir: Path, rules: list[dict]):
        self.mailbox = mailbox.Maildir(maildir)
        self.rules = rules
        self.used: dict[int, int] = {}
        self.log = maildir.parent / "attempts.log"
        self.stalled_marker = maildir.parent / "stalled"

    def _rule(self, address: str, stage: str) -> dict | None:
        for index, rule in enumerate(self.rules):
            if not address.startswith(rule["prefix"]) or rule.get("stage", "rcpt") != stage:
                continue
            times = rule.get("times", 1)
            if times >= 0 and self.used.get(index, 0) >= times:
                continue
            self.used[index] = self.used.get(index, 0) + 1
            return rule
        return None

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with self.log.open("a") as log:
            log.write(f"RCPT {address}\n")
        rule = self._rule(address, "rcpt")
        if rule and rule.get("action") == "stall":
            self.stalled_marker.write_text(address)
            await asyncio.sleep(rule.get("seconds", 60))
        elif rule:
            if rule.get("close"):
                server.transport.close()
            return f"{rule['code']} {rule.get('text', 'Fault injected')}"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        address = envelope.rcpt_tos[0]
        if self._rule(address, "data"):
            server.transport.close()
            return "421 Dropped"
        self.mailbox.add(message_from_bytes(envelope.content, policy=policy.SMTP))
        return "250 Message accepted for delivery"


def main():
    port, maildir, rules = int(sys.argv[1]), Path(sys.argv[2]), json.loads(sys.argv[3])
    maildir.parent.mkdir(parents=True, exist_ok=True)
    controller = Controller(FaultyHandler(maildir, rules), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        asyncio.run(asyncio.Event().wait())
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
