"""The fleet section's goals read "met" only on complete, clean evidence."""

from __future__ import annotations

from typing import Any

from bench.fleet_goals import fleet_driver_p99, idle_memory, storm_catch_up


def _fleet(**over: Any) -> dict[str, Any]:
    row = {
        "drivers": 1000, "boards": 50, "notices": 40, "driver_frames": 44, "driver_p50_ms": 4.0,
        "driver_p99_ms": 12.0, "board_p99_ms": 15.0, "lost": 0, "duplicated": 0,
        "misdelivered": 0, "commit_marks": 41, "subscriber_error_count": 0,
    }  # fmt: skip
    return {**row, **over}


def _storm(resumers: int, **over: Any) -> dict[str, Any]:
    row = {
        "resumers": resumers, "behind": 50, "caught_up": True, "caught_up_s": 2.0,
        "event_scans": 6, "lost": 0, "duplicated": 0, "order_kept": True,
        "live_p99_ms": 30.0, "subscriber_error_count": 0,
    }  # fmt: skip
    return {**row, **over}


def test_a_clean_fast_fleet_is_met_and_any_loss_or_misdelivery_is_missed() -> None:
    assert fleet_driver_p99(_fleet()).status == "met"
    assert fleet_driver_p99(_fleet(driver_p99_ms=25.0)).status == "missed"
    assert fleet_driver_p99(_fleet(lost=1)).status == "missed"
    assert fleet_driver_p99(_fleet(misdelivered=1)).status == "missed"
    assert fleet_driver_p99(_fleet(duplicated=2)).status == "missed"


def test_fleet_evidence_that_is_not_there_is_invalid() -> None:
    assert fleet_driver_p99(_fleet(driver_frames=0)).status == "invalid"
    assert fleet_driver_p99(_fleet(commit_marks=3)).status == "invalid"
    assert fleet_driver_p99({"error": "TimeoutError"}).status == "invalid"
    assert fleet_driver_p99(None).status == "n/a"


def test_a_storm_is_met_only_when_fast_clean_and_its_reads_stay_flat() -> None:
    assert storm_catch_up([_storm(100), _storm(1000)]).status == "met"
    assert storm_catch_up([_storm(100), _storm(1000, caught_up_s=6.0)]).status == "missed"
    assert storm_catch_up([_storm(100), _storm(1000, event_scans=1006)]).status == "missed"
    assert storm_catch_up([_storm(100), _storm(1000, order_kept=False)]).status == "missed"
    assert storm_catch_up([_storm(100), _storm(1000, lost=3)]).status == "missed"
    assert storm_catch_up([_storm(1000)]).status == "invalid"  # nothing to compare with
    assert storm_catch_up([_storm(100), {"resumers": 1000, "error": "x"}]).status == "invalid"
    # no read counted for notices that were missed: the statistics had not come in
    assert storm_catch_up([_storm(100), _storm(1000, event_scans=0)]).status == "invalid"
    assert storm_catch_up([_storm(100)]).status == "n/a"


def test_idle_memory_is_judged_at_the_largest_count_and_needs_clean_evidence() -> None:
    rows = [
        {"subscriptions": 1000, "kb_per_subscription": 60.0, "subscriber_error_count": 0},
        {"subscriptions": 5000, "kb_per_subscription": 40.0, "subscriber_error_count": 0},
    ]
    assert idle_memory(rows).status == "met"
    assert idle_memory(rows[:1]).status == "missed"
    assert idle_memory([{**rows[1], "subscriber_error_count": 3}]).status == "invalid"
    assert idle_memory([{"error": "TimeoutError"}]).status == "invalid"
    assert idle_memory([]).status == "n/a"


def test_idle_memory_is_judged_by_what_the_last_opened_cost_when_the_first_reused_memory() -> None:
    # 1,000 fit in memory earlier cases freed; the 4,000 after them cost 55 KB each
    rows = [
        {
            "subscriptions": 1000,
            "kb_per_subscription": 0.0,
            "added": 1000,
            "kb_per_added_subscription": 0.0,
            "subscriber_error_count": 0,
        },
        {
            "subscriptions": 5000,
            "kb_per_subscription": 44.0,
            "added": 4000,
            "kb_per_added_subscription": 55.0,
            "subscriber_error_count": 0,
        },
    ]
    assert idle_memory(rows).status == "missed"
    rows[1]["kb_per_added_subscription"] = 49.0
    assert idle_memory(rows).status == "met"


def test_the_storm_in_two_client_processes_is_judged_on_its_own_row() -> None:
    # given the 1,000-resumer storm run in 1 and in 2 client processes
    one = _storm(1000, client_processes=1)
    two = _storm(1000, client_processes=2, caught_up_s=7.0)
    rows = [_storm(100), one, two]
    # when each is judged / then each verdict is its own row's
    assert storm_catch_up(rows, processes=1).status == "met"
    assert storm_catch_up(rows, processes=2).status == "missed"
    assert "2 client processes" in storm_catch_up(rows, processes=2).goal
    assert storm_catch_up([_storm(100), one], processes=2).status == "n/a"
