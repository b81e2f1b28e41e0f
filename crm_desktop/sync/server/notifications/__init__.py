"""Team notifications (issue 17): report submitted / returned / late, a critical market
report and an overdue complaint, sent to a team's DingTalk or WeCom group robot, a generic
JSON webhook or e-mail.

How it fits together:

- `tables`: the channels configured per team and the delivery outbox (revision s0014).
- `events`: a push enqueues its events in its own transaction (`after_mutation`), insert
  only, never failing the push; `scan` enqueues the time-based ones (late reports,
  overdue complaints) on the injected clock. A dedupe key per (channel, event) makes a
  second enqueue of the same event a no-op.
- `messages`: the words (Chinese first, English in the generic JSON) and each channel's
  body, pure functions.
- `senders`: HTTP (httpx, with timeouts) and SMTP (smtplib) delivery of one message.
- `delivery`: claims due rows (FOR UPDATE SKIP LOCKED on PostgreSQL), sends, retries with
  exponential backoff up to a maximum, then marks the row failed: at-least-once.
- `worker`: the background thread of a server process (started with the app's lifespan).
- `channels`: what `crm-server notify ...` does.
"""
