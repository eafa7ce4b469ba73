"""Make the vendored map outline used by the HTML edition's map page.

The map is drawn at build time as SVG, so the site never asks a tile server or
a CDN for anything. Its coastlines and borders come from Natural Earth (public
domain) through the `world-atlas` npm package (ISC), which ships them as
TopoJSON. This module decodes that TopoJSON, clips every country polygon to
the region the articles are about (Anatolia, the Caucasus, the Caspian) and
writes a small XML file the XSLT reads:

    src/edition/data/map-region.xml

It is not run by ``edition render``; it documents, and can repeat, how the
vendored file was made:

    npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    python -m edition.render_mapdata package/countries-50m.json
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from .resources import shipped
from .tei import write_atomic

#: A longitude, latitude pair in degrees.
Point = tuple[float, float]
#: A TopoJSON document as json.loads gives it.
Topology = dict[str, Any]

#: west, south, east, north in degrees: Aegean to the east Caspian shore,
#: Syria/Iraq border to the Don.
REGION = (25.5, 34.0, 55.0, 47.0)
#: Two decimals are about a kilometre: far finer than the map is drawn.
PRECISION = 2
OUTPUT = shipped("data") / "map-region.xml"
SOURCE_NOTE = (
    "Natural Earth 1:50m admin-0 countries (public domain), via the world-atlas "
    "npm package 2.0.2 (ISC), countries-50m.json; clipped to the region and "
    "rounded to 2 decimals by edition.render_mapdata."
)


def decode_arcs(topology: Topology) -> list[list[Point]]:
    """Absolute lon/lat points of every arc (TopoJSON arcs are quantised deltas)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points: list[Point] = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[Point]]) -> list[Point]:
    points: list[Point] = []
    for index in ring:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        # Consecutive arcs share their joining point.
        points.extend(arc if not points else arc[1:])
    return points


def clip_ring(points: Sequence[Point], region: tuple[float, float, float, float] = REGION) -> list[Point]:
    """Sutherland–Hodgman clipping of a closed ring against the region box."""
    west, south, east, north = region
    edges: list[tuple[Callable[[Point], bool], Callable[[Point, Point], Point]]] = [
        (lambda p: p[0] >= west, lambda a, b: _at_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: _at_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: _at_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: _at_y(a, b, north)),
    ]
    output: list[Point] = list(points)
    for inside, cross in edges:
        source, output = output, []
        if not source:
            break
        previous = source[-1]
        for current in source:
            if inside(current):
                if not inside(previous):
                    output.append(cross(previous, current))
                output.append(current)
            elif inside(previous):
                output.append(cross(previous, current))
            previous = current
    return output


def _at_x(a: Point, b: Point, x: float) -> Point:
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def _at_y(a: Point, b: Point, y: float) -> Point:
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def rounded(points: Sequence[Point]) -> list[Point]:
    out: list[Point] = []
    for lon, lat in points:
        p = (round(lon, PRECISION), round(lat, PRECISION))
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def region_outline(topology: Topology) -> etree._Element:
    arcs = decode_arcs(topology)
    root = etree.Element("map", region=" ".join(str(v) for v in REGION))
    etree.SubElement(root, "source").text = SOURCE_NOTE
    countries = sorted(
        topology["objects"]["countries"]["geometries"],
        key=lambda g: g.get("properties", {}).get("name", ""),
    )
    for geometry in countries:
        if geometry.get("type") == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry.get("type") == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = []
        for polygon in polygons:
            for ring in polygon:
                clipped = rounded(clip_ring(ring_points(ring, arcs)))
                if len(clipped) >= 3:
                    rings.append(clipped)
        if rings:
            country = etree.SubElement(root, "country", name=geometry["properties"]["name"])
            for ring in rings:
                etree.SubElement(country, "ring").text = " ".join(
                    f"{lon:g},{lat:g}" for lon, lat in ring
                )
    return root


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m edition.render_mapdata path/to/countries-50m.json", file=sys.stderr)
        return 2
    topology = json.loads(Path(argv[0]).read_text(encoding="utf-8"))
    root = region_outline(topology)
    data = etree.tostring(root, encoding="UTF-8", xml_declaration=True, pretty_print=True)
    write_atomic(OUTPUT, data)
    print(f"{OUTPUT}: {len(root.findall('country'))} countries, {len(data)} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
