"""End-to-end geoparsing accuracy on the gold corpora in ../shared/corpora.

For every gold toponym with coordinates, the prediction is the resolved mention
whose span overlaps it; a gold toponym with none counts as a miss (an infinite
error). Reports accuracy within 161 km (100 miles) and the median error, as
the geoparsing literature does. (Resolution given the gold spans, the AUC and
per-type figures belong to `conflictgeo evaluate`, the geocoder issue.)

Usage: .venv/bin/python benchmarks/geoparse_accuracy.py --data-dir DIR
(DIR holds a store with the embedded layer plus the six Middle East dumps;
benchmarks/throughput.py without --data-dir builds one and prints its path.)
"""

from __future__ import annotations

import argparse
import math
import statistics
import xml.etree.ElementTree as ET
from pathlib import Path

from geopy.distance import great_circle

from conflictgeo.gazetteer.index import Gazetteer
from conflictgeo.geoparse.parser import geoparse
from conflictgeo.model import Document

SHARED = Path(__file__).resolve().parents[2] / "shared"


def gold(path: Path):
    for article in ET.parse(path).getroot().iter("article"):
        text = article.findtext("text") or ""
        spans = []
        for top in article.iter("toponym"):
            # LGL: <gaztag><lat>; GeoWebNews: <latitude>.
            lat = top.findtext("gaztag/lat") or top.findtext("latitude")
            lon = top.findtext("gaztag/lon") or top.findtext("longitude")
            if lat and lon and top.findtext("start") and top.findtext("end"):
                spans.append(
                    (int(top.findtext("start")), int(top.findtext("end")), float(lat), float(lon))
                )
        yield text, spans


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--data-dir", type=Path, required=True)
    args = parser.parse_args()
    gazetteer = Gazetteer.open(args.data_dir)
    for name in ("GWN.xml", "lgl.xml"):
        errors = []
        for i, (text, spans) in enumerate(gold(SHARED / "corpora" / name)):
            # Offsets are into the raw text: no cleaning, no headline detection.
            doc = Document(id=str(i), text=text, content_hash=str(i))
            mentions = [m for m in geoparse(doc, gazetteer) if m.place is not None]
            for start, end, lat, lon in spans:
                hit = next((m for m in mentions if m.start < end and start < m.end), None)
                errors.append(
                    great_circle((lat, lon), (hit.place.lat, hit.place.lon)).km if hit else math.inf
                )
        acc = sum(e <= 161 for e in errors) / len(errors)
        print(
            f"{name}: {len(errors)} gold toponyms, end-to-end accuracy@161km {acc:.1%}, "
            f"median error {statistics.median(errors):.0f} km, "
            f"missed {sum(math.isinf(e) for e in errors) / len(errors):.1%}"
        )


if __name__ == "__main__":
    main()
