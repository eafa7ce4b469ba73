"""edition.render_mapdata: decoding TopoJSON arcs and clipping country
rings to the map's region (how the vendored map outline was made)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from edition.render_mapdata import clip_ring, decode_arcs, region_outline, ring_points, rounded

BOX = (0.0, 0.0, 10.0, 10.0)


def test_arcs_are_quantised_deltas():
    topology = {"transform": {"scale": [0.5, 2.0], "translate": [10.0, 20.0]}, "arcs": [[[0, 0], [2, 1], [-1, 1]]]}
    assert decode_arcs(topology) == [[(10.0, 20.0), (11.0, 22.0), (10.5, 24.0)]]


def test_a_ring_joins_its_arcs_and_a_negative_index_reverses_one():
    arcs = [[(0.0, 0.0), (1.0, 0.0)], [(1.0, 1.0), (1.0, 0.0)]]
    assert ring_points([0, ~1], arcs) == [(0.0, 0.0), (1.0, 0.0), (1.0, 1.0)]


def test_a_ring_inside_the_region_is_kept_and_one_outside_vanishes():
    square = [(1.0, 1.0), (2.0, 1.0), (2.0, 2.0), (1.0, 2.0)]
    assert clip_ring(square, BOX) == square
    assert clip_ring([(20.0, 20.0), (21.0, 20.0), (21.0, 21.0)], BOX) == []


def test_a_ring_across_the_border_is_cut_at_the_border():
    clipped = clip_ring([(5.0, 5.0), (15.0, 5.0), (15.0, 6.0), (5.0, 6.0)], BOX)
    assert max(x for x, _ in clipped) == 10.0 and (10.0, 5.0) in clipped and (10.0, 6.0) in clipped


points = st.tuples(st.floats(-50, 50), st.floats(-50, 50))


@settings(deadline=None)
@given(st.lists(points, min_size=3, max_size=12))
def test_every_clipped_point_is_inside_the_region(ring):
    assert all(-1e-9 <= x <= 10 + 1e-9 and -1e-9 <= y <= 10 + 1e-9 for x, y in clip_ring(ring, BOX))


def test_rounding_drops_repeated_points_and_the_closing_one():
    assert rounded([(1.001, 2.0), (1.0, 2.004), (3.0, 4.0), (1.0, 2.0)]) == [(1.0, 2.0), (3.0, 4.0)]


def test_the_outline_names_each_country_with_rings_in_the_region():
    topology = {
        "transform": {"scale": [1, 1], "translate": [0, 0]},
        "arcs": [[[30, 40], [1, 0], [0, 1], [-1, 0], [0, -1]], [[0, 0], [1, 0], [0, 1], [-1, 0]]],
        "objects": {"countries": {"geometries": [
            {"type": "Polygon", "arcs": [[0]], "properties": {"name": "Inside"}},
            {"type": "Polygon", "arcs": [[1]], "properties": {"name": "Far away"}}]}},
    }
    root = region_outline(topology)
    assert [c.get("name") for c in root.findall("country")] == ["Inside"]
    assert root.find("country/ring").text == "30,40 31,40 31,41 30,41"
