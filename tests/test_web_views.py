"""The network page's layout: the same picture as networkx's spring layout, computed faster."""

from __future__ import annotations

import math
import random

import pytest

nx = pytest.importorskip("networkx")
pytest.importorskip("numpy")

from communique.web import views  # noqa: E402


def graph(nodes: int, seed: int) -> nx.Graph:
    """A weighted graph like a network page's: countries, edges weighted by events, a pull to a centre."""
    rng = random.Random(seed)
    g = nx.Graph()
    g.add_nodes_from(f"C{n:02d}" for n in range(nodes))
    for n in range(nodes):
        for other in rng.sample(range(nodes), min(3, nodes)):
            if other != n:
                g.add_edge(f"C{n:02d}", f"C{other:02d}", weight=1 + math.log1p(rng.randrange(1, 60)))
    g.add_weighted_edges_from(("centre", n, 0.3) for n in sorted(g.nodes))
    return g


@pytest.mark.parametrize("nodes", [1, 2, 7, 41, 120])
def test_the_spring_layout_gives_networkx_positions_bit_for_bit(nodes):
    for seed in range(3):
        g = graph(nodes, seed)
        k = 1.6 / math.sqrt(len(g))
        expected = nx.spring_layout(g, seed=7, weight="weight", k=k, iterations=200)
        found = views.spring_layout(g, seed=7, k=k, iterations=200)
        assert list(found) == list(expected)
        assert all(found[n].tolist() == expected[n].tolist() for n in g), (nodes, seed)


def test_a_layout_that_settles_early_stops_where_networkx_stops():
    g = nx.Graph()
    g.add_weighted_edges_from([("A", "B", 1.0), ("B", "C", 1.0)])
    for iterations in (1, 5, 500):
        expected = nx.spring_layout(g, seed=7, weight="weight", k=0.5, iterations=iterations, threshold=1e-2)
        found = views.spring_layout(g, seed=7, k=0.5, iterations=iterations, threshold=1e-2)
        assert all(found[n].tolist() == expected[n].tolist() for n in g)
