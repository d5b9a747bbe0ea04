"""Open a GeoPackage with QGIS's Python API and print what a QGIS user would see, as JSON.

Run by tests/test_export_styles.py with Debian's /usr/bin/python3 (python3-qgis
is built for it): ``QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py
FILE.gpkg [DAY]``; with DAY (YYYY-MM-DD) it also lists the ids the temporal
controller shows on that day.
"""

import json
import os
import sys

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsProviderRegistry,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QTime, QVariant

path = sys.argv[1]
app = QgsApplication([], False)
app.initQgis()
out = {}
metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
for sub in metadata.querySublayers(path):
    name = sub.name()
    layer = QgsVectorLayer(f"{path}|layername={name}", name, "ogr")
    info = {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "crs": layer.crs().authid() if layer.isSpatial() else None,
        "spatial": layer.isSpatial(),
    }
    message, loaded = layer.loadDefaultStyle()
    info["default_style_loaded"] = bool(loaded)
    info["style_message"] = message
    fields = layer.fields()
    info["date_fields"] = [f.name() for f in fields if f.type() == QVariant.Date]
    renderer = layer.renderer()
    info["renderer"] = renderer.type() if renderer else None
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        cats = renderer.categories()
        info["category_field"] = renderer.classAttribute()
        info["categories"] = [c.value() for c in cats]
        info["category_colours"] = [c.symbol().color().name() for c in cats]
        info["category_shapes"] = [c.symbol().symbolLayer(0).shape() for c in cats]
        size = (
            cats[0]
            .symbol()
            .symbolLayer(0)
            .dataDefinedProperties()
            .property(cats[0].symbol().symbolLayer(0).PropertySize)
        )
        info["size_expression"] = size.expressionString() if size.isActive() else None
    info["labels"] = bool(layer.labelsEnabled())
    if layer.labelsEnabled() and layer.labeling() is not None:
        info["label_field"] = layer.labeling().settings().fieldName
    temporal = layer.temporalProperties()
    info["temporal"] = bool(temporal.isActive())
    if temporal.isActive():
        info["temporal_mode"] = int(temporal.mode())
        info["temporal_start"] = temporal.startExpression()
        info["temporal_end"] = temporal.endExpression()
        # Which features the temporal controller shows on one day (argv[2], ISO).
        if len(sys.argv) > 2:
            day = QDate.fromString(sys.argv[2], "yyyy-MM-dd")
            rng = QgsDateTimeRange(QDateTime(day, QTime(0, 0)), QDateTime(day, QTime(23, 59, 59)))
            expression = temporal.createFilterString(QgsVectorLayerTemporalContext(), rng)
            request = QgsFeatureRequest().setFilterExpression(expression)
            info["filter"] = expression
            info["on_day"] = [f.attribute(fields.at(1).name()) for f in layer.getFeatures(request)]
    out[name] = info
print(json.dumps(out), flush=True)
# QGIS 3.22 can crash tearing down providers at interpreter exit; the answer is out.
os._exit(0)
