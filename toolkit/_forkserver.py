"""Imported once by the forkserver process that starts the worker processes (see
:func:`toolkit.pool.process_pool`): it makes zeyrek's analyzer there, before any worker is
forked (≈0.4 s from the shipped snapshot, ≈1.3 s if it must be built), so every worker starts
with it instead of each making its own at the same time on every core. The server keeps it
(≈200 MB) while the session lasts."""

import gc

from toolkit.morphology import default_morphology

try:
    default_morphology().analyzer
except Exception:  # noqa: BLE001 - never break the server: each worker then builds its own (and reports the error)
    pass
# What the server holds now (zeyrek's lexicon: ≈450k objects, no garbage) is never collected,
# here or in the workers forked from it, so their collections do not walk it again.
gc.freeze()
