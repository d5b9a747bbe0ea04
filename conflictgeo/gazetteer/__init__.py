"""The gazetteer: places and their names, in a SQLite index built once.

:mod:`~conflictgeo.gazetteer.index` is the store (:class:`Gazetteer`, opened
read-only, and the functions that load files into it);
:mod:`~conflictgeo.gazetteer.sources` reads the embedded layer and GeoNames
dumps; :mod:`~conflictgeo.gazetteer.names` makes the name keys and spelling
skeletons; :mod:`~conflictgeo.gazetteer.areas` places divisions that have no
point of their own; :mod:`~conflictgeo.gazetteer.download` fetches GeoNames
files; :mod:`~conflictgeo.gazetteer.online` asks a web service (opt-in).
Nothing here reads report text: that is :mod:`conflictgeo.geoparse`.
"""

from __future__ import annotations

from conflictgeo.gazetteer.index import Candidate, Gazetteer, add_files, data_dir, remove_source

__all__ = ["Candidate", "Gazetteer", "add_files", "data_dir", "remove_source"]
