"""The temporal network on small hand-made cases."""

from hypothesis import given, settings
from hypothesis import strategies as st

from incident.timeline.stn import Edge, Network


def network(nodes, groups):
    net = Network(nodes)
    refused = []
    for group in groups:
        cycle = net.add(group)
        if cycle is not None:
            refused.append(cycle)
    return net, refused


def windows(net):
    latest = net.distances_from(0)
    to_origin = net.distances_from(0, reverse=True)
    return [(None if t is None else -t, l) for t, l in zip(to_origin, latest)]


def between(tail_node, head_node, low, high, tag):
    """low ≤ x[head] − x[tail] ≤ high."""
    return [Edge(tail_node, head_node, high, tag), Edge(head_node, tail_node, -low, tag)]


def test_consistent_chain_tightens_every_window():
    net, refused = network(3, [between(0, 1, 100, 200, "a"), between(1, 2, 10, 20, "b"), between(0, 2, 0, 215, "c")])
    assert refused == []
    assert windows(net) == [(0, 0), (100, 200), (110, 215)]


def test_potential_is_a_solution_of_every_accepted_constraint():
    net, _ = network(4, [between(0, 1, 100, 200, "a"), between(1, 2, -50, -40, "b"), between(2, 3, 5, 5, "c"), [Edge(0, 3, 60, "d")]])
    for edges in net.out:
        for e in edges:
            assert net.potential[e.head] - net.potential[e.tail] <= e.weight


def test_relative_chain_without_absolute_anchor_is_unbounded():
    net, _ = network(3, [between(1, 2, 5, 5, "rel")])
    assert windows(net)[1:] == [(None, None), (None, None)]


def test_one_sided_bound():
    net, _ = network(2, [[Edge(1, 0, -40, "not_before")]])  # x1 ≥ 40
    assert windows(net)[1] == (40, None)


def test_inconsistent_pair_is_refused_and_named_by_its_cycle():
    net, refused = network(3, [between(0, 1, 120, 179, "8:42"), between(0, 2, 0, 10, "other"), between(0, 1, 60, 119, "8:41")])
    assert len(refused) == 1
    assert {edge.tag for edge in refused[0]} == {"8:41", "8:42"}
    assert sum(edge.weight for edge in refused[0]) < 0
    assert windows(net)[1] == (120, 179)  # the refused group left nothing behind


def test_inconsistency_through_a_relative_chain():
    # a at 0; b = a + 10; c = b + 10; but c ≤ 15
    net, refused = network(4, [between(0, 1, 0, 0, "a"), between(1, 2, 10, 10, "b"), between(2, 3, 10, 10, "c"), [Edge(0, 3, 15, "cap")]])
    assert [{edge.tag for edge in cycle} for cycle in refused] == [{"a", "b", "c", "cap"}]


def test_cycle_among_events_the_origin_does_not_reach():
    net, refused = network(3, [between(1, 2, 5, 5, "x"), between(2, 1, 5, 5, "y")])  # b = a + 5 and a = b + 5
    assert [{edge.tag for edge in cycle} for cycle in refused] == [{"x", "y"}]


# ---- distances over the tightest of parallel edges (what the metrics ask of a solution)

GROUPS = st.lists(st.lists(st.tuples(st.integers(0, 6), st.integers(0, 6), st.integers(-50, 200)), min_size=1, max_size=3),
                  min_size=1, max_size=60)


@settings(max_examples=300, deadline=None)
@given(GROUPS)
def test_distances_over_the_tightest_edges_are_the_shortest_paths(groups):
    """Random networks, many parallel edges, some groups refused: from every node, the distances
    over `tightest()` are those `distances_from` finds over every edge (None where unreachable)."""
    net, _ = network(7, [[Edge(t, h, w, f"{i}") for t, h, w in group if t != h] or [Edge(0, 1, 500, "x")]
                         for i, group in enumerate(groups)])
    table = net.tightest()
    for source in range(7):
        assert net.distances(source, table) == net.distances_from(source)
