"""Open a GeoPackage with QGIS's Python API as QGIS Desktop does; print what a user sees, as JSON.

Run by tests/test_export_styles.py with Debian's /usr/bin/python3 (python3-qgis
is built for it)::

    QT_QPA_PLATFORM=offscreen /usr/bin/python3 scripts/qgis_check.py FILE.gpkg [DAY]
        [--render DIR] [--outlines FILE] [--size WxH]

Each layer is loaded the way QGIS Desktop adds a layer (``QgsAppLayerHandling::
postProcessAddedLayer``; ``QgisApp`` in 3.22): constructed without its default
style, then ``loadDefaultStyle()`` once. That is also the one call a PyQGIS
script needs: ``QgsVectorLayer(uri, name, "ogr")`` with the default options
reads the style inside the constructor, and QGIS then resets the temporal
properties to the provider's (none for OGR), so there the temporal controller
stays off (reported as ``temporal_after_plain_constructor``; QGIS issue 42223).

With DAY (YYYY-MM-DD) it also lists the ids the temporal controller shows on
that day. With ``--render DIR`` it renders the events layer (over the country
outlines of ``--outlines``, any file OGR reads) to ``DIR/all.png`` (no
temporal range), ``DIR/DAY.png`` (the temporal range of DAY, as the
controller sets it) and ``DIR/background.png`` (outlines only), and reports
how many pixels of each frame differ from the background and from ``all.png``.
"""

import argparse
import json
import os

from qgis.core import (
    QgsApplication,
    QgsCategorizedSymbolRenderer,
    QgsDateTimeRange,
    QgsFeatureRequest,
    QgsFillSymbol,
    QgsMapRendererSequentialJob,
    QgsMapSettings,
    QgsProviderRegistry,
    QgsSingleSymbolRenderer,
    QgsVectorLayer,
    QgsVectorLayerTemporalContext,
)
from qgis.PyQt.QtCore import QDate, QDateTime, QSize, QTime, QVariant
from qgis.PyQt.QtGui import QColor

parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
parser.add_argument("path")
parser.add_argument("day", nargs="?")
parser.add_argument("--render", metavar="DIR")
parser.add_argument("--outlines", metavar="FILE")
parser.add_argument("--size", default="640x480")
args = parser.parse_args()

app = QgsApplication([], False)
app.initQgis()


def desktop_layer(uri, name):
    """A layer added as QGIS Desktop adds one: no style in the constructor, then one load."""
    options = QgsVectorLayer.LayerOptions()
    options.loadDefaultStyle = False
    layer = QgsVectorLayer(uri, name, "ogr", options)
    message, loaded = layer.loadDefaultStyle()
    return layer, message, loaded


def day_range(day):
    date = QDate.fromString(day, "yyyy-MM-dd")
    return QgsDateTimeRange(QDateTime(date, QTime(0, 0)), QDateTime(date, QTime(23, 59, 59)))


out = {}
layers = {}
metadata = QgsProviderRegistry.instance().providerMetadata("ogr")
for sub in metadata.querySublayers(args.path):
    name = sub.name()
    uri = f"{args.path}|layername={name}"
    layer, message, loaded = desktop_layer(uri, name)
    layers[name] = layer
    info = {
        "valid": layer.isValid(),
        "features": layer.featureCount(),
        "crs": layer.crs().authid() if layer.isSpatial() else None,
        "spatial": layer.isSpatial(),
        "default_style_loaded": bool(loaded),
        "style_message": message,
    }
    fields = layer.fields()
    info["date_fields"] = [f.name() for f in fields if f.type() == QVariant.Date]
    renderer = layer.renderer()
    info["renderer"] = renderer.type() if renderer else None
    if isinstance(renderer, QgsCategorizedSymbolRenderer):
        cats = renderer.categories()
        info["category_field"] = renderer.classAttribute()
        info["categories"] = [c.value() for c in cats]
        info["category_labels"] = [c.label() for c in cats]
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
    plain = QgsVectorLayer(uri, name, "ogr")  # what a script gets from the default options
    info["temporal_after_plain_constructor"] = bool(plain.temporalProperties().isActive())
    if temporal.isActive():
        info["temporal_mode"] = int(temporal.mode())
        info["temporal_start"] = temporal.startExpression()
        info["temporal_end"] = temporal.endExpression()
        # Which features the temporal controller shows on one day.
        if args.day:
            context = QgsVectorLayerTemporalContext()
            expression = temporal.createFilterString(context, day_range(args.day))
            request = QgsFeatureRequest().setFilterExpression(expression)
            info["filter"] = expression
            info["on_day"] = [f.attribute(fields.at(1).name()) for f in layer.getFeatures(request)]
    out[name] = info


def render(path, with_events, day=None):
    """Render the map to ``path`` as the canvas does, with the temporal range of ``day``."""
    width, height = (int(v) for v in args.size.lower().split("x"))
    settings = QgsMapSettings()
    settings.setLayers(([events] if with_events else []) + ([outlines] if outlines else []))
    settings.setDestinationCrs(events.crs())
    extent = events.extent()
    extent.grow(max(extent.width(), extent.height(), 1.0) * 0.15)
    settings.setExtent(extent)
    settings.setOutputSize(QSize(width, height))
    settings.setBackgroundColor(QColor(255, 255, 255))
    settings.setFlag(QgsMapSettings.Antialiasing, True)
    if day:
        settings.setIsTemporal(True)
        settings.setTemporalRange(day_range(day))
    job = QgsMapRendererSequentialJob(settings)
    job.start()
    job.waitForFinished()
    image = job.renderedImage()
    image.save(path)
    return image


def differing(a, b):
    """How many pixels two frames of the same size differ in."""
    one = bytes(a.constBits().asarray(a.sizeInBytes()))
    two = bytes(b.constBits().asarray(b.sizeInBytes()))
    return sum(one[i : i + 4] != two[i : i + 4] for i in range(0, len(one), 4))


if args.render:
    os.makedirs(args.render, exist_ok=True)
    events = layers["events"]
    outlines = None
    if args.outlines:
        outlines = QgsVectorLayer(args.outlines, "countries", "ogr")
        fill = QgsFillSymbol.createSimple(
            {"color": "238,238,232,255", "outline_color": "170,170,170,255", "outline_width": "0.2"}
        )
        outlines.setRenderer(QgsSingleSymbolRenderer(fill))
    background = render(os.path.join(args.render, "background.png"), False)
    frames = {"all": render(os.path.join(args.render, "all.png"), True)}
    if args.day:
        frames[args.day] = render(os.path.join(args.render, f"{args.day}.png"), True, args.day)
    out["render"] = {
        name: {
            "event_pixels": differing(image, background),
            "differs_from_all": differing(image, frames["all"]),
        }
        for name, image in frames.items()
    }

print(json.dumps(out), flush=True)
# QGIS 3.22 can crash tearing down providers at interpreter exit; the answer is out.
os._exit(0)
