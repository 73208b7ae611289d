"""The effect on risk of removing each actor or channel, at one seed."""

from __future__ import annotations

from pacnet_dashboard.model.simulate import simulate
from pacnet_dashboard.model.network import removal_variants
from pacnet_dashboard.analysis.removal import simulate_removals
from pacnet_dashboard.scenario import Scenario

SMALL = Scenario(runs=300, horizon_days=90)


def test_every_removable_item_gets_an_effect_at_capped_runs():
    fx = simulate_removals(SMALL.model_copy(update={"runs": 5000}), max_runs=300)
    assert fx.runs == 300 and fx.seed == SMALL.seed and fx.horizon_days == 90
    kinds = {(e.kind, e.id) for e in fx.effects}
    assert ("actor", "china") in kinds and ("channel", "china_dprk") in kinds and ("actor", "us") not in kinds
    assert len(fx.effects) == 9 + 20
    for e in fx.effects:
        assert e.conductance <= fx.conductance + 1e-9
        assert e.change == e.burst_probability - fx.burst_probability
        assert 0 < e.standard_error_independent < 0.1


def test_removing_china_raises_the_pop_chance_and_results_replay():
    a = simulate_removals(SMALL, kinds=("actor",))
    assert all(e.kind == "actor" for e in a.effects)
    assert a.effect("actor", "china").change >= 0
    assert simulate_removals(SMALL, kinds=("actor",)) == a


def test_each_effect_equals_simulating_its_variant_directly():
    fx = simulate_removals(SMALL)
    for (kind, item_id), variant in removal_variants(SMALL).items():
        assert fx.effect(kind, item_id).burst_probability == simulate(variant).burst_probability
