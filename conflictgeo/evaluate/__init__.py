"""Scoring against gold data: :mod:`~conflictgeo.evaluate.geoparse` for
toponyms (accuracy@161 km, AUC), :mod:`~conflictgeo.evaluate.events` for coded
events. Tools over the pipeline; nothing in it imports them."""
