"""Runners: map the per-document job over many reports.

Each takes the job as a function (``process(document, gazetteer, **where)``,
:func:`conflictgeo.document.process_document`) and never imports it, so the
job does not know how it is run. :mod:`~conflictgeo.run.pool` runs it in this
process or on a pool of worker processes; :mod:`~conflictgeo.run.cluster` on a
Dask cluster (an optional extra).
"""
