"""Geoparsing: the gazetteer, toponym recognition and resolution."""
