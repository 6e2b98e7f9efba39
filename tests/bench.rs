//! `dts-async bench` as a user runs it: a small run of each standard workload on an embedded
//! scheduler, its JSON report read as a script would (the figures themselves are measured by
//! scripts/bench-*.sh, never asserted).

mod common;

use serde_json::Value;

fn bench(workload: &str) -> Value {
    let (code, report, stderr) = common::json_of(common::cli("http://127.0.0.1:9").args([
        "-o",
        "json",
        "bench",
        "--embedded",
        "--workload",
        workload,
        "--count",
        "40",
        "--warmup",
        "5",
        "--concurrency",
        "8",
    ]));
    assert_eq!(code, 0, "{stderr}");
    report
}

#[test]
fn each_workload_runs_on_an_embedded_scheduler_and_reports_its_figures() {
    for (workload, actions) in [("sample", 2.0), ("sequence5", 6.0)] {
        let report = bench(workload);
        assert_eq!(report["workload"], workload, "{report}");
        assert_eq!(report["orchestrations"], 40, "{report}");
        assert_eq!(
            report["failed"], 0,
            "every orchestration completed: {report}"
        );
        let per_second = report["orchestrations_per_second"].as_f64().unwrap_or(0.0);
        assert!(per_second > 0.0, "{report}");
        let actions_per_second = report["actions_per_second"].as_f64().unwrap_or(0.0);
        assert!(
            (actions_per_second - per_second * actions).abs() < 1e-6 * actions_per_second.max(1.0),
            "{actions} actions per orchestration: {report}"
        );
        let latency = &report["latency_ms"];
        let at = |key: &str| latency[key].as_f64().unwrap_or(f64::NAN);
        assert!(
            0.0 < at("p50")
                && at("p50") <= at("p95")
                && at("p95") <= at("p99")
                && at("p99") <= at("max"),
            "ordered percentiles: {report}"
        );
    }
}
