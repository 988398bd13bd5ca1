"""Imported once by the forkserver process that starts the worker processes (see
:func:`toolkit.scale.process_pool`): it builds zeyrek's analyzer there, before any worker is
forked, so every worker starts with it built (≈1.4 s of one core) instead of each building its
own at the same time on every core. The server keeps it (≈200 MB) while the session lasts."""

from toolkit.morphology import default_morphology

try:
    default_morphology().analyzer
except Exception:  # noqa: BLE001 - never break the server: each worker then builds its own (and reports the error)
    pass
